DROP INDEX `pupils_upn_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `pupils_upn_at_school` ON `pupils` (`school_id`,`upn`);