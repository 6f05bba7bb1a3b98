-- An alert is resolved the moment its clock stops (the review is held, the step recorded), by whatever stops it, so
-- the scheduled run no longer reads every open alert to find the stopped ones.
CREATE TRIGGER alerts_resolved_when_clock_stops
AFTER UPDATE OF stopped_at ON clocks
WHEN OLD.stopped_at IS NULL AND NEW.stopped_at IS NOT NULL
BEGIN
  UPDATE alerts SET resolved_at = NEW.stopped_at WHERE clock_id = NEW.id AND resolved_at IS NULL;
END;
--> statement-breakpoint
UPDATE alerts SET resolved_at = (SELECT stopped_at FROM clocks WHERE clocks.id = alerts.clock_id)
WHERE resolved_at IS NULL AND clock_id IN (SELECT id FROM clocks WHERE stopped_at IS NOT NULL);
