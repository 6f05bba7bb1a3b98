DROP INDEX `targets_by_intervention`;--> statement-breakpoint
ALTER TABLE `plan_targets` DROP COLUMN `intervention`;--> statement-breakpoint
ALTER TABLE `plan_targets` DROP COLUMN `cost_per_term_pence`;