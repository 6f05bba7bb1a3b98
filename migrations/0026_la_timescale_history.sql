-- Each LA's local timescales become the first entry of its history, in force from before any clock it runs.
INSERT INTO `la_timescale_changes` (`id`, `la_id`, `takes_effect_on`, `overrides`, `recorded_by`)
SELECT lower(hex(randomblob(16))), `id`, '1900-01-01', `timescale_overrides`, NULL
FROM `local_authorities`
WHERE `timescale_overrides` <> '{}';
