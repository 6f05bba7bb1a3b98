CREATE TABLE `la_timescale_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`la_id` text NOT NULL,
	`takes_effect_on` text NOT NULL,
	`overrides` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`recorded_by` text,
	FOREIGN KEY (`la_id`) REFERENCES `local_authorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timescale_changes_by_la` ON `la_timescale_changes` (`la_id`,`takes_effect_on`,`recorded_at`);--> statement-breakpoint
-- Each LA's local timescales become the first entry of its history, in force from before any clock it runs.
INSERT INTO `la_timescale_changes` (`id`, `la_id`, `takes_effect_on`, `overrides`, `recorded_by`)
SELECT lower(hex(randomblob(16))), `id`, '1900-01-01', `timescale_overrides`, NULL
FROM `local_authorities`
WHERE `timescale_overrides` <> '{}';--> statement-breakpoint
ALTER TABLE `local_authorities` DROP COLUMN `timescale_overrides`;