ALTER TABLE `parent_meetings` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_once` ON `parent_meetings` (`pupil_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `parent_views` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `parent_views_once` ON `parent_views` (`pupil_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `plans` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `plans_once` ON `plans` (`pupil_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `specialist_involvements` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `specialists_once` ON `specialist_involvements` (`pupil_id`,`idempotency_key`);