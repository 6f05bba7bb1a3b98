DROP INDEX `pupils_by_school_name`;--> statement-breakpoint
CREATE INDEX `pupils_by_la_name` ON `pupils` (`la_id`,`family_name`,`given_name`,`id`);--> statement-breakpoint
CREATE INDEX `pupils_by_school_name` ON `pupils` (`school_id`,`family_name`,`given_name`,`id`);--> statement-breakpoint
DROP INDEX `teaching_by_pupil`;--> statement-breakpoint
CREATE INDEX `teaching_by_pupil` ON `teaching_assignments` (`pupil_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `concerns_by_raiser` ON `records_of_concern` (`raised_by_user_id`,`pupil_id`);