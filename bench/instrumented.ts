/**
 * The benchmark's row counter: the real Worker, with the D1 binding wrapped so that a request carrying
 * `x-bench-count-rows` is answered with `x-bench-rows-read` (the sum of meta.rows_read over its queries), and a
 * scheduled run's rows are kept for GET /__bench/scheduled; GET /__bench/routes lists the app's routes (to find its pages). Never deployed; requests without the header reach the
 * Worker untouched. Timed figures come from the plain bundle, not this one.
 */
import worker, { app } from "../worker/index";

export * from "../worker/index";

type Tally = { rowsRead: number; queries: number };

const meta = (result: unknown) => (result as { meta?: { rows_read?: number } } | null)?.meta?.rows_read ?? 0;

function countingStatement(statement: D1PreparedStatement, tally: Tally): D1PreparedStatement {
  // raw() and first() return no meta: the statement is run once more through all() to read it.
  const measured = async () => {
    tally.queries += 1;
    tally.rowsRead += meta(await statement.all());
  };
  return new Proxy(statement, {
    get(target, property) {
      if (property === "bind") return (...values: unknown[]) => countingStatement(target.bind(...values), tally);
      if (property === "all" || property === "run")
        return async () => {
          const result = await target[property]();
          tally.queries += 1;
          tally.rowsRead += meta(result);
          return result;
        };
      if (property === "raw" || property === "first")
        return async (...args: unknown[]) => {
          await measured();
          return (target[property] as (...a: unknown[]) => unknown)(...args);
        };
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Statements are unwrapped for batch(), which needs the runtime's own objects. */
const unwrapped = new WeakMap<object, D1PreparedStatement>();

function countingD1(db: D1Database, tally: Tally): D1Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare")
        return (sql: string) => {
          const real = target.prepare(sql);
          const counted = countingStatement(real, tally);
          unwrapped.set(counted, real);
          return counted;
        };
      if (property === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements.map((s) => unwrapped.get(s) ?? s));
          tally.queries += results.length;
          tally.rowsRead += results.reduce((sum, r) => sum + meta(r), 0);
          return results;
        };
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let lastScheduled: (Tally & { ms: number }) | null = null;
const handlers = worker as ExportedHandler<Env>;

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/routes") return Response.json(app.routes.map(({ method, path }) => ({ method, path })));
    if (url.pathname === "/__bench/scheduled") return Response.json({ hasScheduled: typeof handlers.scheduled === "function", last: lastScheduled });
    if (!request.headers.has("x-bench-count-rows")) return handlers.fetch!(request, env, ctx);
    const tally: Tally = { rowsRead: 0, queries: 0 };
    const response = await handlers.fetch!(request, { ...env, DB: countingD1(env.DB, tally) }, ctx);
    const body = await response.arrayBuffer();
    const headers = new Headers(response.headers);
    headers.set("x-bench-rows-read", String(tally.rowsRead));
    headers.set("x-bench-queries", String(tally.queries));
    return new Response(body, { status: response.status, headers });
  },
  async scheduled(controller, env, ctx) {
    const tally: Tally = { rowsRead: 0, queries: 0 };
    const started = Date.now();
    await handlers.scheduled?.(controller, { ...env, DB: countingD1(env.DB, tally) }, ctx);
    lastScheduled = { ...tally, ms: Date.now() - started };
  },
} satisfies ExportedHandler<Env>;
