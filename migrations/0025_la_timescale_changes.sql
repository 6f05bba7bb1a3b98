CREATE TABLE `la_timescale_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`la_id` text NOT NULL,
	`takes_effect_on` text NOT NULL,
	`overrides` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`recorded_by` text,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timescale_changes_by_la` ON `la_timescale_changes` (`la_id`,`takes_effect_on`,`recorded_at`);