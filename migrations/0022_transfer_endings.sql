ALTER TABLE `pupil_transfers` ADD `ended_by_user_id` text;--> statement-breakpoint
ALTER TABLE `pupil_transfers` ADD `ended_at` text;