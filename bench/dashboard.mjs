// The LA officer's queries: latency over many calls to the plain Worker, and D1 rows read per call from the counting
// one (bench/instrumented.ts), beside the rows the answer shows.
import { round } from "./load.mjs";

const calls = Number(process.env.BENCH_DASHBOARD_CALLS ?? 100);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Rows an answer shows: a table's rows, or every list in it. */
const rowsShown = (answer) =>
  Array.isArray(answer.rows)
    ? answer.rows.length
    : Object.values(answer).reduce((sum, value) => sum + (Array.isArray(value) ? value.length : value && typeof value === "object" ? rowsShown(value) : 0), 0);

/**
 * The LA dashboard's tables (issue 6), where the Worker has them: every table, then one school's page. The API
 * document's paths are relative to its server, /api.
 */
async function laDashboardProbes(documented, schoolId) {
  const api = (found) => found && `/api${found}`;
  const table = api(documented.find((p) => /\/la\/\{table\}$/.test(p)));
  if (!table) return [];
  const { laTableNames } = await import("../worker/dashboards/la-tables.ts");
  const school = api(documented.find((p) => /\/la\/schools\/\{schoolId\}$/.test(p)));
  return [
    // The pupils behind a figure need the figure: the pupils at one stage.
    ...laTableNames.map((name) => ({
      name: `LA dashboard: ${name}`,
      path: `${table.replace("{table}", name)}${name === "pupils" ? "?stage=ehcPlan" : ""}`,
      shown: rowsShown,
    })),
    ...(school ? [{ name: "LA dashboard: one school", path: school.replace("{schoolId}", schoolId), shown: rowsShown }] : []),
  ];
}

/** Each probe: a name, its path, and how many rows its answer shows. */
export async function dashboardProbes(url, token, db) {
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path) => (await fetch(`${url}${path}`, { headers })).json();
  const documented = Object.keys((await (await fetch(`${url}/api/openapi.json`)).json()).paths);
  const school = await db.prepare("SELECT id FROM schools ORDER BY id LIMIT 1").first();
  let deep = "/api/pupils?limit=50";
  for (let page = 0; page < 20; page++) {
    const next = (await get(deep)).next;
    if (next) deep = `/api/pupils?limit=50&after=${encodeURIComponent(next)}`;
  }
  const pupilsShown = (answer) => answer.pupils.length;
  return [
    { name: "pupils in the LA by name, first page", path: "/api/pupils?limit=50", shown: pupilsShown },
    { name: "pupils in the LA by name, 21st page", path: deep, shown: pupilsShown },
    { name: "pupils in the LA at one stage (EHC plan)", path: "/api/pupils?stage=ehcPlan&limit=50", shown: pupilsShown },
    { name: "pupils of one school", path: `/api/pupils?schoolId=${school.id}&limit=50`, shown: pupilsShown },
    ...(await laDashboardProbes(documented, school.id)),
  ];
}

export async function timeProbes(url, token, probes) {
  const headers = { authorization: `Bearer ${token}` };
  const timed = {};
  for (const probe of probes) {
    const ms = [];
    let failed = null;
    for (let i = 0; i < calls && !failed; i++) {
      const started = performance.now();
      const response = await fetch(`${url}${probe.path}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) failed = response.status;
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    timed[probe.name] = failed ? { failedWith: failed } : { calls, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)) };
  }
  return timed;
}

export async function countProbes(url, token, probes) {
  const counted = {};
  for (const probe of probes) {
    const response = await fetch(`${url}${probe.path}`, { headers: { authorization: `Bearer ${token}`, "x-bench-count-rows": "1" } });
    if (!response.ok) continue;
    const shown = probe.shown(await response.json());
    const rowsRead = Number(response.headers.get("x-bench-rows-read"));
    counted[probe.name] = { rowsRead, queries: Number(response.headers.get("x-bench-queries")), rowsShown: shown };
  }
  return counted;
}
