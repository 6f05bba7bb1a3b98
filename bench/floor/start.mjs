// Runs the floor workers under Miniflare, the same way scripts/local-worker.mjs runs Stepwise.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The second floor's cases share this many buckets of rows, enough for the largest select Stepwise makes on a write. */
const buckets = 64;
const rowsPerBucket = 200;

const persist = (persistTo) => (persistTo ? { d1Persist: path.join(persistTo, "d1"), durableObjectsPersist: path.join(persistTo, "do") } : {});

/** The platform minimum: one Durable Object call and one D1 batch of two inserts. */
export async function startFloor({ persistTo } = {}) {
  const miniflare = new Miniflare({
    name: "floor",
    modules: true,
    scriptPath: path.join(here, "worker.js"),
    compatibilityDate: "2026-04-20",
    durableObjects: { FLOOR_CASE: { className: "FloorCase", useSQLite: true } },
    d1Databases: { DB: "floor" },
    host: "127.0.0.1",
    port: 0,
    ...persist(persistTo),
  });
  const url = await miniflare.ready;
  const db = await miniflare.getD1Database("DB");
  await db.batch([
    db.prepare("CREATE TABLE floor_records (id TEXT PRIMARY KEY, case_key TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)"),
    db.prepare("CREATE INDEX floor_records_by_case ON floor_records (case_key, created_at)"),
    db.prepare("CREATE TABLE floor_events (case_key TEXT NOT NULL, at TEXT NOT NULL, record_id TEXT NOT NULL)"),
    db.prepare("CREATE INDEX floor_events_by_case ON floor_events (case_key, at)"),
  ]);
  return { miniflare, url: url.href.replace(/\/$/, "") };
}

/** The second floor (second.js): Stepwise's round trips and statement shapes, `shapes` as the counting run recorded them. */
export async function startSecondFloor({ persistTo, shapes } = {}) {
  const miniflare = new Miniflare({
    name: "second-floor",
    modules: true,
    scriptPath: path.join(here, "second.js"),
    compatibilityDate: "2026-04-20",
    durableObjects: { SECOND_FLOOR_CASE: { className: "SecondFloorCase", useSQLite: true } },
    d1Databases: { DB: "second-floor" },
    bindings: { SHAPES: shapes, BUCKETS: buckets, ROWS_PER_BUCKET: rowsPerBucket },
    host: "127.0.0.1",
    port: 0,
    ...persist(persistTo),
  });
  const url = await miniflare.ready;
  const db = await miniflare.getD1Database("DB");
  await db.batch([
    db.prepare("CREATE TABLE floor_rows (id TEXT PRIMARY KEY, bucket TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL)"),
    db.prepare("CREATE INDEX floor_rows_by_bucket ON floor_rows (bucket, n)"),
    db.prepare("CREATE TABLE floor_log (id TEXT PRIMARY KEY, bucket TEXT NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL)"),
    db.prepare("CREATE INDEX floor_log_by_bucket ON floor_log (bucket, at)"),
    db.prepare("CREATE TABLE floor_cases (bucket TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL)"),
    db.prepare(
      `WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i + 1 < ${buckets}),
        r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r WHERE n + 1 < ${rowsPerBucket})
      INSERT INTO floor_rows (id, bucket, n, body) SELECT 'b' || i || '-' || n, 'b' || i, n, printf('%.200c', 'x') FROM b, r`,
    ),
    db.prepare(
      `WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i + 1 < ${buckets}) INSERT INTO floor_cases SELECT 'b' || i, 0, '' FROM b`,
    ),
  ]);
  return { miniflare, url: url.href.replace(/\/$/, "") };
}
