/**
 * The benchmark's counter: the real Worker, with the D1 binding wrapped (bench/round-trips.ts) so that a request
 * carrying `x-bench-count-rows` is answered with `x-bench-rows-read` (the sum of meta.rows_read over its queries),
 * `x-bench-queries` (its D1 round trips) and `x-bench-trips` (each trip's statements, as JSON), counting the pupil's
 * Durable Object as well as the Worker; a scheduled run's rows are kept for GET /__bench/scheduled; GET /__bench/routes
 * lists the app's routes (to find its pages). Never deployed; requests without the header reach the Worker untouched.
 * Timed figures come from the plain bundle, not this one.
 */
import worker, { app, PupilCase as RealPupilCase } from "../worker/index";
import { countingD1, markingNamespace, newTally, type Tally, type Trip, withObjectTrips } from "./round-trips";

export * from "../worker/index";

/** The pupil's object, its D1 counted; the Worker takes the trips after each counted request. */
export class PupilCase extends RealPupilCase {
  private readonly benchTally: Tally;

  constructor(ctx: DurableObjectState, env: Env) {
    const tally = newTally();
    super(ctx, { ...env, DB: countingD1(env.DB, tally, "object") });
    this.benchTally = tally;
  }

  benchTakeTrips(): Trip[] {
    return this.benchTally.trips.splice(0);
  }
}

let lastScheduled: { rowsRead: number; queries: number; ms: number } | null = null;
const handlers = worker as ExportedHandler<Env>;

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/routes") return Response.json(app.routes.map(({ method, path }) => ({ method, path })));
    if (url.pathname === "/__bench/scheduled") return Response.json({ hasScheduled: typeof handlers.scheduled === "function", last: lastScheduled });
    if (!request.headers.has("x-bench-count-rows")) return handlers.fetch!(request, env, ctx);
    const tally = newTally();
    const touched = new Set<object>();
    const counted: Env = { ...env, DB: countingD1(env.DB, tally, "worker"), PUPIL_CASE: markingNamespace(env.PUPIL_CASE, tally, touched) };
    const response = await handlers.fetch!(request, counted, ctx);
    const body = await response.arrayBuffer();
    const objectTrips: Trip[] = [];
    for (const stub of touched) objectTrips.push(...(await (stub as DurableObjectStub<PupilCase>).benchTakeTrips()));
    const whole = withObjectTrips(tally, objectTrips);
    const headers = new Headers(response.headers);
    headers.set("x-bench-rows-read", String(whole.trips.reduce((sum, trip) => sum + trip.statements.reduce((n, s) => n + s.rowsRead, 0), 0)));
    headers.set("x-bench-queries", String(whole.trips.length));
    headers.set("x-bench-trips", JSON.stringify(whole.trips));
    return new Response(body, { status: response.status, headers });
  },
  async scheduled(controller, env, ctx) {
    const tally = newTally();
    const started = Date.now();
    await handlers.scheduled?.(controller, { ...env, DB: countingD1(env.DB, tally, "worker") }, ctx);
    lastScheduled = { rowsRead: tally.rowsRead, queries: tally.trips.reduce((n, trip) => n + trip.statements.length, 0), ms: Date.now() - started };
  },
} satisfies ExportedHandler<Env>;
