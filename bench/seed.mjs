// Seeds one local authority at benchmark scale straight through the D1 binding. Rows are generated inside SQLite by
// recursive CTEs and INSERT ... SELECT over small template tables, so 600,000 events cost one statement, not 600,000
// round trips.
import { hashPassword } from "../worker/auth/password.ts";
import { mix, template } from "./histories.ts";

export const benchPassword = "bench-password-not-secret";
const lit = (value) =>
  value === null || value === undefined ? "NULL" : typeof value === "number" ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
/** Ids are real UUIDs (the API validates them) derived from numbers, so joins can rebuild them. */
/**
 * A valid UPN for bench pupil n, in SQL: its twelve digits and the DfE check letter before them (the weighted sum, weights
 * 2 to 13, modulo 23, in the guide's 23 letters): schema/rules.ts upnCheckLetter in SQL; test/bench/upn.test.ts holds them equal.
 */
export function benchUpnSql(n) {
  const twelve = `printf('%012d', ${n})`;
  const sum = Array.from({ length: 12 }, (_, i) => `${i + 2} * CAST(substr(${twelve}, ${i + 1}, 1) AS INTEGER)`).join(" + ");
  return `substr('ABCDEFGHJKLMNPQRTUVWXYZ', (${sum}) % 23 + 1, 1) || ${twelve}`;
}
const uuidSql = (a, b, c) => `printf('%08x-%04x-4000-${c}-%012x', ${a}, ${b}, ${a})`;

async function insertRows(db, table, columns, rows) {
  for (let i = 0; i < rows.length; i += 300) {
    const values = rows.slice(i, i + 300).map((row) => `(${row.map(lit).join(", ")})`);
    await db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values.join(", ")}`).run();
  }
}

/** The latest earlier form of the same kind is cited again for a decision on it (a concern, an assessment request). */
function citations(events) {
  const latest = new Map();
  return events.map((e) => {
    if (!e.formKind) return null;
    const reused = (e.formKind === "recordOfConcern" && e.move !== "raiseConcern") || e.formKind === "assessmentRequest";
    const seq = reused && latest.has(e.formKind) ? latest.get(e.formKind) : e.seq;
    latest.set(e.formKind, seq);
    return seq;
  });
}

async function stageTemplates(db) {
  await db.prepare("CREATE TABLE bench_templates (tpl INTEGER PRIMARY KEY, framework TEXT, stage TEXT, cycle INTEGER, events INTEGER)").run();
  await db.prepare("CREATE TABLE bench_slots (framework TEXT, slot INTEGER, tpl INTEGER, PRIMARY KEY (framework, slot))").run();
  await db
    .prepare(
      "CREATE TABLE bench_history (tpl INTEGER, seq INTEGER, day INTEGER, role TEXT, move TEXT, from_stage TEXT, to_stage TEXT, cycle INTEGER, form_kind TEXT, form_seq INTEGER, PRIMARY KEY (tpl, seq))",
    )
    .run();
  await db
    .prepare(
      "CREATE TABLE bench_clocks (tpl INTEGER, kind TEXT, started_day INTEGER, due_day INTEGER, amount INTEGER, unit TEXT, source TEXT, started_by_seq INTEGER)",
    )
    .run();
  const templates = [],
    slots = [],
    history = [],
    clocks = [];
  for (const [framework, entries] of Object.entries(mix)) {
    let slot = 0;
    for (const entry of entries) {
      const tpl = templates.length;
      const t = template(framework, entry.stage, entry.routines);
      templates.push([tpl, framework, t.stage, t.cycle, t.events.length]);
      for (let i = 0; i < entry.weight; i++) slots.push([framework, slot++, tpl]);
      const cited = citations(t.events);
      t.events.forEach((e, i) => history.push([tpl, e.seq, e.day, e.role, e.move, e.fromStage, e.toStage, e.cycle, e.formKind, cited[i]]));
      for (const c of t.clocks) clocks.push([tpl, c.kind, c.startedDay, c.dueDay, c.amount, c.unit, c.source, c.startedBySeq]);
    }
  }
  await insertRows(db, "bench_templates", ["tpl", "framework", "stage", "cycle", "events"], templates);
  await insertRows(db, "bench_slots", ["framework", "slot", "tpl"], slots);
  await insertRows(db, "bench_history", ["tpl", "seq", "day", "role", "move", "from_stage", "to_stage", "cycle", "form_kind", "form_seq"], history);
  await insertRows(db, "bench_clocks", ["tpl", "kind", "started_day", "due_day", "amount", "unit", "source", "started_by_seq"], clocks);
}

/** The forms the histories cite; `recentEvents` keeps only those of each pupil's last so many events. */
const formInserts = (today, recentEvents) => {
  const on = `date(${lit(today)}, printf('%+d days', h.day - bp.shift))`;
  const formId = uuidSql("bp.n", "h.seq", "9000");
  const recent = Number.isFinite(recentEvents) ? `AND h.seq > (SELECT events FROM bench_templates t WHERE t.tpl = h.tpl) - ${recentEvents}` : "";
  const cited = `FROM bench_pupils bp JOIN bench_history h ON h.tpl = bp.tpl AND h.form_seq = h.seq ${recent} WHERE h.form_kind =`;
  return [
    `INSERT INTO records_of_concern (id, pupil_id, school_id, raised_by, areas_of_concern, description, created_at)
     SELECT ${formId}, bp.id, bp.school_id, 'staff', '["cognitionAndLearning"]', 'Progress in reading well below that of peers', ${on} || 'T09:00:00.000Z' ${cited} 'recordOfConcern'`,
    `INSERT INTO plans (id, pupil_id, school_id, stage, cycle, objective, baseline, date_written, review_date, copy_given_to_parent_on)
     SELECT ${formId}, bp.id, bp.school_id, h.from_stage, h.cycle, 'Read and spell high-frequency words', 'Reads 40 of the first 100 words', ${on}, date(${on}, '+70 days'), ${on} ${cited} 'plan'`,
    `INSERT INTO reviews (id, pupil_id, school_id, stage, review_date, areas_of_concern, evaluation, decision, signed_on)
     SELECT ${formId}, bp.id, bp.school_id, h.from_stage, ${on}, '["cognitionAndLearning"]', 'Two of three targets met', h.move, ${on} ${cited} 'review'`,
    `INSERT INTO assessment_requests (id, pupil_id, school_id, la_id, kind, requested_by, requested_on, reasons)
     SELECT ${formId}, bp.id, bp.school_id, bp.la_id, CASE bp.framework WHEN 'england2001' THEN 'statutoryAssessment' ELSE 'ehcNeedsAssessment' END, 'school', ${on}, 'Little progress over successive cycles' ${cited} 'assessmentRequest'`,
  ];
};

/**
 * One LA with `schools` schools and `pupils` pupils. With `histories`, every pupil gets its template's events, forms
 * and clocks; without (the 10x dashboard run), pupils stand at their stage with their clocks and the forms of their
 * last eight events, but no events.
 */
export async function seedAuthority(db, { schools, pupils, histories = true, today = new Date().toISOString().slice(0, 10) }) {
  const started = performance.now();
  const { hash, salt } = await hashPassword(benchPassword);
  const laId = "00000000-0000-4000-8000-000000000001";
  await db.prepare("INSERT INTO local_authorities (id, name, code, region) VALUES (?, 'Bench LA', '999', 'englandAndWales')").bind(laId).run();
  const firstOld = Math.round(schools * 0.8);
  await db
    .prepare(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
    INSERT INTO schools (id, la_id, name, urn, phase, framework, public_slug, region)
    SELECT ${uuidSql("i", 0, "a000")}, ?, 'Bench School ' || i, 'B' || i, CASE WHEN i % 5 = 0 THEN 'secondary' ELSE 'primary' END,
      CASE WHEN i < ? THEN 'england2014' ELSE 'england2001' END, 'bench-school-' || i, 'englandAndWales' FROM s`)
    .bind(schools - 1, laId, firstOld)
    .run();
  await db
    .prepare(
      `INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) VALUES (?, 'officer@bench.test', 'Bench Officer', 'laOfficer', ?, ?, ?)`,
    )
    .bind("00000000-0000-4000-8000-0000000000aa", laId, hash, salt)
    .run();
  await db
    .prepare(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
    INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) SELECT ${uuidSql("i", 0, "b000")}, 'senco' || i || '@bench.test', 'SENCO ' || i, 'senco', ?, ?, ? FROM s`)
    .bind(schools - 1, laId, hash, salt)
    .run();
  await db
    .prepare(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
    INSERT INTO staff_schools (user_id, school_id) SELECT ${uuidSql("i", 0, "b000")}, ${uuidSql("i", 0, "a000")} FROM s`)
    .bind(schools - 1)
    .run();

  await stageTemplates(db);
  // Pupil n is at school n mod schools; its template comes from a 1000-slot wheel weighted by `mix`, and its history
  // is shifted back by its own 0-239 days so due dates spread across the year.
  await db.prepare("CREATE TABLE bench_pupils (n INTEGER PRIMARY KEY, id TEXT, school_id TEXT, la_id TEXT, framework TEXT, tpl INTEGER, shift INTEGER)").run();
  await db
    .prepare(`WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < ?)
    INSERT INTO bench_pupils SELECT n, ${uuidSql("n", 1, "8000")}, ${uuidSql(`n % ${schools}`, 0, "a000")}, ?,
      CASE WHEN n % ? < ? THEN 'england2014' ELSE 'england2001' END, 0, (n * 104729) % 240 FROM s`)
    .bind(pupils - 1, laId, schools, firstOld)
    .run();
  await db
    .prepare(
      "UPDATE bench_pupils SET tpl = (SELECT tpl FROM bench_slots WHERE bench_slots.framework = bench_pupils.framework AND slot = (bench_pupils.n * 7919) % 1000)",
    )
    .run();
  await db
    .prepare(`INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage, cycle, version, primary_need, areas_of_need, created_at)
    SELECT bp.id, ${benchUpnSql("bp.n")}, 'Pupil', 'Number ' || bp.n, date('2012-09-01', printf('+%d days', bp.n % 2900)),
      CAST(1 + bp.n % 11 AS TEXT), bp.school_id, bp.la_id, bp.framework, t.stage, t.cycle, ${histories ? "t.events" : "0"},
      CASE WHEN t.events > 1 THEN 'SPLD' END,
      -- Pupils past the first concern have an area of need, so the dashboard's figures per area have rows to show.
      CASE WHEN t.events > 1 THEN json_array(CASE bp.n % 3 WHEN 0 THEN 'cognitionAndLearning' WHEN 1 THEN 'communicationAndInteraction' ELSE 'emotionalBehaviouralSocial' END) ELSE '[]' END,
      ${lit(today)} || 'T08:00:00.000Z'
    FROM bench_pupils bp JOIN bench_templates t ON t.tpl = bp.tpl`)
    .run();

  if (histories) {
    // The gapless guard checks each event against the pupil's version one row at a time; pupils are inserted at their
    // final version, so it is set aside for this one statement and put back exactly as it was.
    const guard = await db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'pupil_events_gapless'").first();
    await db.prepare("DROP TRIGGER pupil_events_gapless").run();
    await db
      .prepare(`INSERT INTO pupil_events (pupil_id, seq, at, actor_role, move, from_stage, to_stage, cycle, form_kind, form_id)
      SELECT bp.id, h.seq, date(${lit(today)}, printf('%+d days', h.day - bp.shift)) || 'T10:00:00.000Z', h.role, h.move, h.from_stage, h.to_stage, h.cycle, h.form_kind,
        CASE WHEN h.form_seq IS NOT NULL THEN ${uuidSql("bp.n", "h.form_seq", "9000")} END
      FROM bench_pupils bp JOIN bench_history h ON h.tpl = bp.tpl ORDER BY bp.id, h.seq`)
      .run();
    await db.prepare(guard.sql).run();
  }
  for (const statement of formInserts(today, histories ? Infinity : 8)) await db.prepare(statement).run();
  await db
    .prepare(`INSERT INTO clocks (id, pupil_id, school_id, la_id, kind, started_on, due_on, timescale, started_by_seq)
    SELECT ${uuidSql("bp.n", "c.rowid", "c000")}, bp.id, bp.school_id, bp.la_id, c.kind,
      date(${lit(today)}, printf('%+d days', c.started_day - bp.shift)), date(${lit(today)}, printf('%+d days', c.due_day - bp.shift)),
      json_object('amount', c.amount, 'unit', c.unit, 'source', c.source), c.started_by_seq
    FROM bench_pupils bp JOIN bench_clocks c ON c.tpl = bp.tpl`)
    .run();
  for (const table of ["bench_templates", "bench_slots", "bench_history", "bench_clocks", "bench_pupils"]) await db.prepare(`DROP TABLE ${table}`).run();

  const count = async (table) => (await db.prepare(`SELECT count(*) AS n FROM ${table}`).first()).n;
  const counts = {};
  for (const table of ["schools", "pupils", "pupil_events", "records_of_concern", "plans", "reviews", "assessment_requests", "clocks"])
    counts[table] = await count(table);
  return { laId, counts, seconds: (performance.now() - started) / 1000 };
}
