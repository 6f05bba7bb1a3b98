/**
 * Counts D1 round trips: each `run`, `all`, `first` or `raw` of a prepared statement is one, and so is each `batch`
 * whatever it holds. Each trip keeps the shape of its statements (verb, table, rows read and written), which the
 * second floor (bench/floor/second.js) replays, and where it ran (the Worker, or the pupil's Durable Object).
 * Used by the bench's counting bundle (bench/instrumented.ts) and by test/bench/round-trips.test.ts.
 */

export type Where = "worker" | "object";
export type StatementShape = { verb: string; table: string; rowsRead: number; rowsWritten: number };
export type Trip = { in: Where; statements: StatementShape[] };
/** The trips of one request, in order; `objectAt` is where the Worker first called into a pupil's object. */
export type Tally = { trips: Trip[]; rowsRead: number; objectCalls: number; objectAt: number | null };

export const newTally = (): Tally => ({ trips: [], rowsRead: 0, objectCalls: 0, objectAt: null });

/** The pupil's-object binding, noting each call the Worker makes into an object (an RPC method of its stub). */
export function markingNamespace<Namespace extends object>(namespace: Namespace, tally: Tally, touched: Set<object>): Namespace {
  const mark = (stub: object) =>
    new Proxy(stub, {
      get(real, method) {
        const value: unknown = Reflect.get(real, method);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          tally.objectCalls += 1;
          tally.objectAt ??= tally.trips.length;
          return Reflect.apply(value, real, args);
        };
      },
    });
  return new Proxy(namespace, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      if (property !== "get") return value.bind(target);
      return (...args: unknown[]) => {
        const stub: object = Reflect.apply(value, target, args);
        touched.add(stub);
        return mark(stub);
      };
    },
  });
}

/** The object's own trips, put where the Worker called it. */
export function withObjectTrips(tally: Tally, objectTrips: Trip[]): Tally {
  const at = tally.objectAt ?? tally.trips.length;
  return { ...tally, trips: [...tally.trips.slice(0, at), ...objectTrips, ...tally.trips.slice(at)], rowsRead: tally.rowsRead };
}

type Meta = { rows_read?: number; rows_written?: number };
const metaOf = (result: unknown): Meta => (result as { meta?: Meta } | null)?.meta ?? {};

/** The statement's verb and the first table it names: enough to build one of the same kind over other tables. */
export function shapeOf(sql: string, meta: Meta): StatementShape {
  const text = sql.replace(/\s+/g, " ").trim();
  const verb = (/^(?:WITH\b.*?\)\s*)?(SELECT|INSERT|UPDATE|DELETE|REPLACE)\b/i.exec(text)?.[1] ?? text.split(" ")[0] ?? "").toLowerCase();
  const table = /\b(?:FROM|INTO|UPDATE)\s+["`]?([A-Za-z_][\w]*)/i.exec(text)?.[1] ?? "";
  return { verb, table, rowsRead: meta.rows_read ?? 0, rowsWritten: meta.rows_written ?? 0 };
}

const sqlOf = new WeakMap<object, string>();
const realOf = new WeakMap<object, D1PreparedStatement>();

function countingStatement(statement: D1PreparedStatement, sql: string, tally: Tally, where: Where): D1PreparedStatement {
  const record = (meta: Meta) => {
    tally.trips.push({ in: where, statements: [shapeOf(sql, meta)] });
    tally.rowsRead += meta.rows_read ?? 0;
  };
  const counted = new Proxy(statement, {
    get(target, property) {
      if (property === "bind") return (...values: unknown[]) => countingStatement(target.bind(...values), sql, tally, where);
      if (property === "all" || property === "run")
        return async () => {
          const result = await target[property]();
          record(metaOf(result));
          return result;
        };
      // raw() and first() return no meta: the statement is run once more through all() to read it, still one trip.
      if (property === "raw" || property === "first")
        return async (...args: unknown[]) => {
          record(metaOf(await target.all()));
          return (target[property] as (...a: unknown[]) => unknown)(...args);
        };
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  sqlOf.set(counted, sql);
  realOf.set(counted, statement);
  return counted;
}

/** The D1 binding, counting. Statements are unwrapped for batch(), which needs the runtime's own objects. */
export function countingD1(db: D1Database, tally: Tally, where: Where): D1Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => countingStatement(target.prepare(sql), sql, tally, where);
      if (property === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements.map((s) => realOf.get(s) ?? s));
          tally.trips.push({ in: where, statements: statements.map((s, i) => shapeOf(sqlOf.get(s) ?? "", metaOf(results[i]))) });
          tally.rowsRead += results.reduce((sum, r) => sum + (metaOf(r).rows_read ?? 0), 0);
          return results;
        };
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Round trips by where they ran: what the bench prints and the test holds. */
export function roundTrips(tally: Tally) {
  const inWorker = tally.trips.filter((trip) => trip.in === "worker").length;
  return {
    total: tally.trips.length,
    inWorker,
    inObject: tally.trips.length - inWorker,
    statements: tally.trips.reduce((n, trip) => n + trip.statements.length, 0),
  };
}
