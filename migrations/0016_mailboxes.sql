ALTER TABLE `local_authorities` ADD `mailbox` text;--> statement-breakpoint
ALTER TABLE `schools` ADD `mailbox` text;