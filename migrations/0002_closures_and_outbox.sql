CREATE TABLE `closure_days` (
	`la_id` text NOT NULL,
	`date` text NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`la_id`, `date`),
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`la_id` text,
	`school_id` text,
	`pupil_id` text,
	`audience` text NOT NULL,
	`recipient_user_id` text,
	`recipient_email` text,
	`template` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`dedupe_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`sent_at` text,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_by_school` ON `outbox` (`school_id`,`created_at`);