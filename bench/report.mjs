// The figures as text, each beside its goal (issue 7).
const verdict = (met) => (met ? "MET " : "MISS");
const line = (met, text) => `  ${met === null ? "    " : verdict(met)}  ${text}`;

const cpu = (run) => (run.cpuMsPerRequest === null || run.cpuMsPerRequest === undefined ? "" : `, CPU ${run.cpuMsPerRequest} ms/req`);

function loadLines(title, run) {
  if (!run) return [];
  const { stepwise: s, floor: f, secondFloor: second } = run;
  return [
    `${title}${run.endpoint ? ` [${run.endpoint}]` : ""}`,
    line(
      null,
      `Stepwise       ${s.successesPerSecond}/s accepted of ${s.requestsPerSecond} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms${cpu(s)}, answers ${JSON.stringify(s.statuses)}`,
    ),
    ...(second
      ? [
          line(
            null,
            `second floor   ${second.successesPerSecond}/s, p50 ${second.p50Ms} ms, p99 ${second.p99Ms} ms${cpu(second)} (Stepwise's round trips and statement shapes, none of its own work)`,
          ),
          line(run.secondFloorThroughputRatio >= 0.7, `throughput ${run.secondFloorThroughputRatio}x the second floor (goal >= 0.7x)`),
          line(run.secondFloorP99Ratio <= 1.5, `p99 ${run.secondFloorP99Ratio}x the second floor (goal <= 1.5x)`),
        ]
      : []),
    line(null, `platform floor ${f.successesPerSecond}/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms${cpu(f)} (one object call, one batch: for information)`),
    line(null, `throughput ${run.throughputRatio}x, p99 ${run.p99Ratio}x the platform floor`),
  ];
}

function roundTripLines(counted) {
  if (!counted) return [];
  return [
    "D1 round trips per request (each run/all/first/raw and each batch is one; machine-independent)",
    ...Object.values(counted).map(({ name, goal, status, roundTrips, inWorker, inObject, statements }) =>
      line(
        goal === null ? null : roundTrips <= goal,
        `${name}: ${roundTrips} round trips (${inWorker} in the Worker, ${inObject} in the pupil's object), ${statements} statements, answered ${status}${goal === null ? "" : ` (goal ${goal})`}`,
      ),
    ),
  ];
}

function dashboardLines(title, timed, counted, withLatencyGoal) {
  if (!timed) return [];
  return [
    title,
    ...Object.entries(timed).flatMap(([name, t]) => {
      if (t.failedWith) return [line(false, `${name}: answered ${t.failedWith}`)];
      const c = counted?.[name];
      const rowsMet = c ? c.rowsRead <= 10 * Math.max(1, c.rowsShown) : null;
      return [
        line(withLatencyGoal ? t.p99Ms < 100 : null, `${name}: p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms${withLatencyGoal ? " (goal p99 < 100 ms)" : ""}`),
        line(
          rowsMet,
          c ? `  rows read ${c.rowsRead} in ${c.queries} round trips for ${c.rowsShown} rows shown (goal <= 10x shown)` : "  rows read: not counted",
        ),
      ];
    }),
  ];
}

export function report(r) {
  const cron = r.cronRows
    ? [
        line(
          null,
          `first run after seeding (raising the backlog of alerts): ${r.cronMs} ms; ${r.cronRowsFirst.rowsRead} rows read in ${r.cronRowsFirst.queries} queries`,
        ),
        line(null, `the next run, as every later run: ${r.cronRows.rowsRead} rows read in ${r.cronRows.queries} queries`),
        line(
          r.cronRows.rowsRead <= 2 * Math.max(1, r.cronItemsDue.total),
          `rows read within 2x the ${r.cronItemsDue.total} items due (${r.cronItemsDue.clocks} clocks due within 14 days or overdue, ${r.cronItemsDue.mail} mails waiting)`,
        ),
      ]
    : [line(null, "scheduled run: the Worker has no scheduled handler yet (issue 5 not on main)")];
  return [
    `Stepwise benchmark: scale ${r.scale} (${r.seed.counts.schools} schools, ${r.seed.counts.pupils} pupils, ${r.seed.counts.pupil_events} events; seeded in ${r.seed.seconds.toFixed(1)} s), ${r.machine}, ${r.load.connections} connections x ${r.load.seconds} s per load run`,
    ...roundTripLines(r.roundTrips),
    ...loadLines("Concern submissions", r.concerns),
    ...loadLines("Moves on one pupil", r.movesOnOnePupil),
    ...loadLines("Moves across many pupils", r.movesAcrossPupils),
    ...dashboardLines("LA queries at 1x", r.dashboard1x, r.dashboard1xRows, true),
    ...dashboardLines(
      r.seed10x ? `LA queries at 10x (${r.seed10x.counts.schools} schools, ${r.seed10x.counts.pupils} pupils; no event history)` : "LA queries at 10x",
      r.dashboard10x,
      r.dashboard10xRows,
      false,
    ),
    "Scheduled run",
    ...cron,
    "Weight",
    line(r.bundle.gzippedKb < 250, `Worker bundle ${r.bundle.gzippedKb} KB gzipped (goal < 250 KB)`),
    ...r.pages.map((p) =>
      line(
        p.kb < 40 && p.thirdPartyRequests === 0,
        `${p.path}: ${p.kb} KB in ${p.requests} requests, ${p.thirdPartyRequests} third-party (goal < 40 KB, none third-party)`,
      ),
    ),
  ].join("\n");
}
