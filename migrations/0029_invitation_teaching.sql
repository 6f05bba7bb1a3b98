CREATE TABLE `invitation_teaching` (
	`invitation_id` text NOT NULL,
	`pupil_id` text NOT NULL,
	PRIMARY KEY(`invitation_id`, `pupil_id`),
	FOREIGN KEY (`invitation_id`) REFERENCES `staff_invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invitation_teaching_by_pupil` ON `invitation_teaching` (`pupil_id`);