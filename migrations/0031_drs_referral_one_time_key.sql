ALTER TABLE `drs_referrals` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `drs_referrals_once` ON `drs_referrals` (`pupil_id`,`idempotency_key`);