CREATE TABLE `la_counts` (
	`la_id` text NOT NULL,
	`dimension` text NOT NULL,
	`framework` text NOT NULL,
	`key` text NOT NULL,
	`pupils` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`la_id`, `dimension`, `framework`, `key`)
);
--> statement-breakpoint
CREATE TABLE `need_counts` (
	`la_id` text NOT NULL,
	`school_id` text NOT NULL,
	`area` text NOT NULL,
	`pupils` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`school_id`, `area`)
);
--> statement-breakpoint
CREATE INDEX `assessments_by_la_requested` ON `assessment_requests` (`la_id`,`requested_on`,`id`);--> statement-breakpoint
CREATE INDEX `running_reviews_by_la` ON `clocks` (`la_id`,`due_on`,`id`) WHERE stopped_at IS NULL AND kind IN ('planReview', 'reviewsTwiceYearly', 'statementAnnualReview', 'ehcPlanAnnualReview');--> statement-breakpoint
CREATE INDEX `running_reviews_by_school` ON `clocks` (`school_id`,`due_on`,`id`) WHERE stopped_at IS NULL AND kind IN ('planReview', 'reviewsTwiceYearly', 'statementAnnualReview', 'ehcPlanAnnualReview');--> statement-breakpoint
CREATE INDEX `drs_open_by_la` ON `drs_referrals` (`la_id`,`created_at`,`id`) WHERE current_step NOT IN ('agreementReached', 'noAgreement', 'withdrawn');--> statement-breakpoint
CREATE INDEX `plans_copy_pending` ON `plans` (`school_id`,`date_written`) WHERE copy_given_to_parent_on IS NULL;--> statement-breakpoint
CREATE INDEX `pupils_by_la_stage_name` ON `pupils` (`la_id`,`stage`,`family_name`,`given_name`,`id`);--> statement-breakpoint
CREATE INDEX `pupils_by_school_stage_name` ON `pupils` (`school_id`,`stage`,`family_name`,`given_name`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_copy_pending` ON `reviews` (`school_id`,`review_date`) WHERE copy_sent_to_parents_on IS NULL;--> statement-breakpoint
CREATE INDEX `schools_by_la_name` ON `schools` (`la_id`,`name`,`id`);