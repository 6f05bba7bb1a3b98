// The LA officer's queries: latency over many calls to the plain Worker, and D1 rows read per call from the counting
// one (bench/instrumented.ts), beside the rows the answer shows.
import { round } from "./load.mjs";

const calls = Number(process.env.BENCH_DASHBOARD_CALLS ?? 100);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Each probe: a name, its path, and how many rows its answer shows. Later dashboards add theirs here. */
export async function dashboardProbes(url, token, db) {
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path) => (await fetch(`${url}${path}`, { headers })).json();
  const school = await db.prepare("SELECT id FROM schools ORDER BY id LIMIT 1").first();
  let deep = "/api/pupils?limit=50";
  for (let page = 0; page < 20; page++) deep = `/api/pupils?limit=50&after=${encodeURIComponent((await get(deep)).next)}`;
  const pupilsShown = (answer) => answer.pupils.length;
  return [
    { name: "pupils in the LA by name, first page", path: "/api/pupils?limit=50", shown: pupilsShown },
    { name: "pupils in the LA by name, 21st page", path: deep, shown: pupilsShown },
    { name: "pupils in the LA at one stage (EHC plan)", path: "/api/pupils?stage=ehcPlan&limit=50", shown: pupilsShown },
    { name: "pupils of one school", path: `/api/pupils?schoolId=${school.id}&limit=50`, shown: pupilsShown },
  ];
}

export async function timeProbes(url, token, probes) {
  const headers = { authorization: `Bearer ${token}` };
  const timed = {};
  for (const probe of probes) {
    const ms = [];
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      const response = await fetch(`${url}${probe.path}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${probe.name}: ${response.status}`);
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    timed[probe.name] = { calls, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)) };
  }
  return timed;
}

export async function countProbes(url, token, probes) {
  const counted = {};
  for (const probe of probes) {
    const response = await fetch(`${url}${probe.path}`, { headers: { authorization: `Bearer ${token}`, "x-bench-count-rows": "1" } });
    const shown = probe.shown(await response.json());
    const rowsRead = Number(response.headers.get("x-bench-rows-read"));
    counted[probe.name] = { rowsRead, queries: Number(response.headers.get("x-bench-queries")), rowsShown: shown };
  }
  return counted;
}
