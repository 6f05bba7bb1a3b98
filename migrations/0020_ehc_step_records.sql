CREATE TABLE `ehc_step_records` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`step` text NOT NULL,
	`happened_on` text NOT NULL,
	`transfer_on` text,
	`to_post_sixteen` integer,
	`recorded_by_user_id` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ehc_steps_by_pupil` ON `ehc_step_records` (`pupil_id`,`happened_on`);--> statement-breakpoint
CREATE INDEX `ehc_steps_by_la` ON `ehc_step_records` (`la_id`,`happened_on`);