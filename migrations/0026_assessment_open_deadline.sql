ALTER TABLE `assessment_requests` ADD `open_deadline` text;--> statement-breakpoint
CREATE INDEX `assessments_open_by_deadline` ON `assessment_requests` (`la_id`,`open_deadline`,`id`) WHERE open_deadline IS NOT NULL;--> statement-breakpoint
CREATE INDEX `assessments_decided_by_la` ON `assessment_requests` (`la_id`,`requested_on`,`id`) WHERE open_deadline IS NULL;