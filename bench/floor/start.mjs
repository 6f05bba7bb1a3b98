// Runs the floor worker under Miniflare, the same way scripts/local-worker.mjs runs Stepwise.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const here = path.dirname(fileURLToPath(import.meta.url));

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
    ...(persistTo ? { d1Persist: path.join(persistTo, "d1"), durableObjectsPersist: path.join(persistTo, "do") } : {}),
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
