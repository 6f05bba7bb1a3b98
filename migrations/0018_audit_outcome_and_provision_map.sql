CREATE TABLE `intervention_pupils` (
	`id` text PRIMARY KEY NOT NULL,
	`intervention_id` text NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`started_on` text NOT NULL,
	`ended_on` text,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `intervention_pupils_by_intervention` ON `intervention_pupils` (`intervention_id`,`ended_on`);--> statement-breakpoint
CREATE INDEX `intervention_pupils_by_pupil` ON `intervention_pupils` (`pupil_id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `outcome` text DEFAULT 'done' NOT NULL;--> statement-breakpoint
ALTER TABLE `interventions` ADD `sessions_per_week` integer;--> statement-breakpoint
ALTER TABLE `interventions` ADD `session_minutes` integer;--> statement-breakpoint
ALTER TABLE `interventions` ADD `cost_basis` text;--> statement-breakpoint
ALTER TABLE `interventions` ADD `cost_pence` integer;--> statement-breakpoint
ALTER TABLE `interventions` ADD `ended_on` text;