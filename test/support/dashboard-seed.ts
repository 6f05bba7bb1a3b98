import { addDays, formatISO, parseISO } from "date-fns";
import { withUpnCheckLetter } from "../../schema/rules";

/**
 * Known pupils, clocks, referrals, requests and a provision map across two LAs, written straight to D1 with plain SQL
 * so the workers tests and the browser tests (Node, Miniflare's D1) seed the same world. Every call makes fresh ids.
 */

type Row = Record<string, string | number | null>;
const unique = () => crypto.randomUUID();
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
export const dayPlus = (today: string, days: number) => formatISO(addDays(parseISO(today), days), { representation: "date" });

/** Inserts rows of one table, as many to a statement as D1's 100 bound parameters allow. */
export async function insertRows(d1: D1Database, table: string, rows: Row[]) {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(100 / columns.length));
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const marks = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    statements.push(
      d1.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${marks}`).bind(...chunk.flatMap((row) => columns.map((c) => row[c] ?? null))),
    );
  }
  for (let i = 0; i < statements.length; i += 50) await d1.batch(statements.slice(i, i + 50));
}

export function laRow(name = `LA ${digits(4)}`) {
  return { id: unique(), name, code: unique().slice(0, 8), region: "englandAndWales" };
}

export function schoolRow(laId: string, framework: string, name = `School ${digits(5)}`) {
  return {
    id: unique(),
    la_id: laId,
    name,
    urn: digits(6) + unique().slice(0, 4),
    phase: "primary",
    framework,
    public_slug: `s-${unique()}`,
    region: "englandAndWales",
  };
}

export function pupilRow(school: { id: string; la_id: string; framework: string }, stage: string, areas: string[] = [], extra: Row = {}) {
  return {
    id: unique(),
    upn: withUpnCheckLetter(digits(12)),
    given_name: "Pat",
    family_name: `Pupil${digits(6)}`,
    date_of_birth: "2016-03-04",
    year_group: "5",
    school_id: school.id,
    la_id: school.la_id,
    framework: school.framework,
    stage,
    areas_of_need: JSON.stringify(areas),
    primary_need: null,
    closed_at: null,
    ...extra,
  };
}

export function clockRow(pupil: { id: string; school_id: string; la_id: string }, kind: string, dueOn: string, extra: Row = {}) {
  return {
    id: unique(),
    pupil_id: pupil.id,
    school_id: pupil.school_id,
    la_id: pupil.la_id,
    kind,
    started_on: dayPlus(dueOn, -30),
    due_on: dueOn,
    timescale: JSON.stringify({ amount: 30, unit: "days", source: "test" }),
    stopped_at: null,
    ...extra,
  };
}

export function drsRow(pupil: { id: string; school_id: string; la_id: string }, currentStep: string, createdAt: string) {
  return {
    id: unique(),
    pupil_id: pupil.id,
    school_id: pupil.school_id,
    la_id: pupil.la_id,
    informal_resolution_tried: "Meetings with the class teacher",
    summary_of_issues: "Disagreement about support",
    actions_taken: "Two meetings",
    current_step: currentStep,
    timescales: "{}",
    created_at: createdAt,
  };
}

export function assessmentRow(pupil: { id: string; school_id: string; la_id: string }, kind: string, requestedOn: string, extra: Row = {}) {
  return {
    id: unique(),
    pupil_id: pupil.id,
    school_id: pupil.school_id,
    la_id: pupil.la_id,
    kind,
    requested_by: "school",
    requested_on: requestedOn,
    reasons: "Progress below expectations after two cycles",
    la_decision: null,
    la_decision_on: null,
    plan_issued_on: null,
    ...extra,
  };
}

export function staffRow(role: string, laId: string | null, extra: Row = {}) {
  return { id: unique(), email: `${unique()}@example.test`, name: `${role} ${digits(3)}`, role, la_id: laId, ...extra };
}

export function planRow(pupil: { id: string; school_id: string; stage: string }, dateWritten: string, reviewDate: string, copyGivenOn: string | null) {
  return {
    id: unique(),
    pupil_id: pupil.id,
    school_id: pupil.school_id,
    stage: pupil.stage,
    objective: "Read fluently at book band 6",
    baseline: "Book band 4",
    date_written: dateWritten,
    review_date: reviewDate,
    copy_given_to_parent_on: copyGivenOn,
  };
}

export function interventionRow(schoolId: string, name: string, extra: Row = {}) {
  return {
    id: unique(),
    school_id: schoolId,
    name,
    area_of_need: "cognitionAndLearning",
    group_size: "1:4",
    frequency: "3 x 20 minutes a week",
    staff: "Teaching assistant",
    cost_per_term_pence: 45000,
    ...extra,
  };
}

export function targetRow(planId: string, position: number, interventionId: string, outcome: string | null) {
  return {
    id: unique(),
    plan_id: planId,
    position,
    target: `Target ${position}`,
    success_criteria: "Reads 40 words a minute",
    materials: "Phonics books",
    methods: "Paired reading",
    delivered_by: "Teaching assistant",
    group_size: "1:4",
    frequency: "Daily",
    intervention_id: interventionId,
    outcome,
  };
}

export function meetingRow(pupil: { id: string; school_id: string }, heldOn: string) {
  return { id: unique(), pupil_id: pupil.id, school_id: pupil.school_id, held_on: heldOn, outcomes_agreed: "Agreed the plan" };
}
