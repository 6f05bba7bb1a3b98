-- The dashboard's figures (issue 6): pupils per stage and per area of need, per school and for the whole LA, kept
-- current as pupils are enrolled, move, change school or areas, close and are erased, so the LA's dashboard reads one
-- row per school and stage instead of every pupil. Closed pupils (left the school) are not counted.
CREATE TRIGGER pupils_counted_on_insert
AFTER INSERT ON pupils
WHEN NEW.closed_at IS NULL
BEGIN
  INSERT INTO stage_counts (la_id, school_id, framework, stage, pupils)
    SELECT NEW.la_id, NEW.school_id, NEW.framework, NEW.stage, 1 WHERE 1
    ON CONFLICT (school_id, stage) DO UPDATE SET pupils = pupils + 1;
  INSERT INTO la_counts (la_id, dimension, framework, key, pupils)
    SELECT NEW.la_id, 'stage', NEW.framework, NEW.stage, 1 WHERE 1
    ON CONFLICT (la_id, dimension, framework, key) DO UPDATE SET pupils = pupils + 1;
  INSERT INTO need_counts (la_id, school_id, area, pupils)
    SELECT DISTINCT NEW.la_id, NEW.school_id, value, 1 FROM json_each(NEW.areas_of_need) WHERE 1
    ON CONFLICT (school_id, area) DO UPDATE SET pupils = pupils + 1;
  INSERT INTO la_counts (la_id, dimension, framework, key, pupils)
    SELECT DISTINCT NEW.la_id, 'area', '', value, 1 FROM json_each(NEW.areas_of_need) WHERE 1
    ON CONFLICT (la_id, dimension, framework, key) DO UPDATE SET pupils = pupils + 1;
END;
--> statement-breakpoint
CREATE TRIGGER pupils_uncounted_on_delete
AFTER DELETE ON pupils
WHEN OLD.closed_at IS NULL
BEGIN
  UPDATE stage_counts SET pupils = pupils - 1 WHERE school_id = OLD.school_id AND stage = OLD.stage AND 1;
  UPDATE la_counts SET pupils = pupils - 1
    WHERE la_id = OLD.la_id AND dimension = 'stage' AND framework = OLD.framework AND key = OLD.stage AND 1;
  UPDATE need_counts SET pupils = pupils - 1 WHERE school_id = OLD.school_id AND area IN (SELECT value FROM json_each(OLD.areas_of_need)) AND 1;
  UPDATE la_counts SET pupils = pupils - 1
    WHERE la_id = OLD.la_id AND dimension = 'area' AND framework = '' AND key IN (SELECT value FROM json_each(OLD.areas_of_need)) AND 1;
  DELETE FROM stage_counts WHERE school_id = OLD.school_id AND pupils <= 0;
  DELETE FROM need_counts WHERE school_id = OLD.school_id AND pupils <= 0;
  DELETE FROM la_counts WHERE la_id = OLD.la_id AND pupils <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER pupils_recounted_on_change
AFTER UPDATE OF stage, school_id, la_id, framework, areas_of_need, closed_at ON pupils
WHEN OLD.stage IS NOT NEW.stage OR OLD.school_id IS NOT NEW.school_id OR OLD.la_id IS NOT NEW.la_id
  OR OLD.framework IS NOT NEW.framework OR OLD.areas_of_need IS NOT NEW.areas_of_need OR OLD.closed_at IS NOT NEW.closed_at
BEGIN
  UPDATE stage_counts SET pupils = pupils - 1 WHERE school_id = OLD.school_id AND stage = OLD.stage AND OLD.closed_at IS NULL;
  UPDATE la_counts SET pupils = pupils - 1
    WHERE la_id = OLD.la_id AND dimension = 'stage' AND framework = OLD.framework AND key = OLD.stage AND OLD.closed_at IS NULL;
  UPDATE need_counts SET pupils = pupils - 1 WHERE school_id = OLD.school_id AND area IN (SELECT value FROM json_each(OLD.areas_of_need)) AND OLD.closed_at IS NULL;
  UPDATE la_counts SET pupils = pupils - 1
    WHERE la_id = OLD.la_id AND dimension = 'area' AND framework = '' AND key IN (SELECT value FROM json_each(OLD.areas_of_need)) AND OLD.closed_at IS NULL;
  DELETE FROM stage_counts WHERE school_id = OLD.school_id AND pupils <= 0;
  DELETE FROM need_counts WHERE school_id = OLD.school_id AND pupils <= 0;
  DELETE FROM la_counts WHERE la_id = OLD.la_id AND pupils <= 0;
  INSERT INTO stage_counts (la_id, school_id, framework, stage, pupils)
    SELECT NEW.la_id, NEW.school_id, NEW.framework, NEW.stage, 1 WHERE NEW.closed_at IS NULL
    ON CONFLICT (school_id, stage) DO UPDATE SET pupils = pupils + 1;
  INSERT INTO la_counts (la_id, dimension, framework, key, pupils)
    SELECT NEW.la_id, 'stage', NEW.framework, NEW.stage, 1 WHERE NEW.closed_at IS NULL
    ON CONFLICT (la_id, dimension, framework, key) DO UPDATE SET pupils = pupils + 1;
  INSERT INTO need_counts (la_id, school_id, area, pupils)
    SELECT DISTINCT NEW.la_id, NEW.school_id, value, 1 FROM json_each(NEW.areas_of_need) WHERE NEW.closed_at IS NULL
    ON CONFLICT (school_id, area) DO UPDATE SET pupils = pupils + 1;
  INSERT INTO la_counts (la_id, dimension, framework, key, pupils)
    SELECT DISTINCT NEW.la_id, 'area', '', value, 1 FROM json_each(NEW.areas_of_need) WHERE NEW.closed_at IS NULL
    ON CONFLICT (la_id, dimension, framework, key) DO UPDATE SET pupils = pupils + 1;
END;
--> statement-breakpoint
-- Pupils already on Stepwise when this migration runs.
INSERT INTO stage_counts (la_id, school_id, framework, stage, pupils)
  SELECT la_id, school_id, framework, stage, count(*) FROM pupils WHERE closed_at IS NULL GROUP BY school_id, stage;
--> statement-breakpoint
INSERT INTO la_counts (la_id, dimension, framework, key, pupils)
  SELECT la_id, 'stage', framework, stage, count(*) FROM pupils WHERE closed_at IS NULL GROUP BY la_id, framework, stage;
--> statement-breakpoint
INSERT INTO need_counts (la_id, school_id, area, pupils)
  SELECT p.la_id, p.school_id, a.value, count(DISTINCT p.id) FROM pupils p, json_each(p.areas_of_need) a
  WHERE p.closed_at IS NULL GROUP BY p.school_id, a.value;
--> statement-breakpoint
INSERT INTO la_counts (la_id, dimension, framework, key, pupils)
  SELECT p.la_id, 'area', '', a.value, count(DISTINCT p.id) FROM pupils p, json_each(p.areas_of_need) a
  WHERE p.closed_at IS NULL GROUP BY p.la_id, a.value;
