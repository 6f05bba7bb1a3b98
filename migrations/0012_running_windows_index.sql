DROP INDEX `running_clocks_by_kind`;--> statement-breakpoint
CREATE INDEX `running_windows_by_due` ON `clocks` (`due_on`) WHERE stopped_at IS NULL AND kind IN ('tribunalAppealWindow');