-- The event log is append-only and gapless per pupil. These guards hold even if a writer other than the
-- pupil's Durable Object reaches the database: a move made against a stale version aborts the whole batch.
CREATE TRIGGER pupil_events_gapless
BEFORE INSERT ON pupil_events
WHEN NEW.seq <> COALESCE((SELECT version FROM pupils WHERE id = NEW.pupil_id), -1) + 1
BEGIN
  SELECT RAISE(ABORT, 'stale_version');
END;
--> statement-breakpoint
CREATE TRIGGER pupil_events_no_update
BEFORE UPDATE ON pupil_events
BEGIN
  SELECT RAISE(ABORT, 'event_log_is_append_only');
END;
--> statement-breakpoint
-- Events go only with an erased record: a closed pupil past its retention period (issue 4).
CREATE TRIGGER pupil_events_no_delete_while_open
BEFORE DELETE ON pupil_events
WHEN (SELECT closed_at FROM pupils WHERE id = OLD.pupil_id) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'event_log_is_append_only');
END;
--> statement-breakpoint
-- A pupil's version only ever moves to the seq of the event written with it.
CREATE TRIGGER pupils_version_follows_events
BEFORE UPDATE OF version ON pupils
WHEN NEW.version <> OLD.version + 1
  OR NOT EXISTS (SELECT 1 FROM pupil_events WHERE pupil_id = NEW.id AND seq = NEW.version)
BEGIN
  SELECT RAISE(ABORT, 'stale_version');
END;
