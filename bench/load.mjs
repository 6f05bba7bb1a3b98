// Load runs with autocannon: each request is made by a scenario (so bodies, paths and versions can follow earlier
// answers), and every answer's status is tallied.
import autocannon from "autocannon";

export const loadSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
};

/** `scenario.next()` gives { method, path, headers, body, tag }; `scenario.answered(status, body, tag)` sees each reply. */
export async function load(url, scenario, { connections, seconds } = loadSettings) {
  const statuses = {};
  const run = autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest(request, context) {
          const next = scenario.next();
          context.tag = next.tag;
          return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body };
        },
        onResponse(status, body, context) {
          statuses[status] = (statuses[status] ?? 0) + 1;
          scenario.answered?.(status, body, context.tag);
        },
      },
    ],
  });
  const result = await run;
  const seconds_ = result.duration || seconds;
  return {
    requestsPerSecond: round(result.requests.total / seconds_),
    successesPerSecond: round(((statuses[200] ?? 0) + (statuses[201] ?? 0)) / seconds_),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

export const round = (n, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** The same run against Stepwise and the floor, and how Stepwise compares. */
export function versus(stepwise, floor) {
  return {
    stepwise,
    floor,
    throughputRatio: round(stepwise.successesPerSecond / floor.successesPerSecond, 2),
    p99Ratio: round(stepwise.p99Ms / floor.p99Ms, 2),
  };
}
