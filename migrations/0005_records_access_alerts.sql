CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`clock_id` text NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`clock_kind` text NOT NULL,
	`threshold` text NOT NULL,
	`due_on` text NOT NULL,
	`raised_on` text NOT NULL,
	`audience_role` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`clock_id`) REFERENCES `clocks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_once` ON `alerts` (`clock_id`,`threshold`);--> statement-breakpoint
CREATE INDEX `alerts_by_school` ON `alerts` (`school_id`,`raised_on`);--> statement-breakpoint
CREATE INDEX `alerts_by_la` ON `alerts` (`la_id`,`raised_on`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`action` text NOT NULL,
	`resource` text NOT NULL,
	`resource_id` text,
	`la_id` text,
	`school_id` text,
	`pupil_id` text,
	`route` text,
	`ip_address` text,
	`user_agent` text
);
--> statement-breakpoint
CREATE INDEX `audit_by_pupil` ON `audit_log` (`pupil_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_by_school` ON `audit_log` (`school_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_by_la` ON `audit_log` (`la_id`,`at`);--> statement-breakpoint
CREATE TABLE `interventions` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`area_of_need` text,
	`group_size` text NOT NULL,
	`frequency` text NOT NULL,
	`staff` text NOT NULL,
	`cost_per_term_pence` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interventions_by_school` ON `interventions` (`school_id`,`name`);--> statement-breakpoint
CREATE TABLE `parent_links` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`parent_name` text NOT NULL,
	`parent_email` text,
	`token_hash` text NOT NULL,
	`created_by_user_id` text,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parent_links_token_hash_unique` ON `parent_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `parent_links_by_pupil` ON `parent_links` (`pupil_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `parent_views` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`plan_id` text,
	`parent_link_id` text,
	`recorded_by_user_id` text,
	`what_is_going_well` text,
	`concerns` text,
	`child_views` text,
	`questions_for_review` text,
	`submitted_at` text NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_link_id`) REFERENCES `parent_links`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `parent_views_by_pupil` ON `parent_views` (`pupil_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `parent_views_by_plan` ON `parent_views` (`plan_id`);--> statement-breakpoint
CREATE TABLE `staff_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`la_id` text,
	`school_id` text,
	`token_hash` text NOT NULL,
	`invited_by_user_id` text NOT NULL,
	`expires_at` text NOT NULL,
	`accepted_at` text,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_invitations_token_hash_unique` ON `staff_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_by_school` ON `staff_invitations` (`school_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `invitations_by_la` ON `staff_invitations` (`la_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `stage_counts` (
	`la_id` text NOT NULL,
	`school_id` text NOT NULL,
	`framework` text NOT NULL,
	`stage` text NOT NULL,
	`pupils` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`school_id`, `stage`)
);
--> statement-breakpoint
CREATE INDEX `stage_counts_by_la` ON `stage_counts` (`la_id`,`stage`);--> statement-breakpoint
CREATE TABLE `term_snapshots` (
	`la_id` text NOT NULL,
	`school_id` text NOT NULL,
	`term` text NOT NULL,
	`measure` text NOT NULL,
	`value` integer NOT NULL,
	`taken_at` text NOT NULL,
	PRIMARY KEY(`school_id`, `term`, `measure`)
);
--> statement-breakpoint
CREATE INDEX `term_snapshots_by_la` ON `term_snapshots` (`la_id`,`term`);--> statement-breakpoint
ALTER TABLE `clocks` ADD `subject_kind` text;--> statement-breakpoint
ALTER TABLE `clocks` ADD `subject_id` text;--> statement-breakpoint
CREATE INDEX `clocks_by_subject` ON `clocks` (`subject_kind`,`subject_id`);--> statement-breakpoint
ALTER TABLE `drs_referrals` ADD `copy_sent_to_parents_on` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claimed_until` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `provider_message_id` text;--> statement-breakpoint
ALTER TABLE `plan_targets` ADD `intervention_id` text REFERENCES interventions(id);--> statement-breakpoint
CREATE INDEX `targets_by_intervention` ON `plan_targets` (`intervention_id`,`plan_id`);--> statement-breakpoint
ALTER TABLE `plans` ADD `kind` text DEFAULT 'iep' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `support_at_home` text;--> statement-breakpoint
ALTER TABLE `plans` ADD `pupil_views` text;--> statement-breakpoint
ALTER TABLE `plans` ADD `parent_views` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `child_year_group` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `parent_phone` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `parent_relationship` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `reference` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `status_token_hash` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `respond_by` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `acknowledged_at` text;--> statement-breakpoint
ALTER TABLE `records_of_concern` ADD `copy_given_to_parents_on` text;--> statement-breakpoint
CREATE UNIQUE INDEX `concerns_by_reference` ON `records_of_concern` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `concerns_by_status_token` ON `records_of_concern` (`status_token_hash`);--> statement-breakpoint
ALTER TABLE `staff_users` ADD `calendar_token_hash` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `last_signed_in_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_calendar_token_hash_unique` ON `staff_users` (`calendar_token_hash`);