// The second floor: the same D1 round trips as Stepwise, each with as many statements of the same kind (select,
// insert, update, delete) reading about as many rows, in the Worker or in a per-case Durable Object as Stepwise made
// them, but none of Stepwise's own work around them. The shapes come from the counting run (bench/round-trips.ts),
// passed in as the SHAPES binding: { [kind]: Trip[] }. Plain JS, no dependencies.
import { DurableObject } from "cloudflare:workers";

/** Cases share BUCKETS buckets of ROWS_PER_BUCKET rows each (bench/floor/start.mjs seeds them) for the selects to read. */
const bucketOf = (key, buckets) => {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `b${hash % buckets}`;
};

function statementFor(db, shape, bucket, body, rowsPerBucket) {
  switch (shape.verb) {
    case "select":
      return db
        .prepare("SELECT id, body FROM floor_rows WHERE bucket = ? ORDER BY n LIMIT ?")
        .bind(bucket, Math.min(rowsPerBucket, Math.max(1, shape.rowsRead)));
    case "insert":
      return db.prepare("INSERT INTO floor_log (id, bucket, body, at) VALUES (?, ?, ?, ?)").bind(crypto.randomUUID(), bucket, body, new Date().toISOString());
    case "update":
      return db.prepare("UPDATE floor_cases SET version = version + 1, body = ? WHERE bucket = ?").bind(body, bucket);
    default:
      return db.prepare("DELETE FROM floor_log WHERE id = ?").bind(crypto.randomUUID());
  }
}

/** One trip: a lone statement is run on its own (all() or run()), several go as one batch, as Stepwise sent them. */
async function trip(db, statements, bucket, body, rowsPerBucket) {
  const prepared = statements.map((shape) => statementFor(db, shape, bucket, body, rowsPerBucket));
  if (prepared.length === 1) return statements[0].verb === "select" ? prepared[0].all() : prepared[0].run();
  return db.batch(prepared);
}

async function trips(env, db, list, bucket, body) {
  for (const { statements } of list) await trip(db, statements, bucket, body, env.ROWS_PER_BUCKET);
}

export class SecondFloorCase extends DurableObject {
  async run(kind, bucket, body) {
    const shapes = this.env.SHAPES[kind] ?? [];
    await trips(
      this.env,
      this.env.DB,
      shapes.filter((t) => t.in === "object"),
      bucket,
      body,
    );
    return crypto.randomUUID();
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const kind = url.searchParams.get("kind") ?? "move";
    const key = url.searchParams.get("case") ?? "one";
    const shapes = env.SHAPES[kind];
    if (!shapes) return Response.json({ error: `no shapes recorded for ${kind}` }, { status: 404 });
    const body = request.method === "GET" ? "" : await request.text();
    const bucket = bucketOf(key, env.BUCKETS);
    // The Worker's trips before its first call into the object, the object's, then the Worker's after it.
    const firstInObject = shapes.findIndex((t) => t.in === "object");
    const before = firstInObject === -1 ? shapes : shapes.slice(0, firstInObject);
    const after = firstInObject === -1 ? [] : shapes.slice(firstInObject).filter((t) => t.in === "worker");
    await trips(env, env.DB, before, bucket, body);
    if (firstInObject !== -1) await env.SECOND_FLOOR_CASE.get(env.SECOND_FLOOR_CASE.idFromName(key)).run(kind, bucket, body);
    await trips(env, env.DB, after, bucket, body);
    return Response.json({ kind }, { status: kind === "dashboard" ? 200 : 201 });
  },
};
