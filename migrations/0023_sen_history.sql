CREATE TABLE `sen_history` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`start_date` text NOT NULL,
	`provision` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sen_history_by_pupil` ON `sen_history` (`pupil_id`,`start_date`);