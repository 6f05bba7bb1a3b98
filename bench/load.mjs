// Load runs with autocannon: each request is made by a scenario (so bodies, paths and versions can follow earlier
// answers), and every answer's status is tallied.
import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";

export const loadSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
};

/**
 * CPU seconds used so far by the workerd processes this bench started (its descendants: Stepwise's and the floors';
 * the idle ones add next to nothing), from /proc: the runtime reports no CPU time per request locally, so a load run's
 * share is the difference over the run divided by its requests. It includes D1's SQLite work, which runs inside
 * workerd here. Null where /proc is not there to read.
 */
function workerdCpuSeconds() {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const processes = new Map();
  try {
    for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        processes.set(Number(pid), {
          name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
          parent: Number(fields[1]),
          cpu: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
        });
      } catch {
        // The process ended while being read.
      }
    }
  } catch {
    return null;
  }
  const ours = (pid) => {
    for (let at = processes.get(pid)?.parent; at; at = processes.get(at)?.parent) if (at === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, { name, cpu }] of processes) if (name.startsWith("workerd") && ours(pid)) total += cpu;
  return total;
}

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
  const cpuBefore = workerdCpuSeconds();
  const result = await run;
  const cpuAfter = workerdCpuSeconds();
  const seconds_ = result.duration || seconds;
  return {
    requestsPerSecond: round(result.requests.total / seconds_),
    successesPerSecond: round(((statuses[200] ?? 0) + (statuses[201] ?? 0)) / seconds_),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : round(((cpuAfter - cpuBefore) * 1000) / result.requests.total, 2),
  };
}

export const round = (n, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The same run against Stepwise, the platform minimum (`floor`, for information) and the second floor (the same round
 * trips and statement shapes as Stepwise, none of its own work), and how Stepwise compares with each.
 */
export function versus(stepwise, floor, secondFloor) {
  return {
    stepwise,
    floor,
    secondFloor,
    throughputRatio: round(stepwise.successesPerSecond / floor.successesPerSecond, 2),
    p99Ratio: round(stepwise.p99Ms / floor.p99Ms, 2),
    ...(secondFloor
      ? {
          secondFloorThroughputRatio: round(stepwise.successesPerSecond / secondFloor.successesPerSecond, 2),
          secondFloorP99Ratio: round(stepwise.p99Ms / secondFloor.p99Ms, 2),
        }
      : {}),
  };
}
