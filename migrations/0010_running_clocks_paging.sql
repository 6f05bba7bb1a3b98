DROP INDEX `running_clocks_by_due`;--> statement-breakpoint
CREATE INDEX `running_clocks_by_kind` ON `clocks` (`kind`,`due_on`) WHERE stopped_at IS NULL;--> statement-breakpoint
CREATE INDEX `running_clocks_by_due` ON `clocks` (`due_on`,`id`) WHERE stopped_at IS NULL;