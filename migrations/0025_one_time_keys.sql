ALTER TABLE `assessment_requests` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_once` ON `assessment_requests` (`pupil_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `interventions` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `interventions_once` ON `interventions` (`school_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `parent_links` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `parent_links_once` ON `parent_links` (`pupil_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `reviews` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_once` ON `reviews` (`pupil_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `staff_invitations` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_once` ON `staff_invitations` (`invited_by_user_id`,`idempotency_key`);