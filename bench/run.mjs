// `npm run bench`: Stepwise at local-authority scale, under Miniflare directly (no wrangler dev proxy), beside two
// floors: the platform minimum (one object call, one batch) and a second floor making Stepwise's own round trips.
// BENCH_SCALE=0.02 for a quick look; the default is one LA of 300 schools, 60,000 pupils and 600,000 events. Prints each figure against its goal and writes bench/results.json.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { buildWorker, startLocalWorker } from "../scripts/local-worker.mjs";
import { countScheduled, hasScheduledHandler, itemsDue, timeScheduled } from "./cron.mjs";
import { countProbes, dashboardProbes, timeProbes } from "./dashboard.mjs";
import { startFloor, startSecondFloor } from "./floor/start.mjs";
import { load, loadSettings, versus } from "./load.mjs";
import { report } from "./report.mjs";
import { gzippedKb, pageWeight, staticPages, workerPages } from "./weights.mjs";

register();
const { seedAuthority } = await import("./seed.mjs");
const { countRoundTrips, moveScenarios, publicConcernScenarios, roundTripProbes, sencoTokens } = await import("./scenarios.mjs");
const { issueStaffToken } = await import("../worker/auth/tokens.ts");

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const scale = Number(process.env.BENCH_SCALE ?? 1);
const tenfold = process.env.BENCH_TENFOLD !== "0";
const size = (factor) => ({ schools: Math.max(2, Math.round(300 * scale * factor)), pupils: Math.round(60_000 * scale * factor) });
const today = new Date().toISOString().slice(0, 10);
const secret = "bench-secret-of-at-least-thirty-two-bytes";
const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, "wrangler.toml"));
const tokenConfig = { JWT_SECRET: secret, JWT_ISSUER: workerOptions.bindings.JWT_ISSUER, JWT_AUDIENCE: workerOptions.bindings.JWT_AUDIENCE };
const officerToken = () =>
  issueStaffToken(tokenConfig, { id: "00000000-0000-4000-8000-0000000000aa", role: "laOfficer", tokenVersion: 0 }, Math.floor(Date.now() / 1000));
const state = (name) => mkdtempSync(path.join(tmpdir(), `stepwise-bench-${name}-`));
const log = (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The public concern link, found in the API document (its paths are relative to /api). */
async function publicConcernLink(url) {
  const documented = Object.keys((await (await fetch(`${url}/api/openapi.json`)).json()).paths);
  const found = documented.find((p) => /\/schools\/\{slug\}\/concerns$/.test(p));
  if (!found) throw new Error("The API document lists no public concern link");
  return `/api${found}`;
}

async function withWorker(scriptPath, persistTo, migrate, work) {
  const worker = await startLocalWorker({ scriptPath, persistTo, migrate, bindings: { JWT_SECRET: secret } });
  try {
    return await work(worker);
  } finally {
    await worker.miniflare.dispose();
  }
}

log("building the Worker and the row-counting wrapper");
const plain = buildWorker();
const counting = buildWorker(undefined, "bench/instrumented.ts");
const results = { scale, size: size(1), machine: "2 cores shared", load: loadSettings, bundle: { gzippedKb: gzippedKb(plain) } };

const one = state("1x");
log(`seeding ${JSON.stringify(size(1))}`);
await withWorker(plain, one, true, async ({ url, db }) => {
  results.seed = await seedAuthority(db, { ...size(1), today });
  log(`seeded in ${results.seed.seconds.toFixed(1)} s: ${JSON.stringify(results.seed.counts)}`);
  const token = await officerToken();
  results.probes = (await dashboardProbes(url, token, db)).map(({ name, path }) => ({ name, path }));
  log("timing the LA's queries at 1x");
  results.dashboard1x = await timeProbes(url, token, await dashboardProbes(url, token, db));
  results.cronItemsDue = await itemsDue(db, today);
});

// The scheduled run writes (alerts, mail): it is counted on a copy, so the timed run starts from the same data.
const copy = state("copy");
cpSync(one, copy, { recursive: true });
log("counting rows read and round trips: a concern, a move, a form with its decision, the LA's queries and the scheduled run");
await withWorker(counting, copy, false, async ({ url, db, miniflare }) => {
  const token = await officerToken();
  results.roundTrips = await countRoundTrips(url, await roundTripProbes(url, db, await sencoTokens(db, tokenConfig), token, await publicConcernLink(url)));
  results.dashboard1xRows = await countProbes(url, token, await dashboardProbes(url, token, db));
  // Page weights are taken here, where the app's routes can be listed; the pages are the same in both bundles.
  const school = await db
    .prepare("SELECT s.id, s.public_slug AS slug, p.id AS pupil FROM schools s JOIN pupils p ON p.school_id = s.id ORDER BY s.urn LIMIT 1")
    .first();
  const staff = { authorization: `Bearer ${(await sencoTokens(db, tokenConfig)).get(school.id)}` };
  const routes = await (await fetch(`${url}/__bench/routes`)).json();
  const values = { slug: school.slug, schoolId: school.id, id: school.pupil, pupilId: school.pupil };
  results.pages = [];
  for (const page of [...staticPages(path.join(root, "static")), ...workerPages(routes, values)]) {
    const probe = await fetch(`${url}${page}`, { headers: staff });
    if (probe.ok && (probe.headers.get("content-type") ?? "").includes("text/html")) results.pages.push(await pageWeight(url, page, staff));
  }
  if (await hasScheduledHandler(url)) {
    // The first run after seeding raises the whole backlog of alerts; the next one is what every later hour costs.
    results.cronRowsFirst = await countScheduled(miniflare, url, Date.now());
    results.cronRows = await countScheduled(miniflare, url, Date.now());
  }
});
rmSync(copy, { recursive: true, force: true });

const floorState = state("floor");
const floor = await startFloor({ persistTo: floorState });
// The second floor replays the round trips the counting run recorded for the requests the load runs send.
const secondFloorState = state("second-floor");
const shapes = Object.fromEntries(Object.entries(results.roundTrips).map(([kind, counted]) => [kind, counted.trips]));
const secondFloor = await startSecondFloor({ persistTo: secondFloorState, shapes });
await withWorker(plain, one, false, async ({ url, db, miniflare }) => {
  if (results.cronRows) {
    log("timing the scheduled run");
    results.cronMs = await timeScheduled(miniflare, Date.now());
  }
  const tokens = await sencoTokens(db, tokenConfig);
  const publicLink = await publicConcernLink(url);
  const runs = [
    ["concerns", await publicConcernScenarios(db, publicLink)],
    ["movesOnOnePupil", await moveScenarios(db, tokens, 1)],
    ["movesAcrossPupils", await moveScenarios(db, tokens, 5000)],
  ];
  for (const [name, scenario] of runs) {
    log(`load: ${name}, Stepwise, the platform floor, then the second floor, ${loadSettings.seconds} s each`);
    results[name] = versus(await load(url, scenario.stepwise), await load(floor.url, scenario.floor), await load(secondFloor.url, scenario.secondFloor));
  }
  results.concerns.endpoint = `POST ${publicLink} (the public concern link, JSON)`;
});
await floor.miniflare.dispose();
await secondFloor.miniflare.dispose();
rmSync(floorState, { recursive: true, force: true });
rmSync(secondFloorState, { recursive: true, force: true });
rmSync(one, { recursive: true, force: true });

if (tenfold) {
  const ten = state("10x");
  log(`10x, the LA's queries only: seeding ${JSON.stringify(size(10))} with stages, clocks and recent forms but no event history`);
  await withWorker(plain, ten, true, async ({ url, db }) => {
    results.seed10x = await seedAuthority(db, { ...size(10), today, histories: false });
    log(`seeded in ${results.seed10x.seconds.toFixed(1)} s: ${JSON.stringify(results.seed10x.counts)}`);
    const token = await officerToken();
    results.dashboard10x = await timeProbes(url, token, await dashboardProbes(url, token, db));
  });
  await withWorker(counting, ten, false, async ({ url, db }) => {
    const token = await officerToken();
    results.dashboard10xRows = await countProbes(url, token, await dashboardProbes(url, token, db));
  });
  rmSync(ten, { recursive: true, force: true });
}

for (const bundle of [plain, counting]) rmSync(path.dirname(bundle), { recursive: true, force: true });
writeFileSync(path.join(here, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(report(results));
