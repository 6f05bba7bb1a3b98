CREATE TABLE `assessment_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`kind` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_on` text NOT NULL,
	`parents_consulted_on` text,
	`reasons` text NOT NULL,
	`evidence` text DEFAULT '[]' NOT NULL,
	`la_decision` text,
	`la_decision_on` text,
	`plan_issued_on` text,
	`exceptions` text DEFAULT '[]' NOT NULL,
	`created_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_by_la` ON `assessment_requests` (`la_id`,`requested_on`);--> statement-breakpoint
CREATE INDEX `assessments_by_pupil` ON `assessment_requests` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `clocks` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`kind` text NOT NULL,
	`started_on` text NOT NULL,
	`due_on` text NOT NULL,
	`timescale` text NOT NULL,
	`started_by_seq` integer,
	`stopped_at` text,
	`stopped_by_seq` integer,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `running_clocks_by_due` ON `clocks` (`due_on`) WHERE stopped_at IS NULL;--> statement-breakpoint
CREATE INDEX `running_clocks_by_school` ON `clocks` (`school_id`,`due_on`) WHERE stopped_at IS NULL;--> statement-breakpoint
CREATE INDEX `running_clocks_by_la` ON `clocks` (`la_id`,`due_on`) WHERE stopped_at IS NULL;--> statement-breakpoint
CREATE INDEX `clocks_by_pupil` ON `clocks` (`pupil_id`,`kind`);--> statement-breakpoint
CREATE TABLE `drs_referral_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`step` text NOT NULL,
	`happened_on` text NOT NULL,
	`note` text,
	`recorded_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `drs_referrals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drs_steps_by_referral` ON `drs_referral_steps` (`referral_id`,`happened_on`);--> statement-breakpoint
CREATE TABLE `drs_referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`informal_resolution_tried` text NOT NULL,
	`parent_partnership_informed_on` text,
	`parent_mediation` text,
	`parent_mediation_on` text,
	`school_mediation` text,
	`school_mediation_on` text,
	`summary_of_issues` text NOT NULL,
	`actions_taken` text NOT NULL,
	`signed_by_parent_on` text,
	`signed_by_school_on` text,
	`la_decision_on` text,
	`current_step` text NOT NULL,
	`timescales` text NOT NULL,
	`created_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drs_by_la_step` ON `drs_referrals` (`la_id`,`current_step`);--> statement-breakpoint
CREATE INDEX `drs_by_pupil` ON `drs_referrals` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `local_authorities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`region` text NOT NULL,
	`timescale_overrides` text DEFAULT '{}' NOT NULL,
	`retention_years_after_birth` integer DEFAULT 31 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `local_authorities_code_unique` ON `local_authorities` (`code`);--> statement-breakpoint
CREATE TABLE `parent_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`held_on` text NOT NULL,
	`attendees` text DEFAULT '[]' NOT NULL,
	`outcomes_agreed` text NOT NULL,
	`actions_agreed` text,
	`pupil_views` text,
	`record_given_to_parents_on` text,
	`recorded_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_by_pupil` ON `parent_meetings` (`pupil_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `meetings_by_school` ON `parent_meetings` (`school_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `plan_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`position` integer NOT NULL,
	`target` text NOT NULL,
	`success_criteria` text NOT NULL,
	`materials` text NOT NULL,
	`methods` text NOT NULL,
	`delivered_by` text NOT NULL,
	`group_size` text NOT NULL,
	`frequency` text NOT NULL,
	`intervention` text,
	`cost_per_term_pence` integer,
	`outcome` text,
	`outcome_data` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_by_plan` ON `plan_targets` (`plan_id`,`position`);--> statement-breakpoint
CREATE INDEX `targets_by_intervention` ON `plan_targets` (`intervention`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`stage` text NOT NULL,
	`cycle` integer DEFAULT 0 NOT NULL,
	`objective` text NOT NULL,
	`baseline` text NOT NULL,
	`date_written` text NOT NULL,
	`review_date` text NOT NULL,
	`copy_given_to_parent_on` text,
	`written_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`written_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plans_by_pupil` ON `plans` (`pupil_id`,`date_written`);--> statement-breakpoint
CREATE INDEX `plans_by_school_review` ON `plans` (`school_id`,`review_date`);--> statement-breakpoint
CREATE TABLE `pupil_events` (
	`pupil_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`actor_role` text NOT NULL,
	`move` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`cycle` integer NOT NULL,
	`reason` text,
	`form_kind` text,
	`form_id` text,
	PRIMARY KEY(`pupil_id`, `seq`),
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pupils` (
	`id` text PRIMARY KEY NOT NULL,
	`upn` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`year_group` text NOT NULL,
	`school_id` text NOT NULL,
	`la_id` text NOT NULL,
	`framework` text NOT NULL,
	`stage` text NOT NULL,
	`cycle` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`primary_need` text,
	`secondary_need` text,
	`areas_of_need` text DEFAULT '[]' NOT NULL,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pupils_upn_unique` ON `pupils` (`upn`);--> statement-breakpoint
CREATE INDEX `pupils_by_school_stage` ON `pupils` (`school_id`,`stage`);--> statement-breakpoint
CREATE INDEX `pupils_by_school_name` ON `pupils` (`school_id`,`family_name`,`given_name`);--> statement-breakpoint
CREATE INDEX `pupils_by_la_stage` ON `pupils` (`la_id`,`stage`);--> statement-breakpoint
CREATE TABLE `records_of_concern` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text,
	`school_id` text NOT NULL,
	`raised_by` text NOT NULL,
	`raised_by_user_id` text,
	`child_name` text,
	`child_date_of_birth` text,
	`parent_name` text,
	`parent_email` text,
	`contributors` text DEFAULT '[]' NOT NULL,
	`areas_of_concern` text NOT NULL,
	`description` text NOT NULL,
	`evidence` text,
	`strategies_used` text,
	`strategy_outcomes` text,
	`pupil_discussion` text,
	`parent_discussion` text,
	`external_agencies` text,
	`senco_action` text,
	`senco_signed_at` text,
	`teacher_signed_at` text,
	`parent_signed_at` text,
	`idempotency_key` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `concerns_by_pupil` ON `records_of_concern` (`pupil_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `concerns_by_school` ON `records_of_concern` (`school_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `concerns_idempotency` ON `records_of_concern` (`school_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`plan_id` text,
	`stage` text NOT NULL,
	`review_date` text NOT NULL,
	`contributors` text DEFAULT '[]' NOT NULL,
	`areas_of_concern` text NOT NULL,
	`evaluation` text NOT NULL,
	`pupil_views` text,
	`parent_views` text,
	`external_agencies` text,
	`decision` text,
	`signed_by` text,
	`signed_position` text,
	`signed_on` text,
	`copy_sent_to_parents_on` text,
	`recorded_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_by_pupil` ON `reviews` (`pupil_id`,`review_date`);--> statement-breakpoint
CREATE INDEX `reviews_by_school` ON `reviews` (`school_id`,`review_date`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` text PRIMARY KEY NOT NULL,
	`la_id` text NOT NULL,
	`name` text NOT NULL,
	`urn` text NOT NULL,
	`phase` text NOT NULL,
	`framework` text NOT NULL,
	`public_slug` text NOT NULL,
	`embed_origins` text DEFAULT '[]' NOT NULL,
	`region` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schools_urn_unique` ON `schools` (`urn`);--> statement-breakpoint
CREATE UNIQUE INDEX `schools_public_slug_unique` ON `schools` (`public_slug`);--> statement-breakpoint
CREATE INDEX `schools_by_la` ON `schools` (`la_id`,`name`);--> statement-breakpoint
CREATE TABLE `specialist_involvements` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`school_id` text NOT NULL,
	`service` text NOT NULL,
	`specialist_name` text,
	`parents_agreed_on` text,
	`requested_on` text NOT NULL,
	`seen_on` text,
	`advice_summary` text,
	`shared_with_parents_on` text,
	`recorded_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `specialists_by_pupil` ON `specialist_involvements` (`pupil_id`,`requested_on`);--> statement-breakpoint
CREATE TABLE `staff_schools` (
	`user_id` text NOT NULL,
	`school_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `school_id`),
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_schools_by_school` ON `staff_schools` (`school_id`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`la_id` text,
	`password_hash` text,
	`password_salt` text,
	`token_version` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_email_unique` ON `staff_users` (`email`);--> statement-breakpoint
CREATE INDEX `staff_by_la` ON `staff_users` (`la_id`);--> statement-breakpoint
CREATE TABLE `teaching_assignments` (
	`user_id` text NOT NULL,
	`pupil_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `pupil_id`),
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `teaching_by_pupil` ON `teaching_assignments` (`pupil_id`);