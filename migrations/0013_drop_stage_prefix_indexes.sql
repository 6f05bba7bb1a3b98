DROP INDEX `pupils_by_school_stage`;--> statement-breakpoint
DROP INDEX `pupils_by_la_stage`;