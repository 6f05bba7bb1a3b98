ALTER TABLE `alerts` ADD `raised_at` text;--> statement-breakpoint
CREATE INDEX `alerts_by_raised_at` ON `alerts` (`raised_at`);--> statement-breakpoint
CREATE INDEX `open_alerts_by_clock` ON `alerts` (`clock_id`) WHERE resolved_at IS NULL;--> statement-breakpoint
ALTER TABLE `local_authorities` ADD `alert_settings` text DEFAULT '{}' NOT NULL;