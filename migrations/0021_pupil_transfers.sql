CREATE TABLE `pupil_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`from_school_id` text NOT NULL,
	`from_la_id` text NOT NULL,
	`to_school_id` text NOT NULL,
	`to_la_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`started_by_user_id` text NOT NULL,
	`started_at` text NOT NULL,
	`accepted_by_user_id` text,
	`accepted_at` text,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfers_one_pending` ON `pupil_transfers` (`pupil_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `transfers_to_school` ON `pupil_transfers` (`to_school_id`,`status`,`started_at`);