import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import { assessmentRequests, clocks, drsReferrals, pupils, schools, sqlList, stageCounts, termSnapshots } from "../../schema/tables";
import { drsFinalSteps } from "../../schema/vocab";
import type { Db } from "../app-env";
import { apartSync, type Failures } from "../apart";
import { overdueOn, runningReview } from "./due";
import type { Table } from "./table";
import { dayOf, stageOf } from "./words";

/** What is kept each term, per school and for the whole LA. */
export const termMeasures = {
  onRegister: "On SEN register",
  withPlan: "EHC plan or statement",
  overdueReviews: "Overdue reviews",
  openDrsReferrals: "Open DRS referrals",
  openAssessmentRequests: "Assessment requests awaiting a plan or decision",
} as const;
export type TermMeasure = keyof typeof termMeasures;

/** The LA's own totals are kept under this school id, so reading them costs a few rows, not one per school. */
export const wholeLa = (laId: string) => `la:${laId}`;

const seasons = ["spring", "summer", "autumn"] as const;
/** English school terms, by month: spring January-March, summer April-August, autumn September-December. */
export function termOf(now: Date): string {
  const month = now.getUTCMonth();
  return `${now.getUTCFullYear()}-${month < 3 ? "spring" : month < 8 ? "summer" : "autumn"}`;
}
const termOrder = (term: string) => Number(term.slice(0, 4)) * 3 + seasons.indexOf(term.slice(5) as (typeof seasons)[number]);

/**
 * Records each school's and each LA's figures for the current term. Run by the scheduled handler; a later run in the
 * same term overwrites, so each term keeps the figures as they stood at its last run. A count whose stage no framework
 * knows is logged in `failures` and left out, not allowed to stop every school's figures.
 */
export async function takeTermSnapshot(db: Db, now: Date, failures: Failures = []) {
  const today = dayOf(now);
  const term = termOf(now);
  const [schoolRows, counts, overdue, drs, requests] = await db.batch([
    db.select({ id: schools.id, laId: schools.laId }).from(schools),
    db.select().from(stageCounts),
    db
      .select({ schoolId: clocks.schoolId, n: sql<number>`count(*)` })
      .from(clocks)
      .innerJoin(pupils, eq(pupils.id, clocks.pupilId))
      .where(and(runningReview, overdueOn(today), isNull(pupils.closedAt)))
      .groupBy(clocks.schoolId),
    db
      .select({ schoolId: drsReferrals.schoolId, n: sql<number>`count(*)` })
      .from(drsReferrals)
      .where(sql`${drsReferrals.currentStep} NOT IN (${sqlList(drsFinalSteps)})`)
      .groupBy(drsReferrals.schoolId),
    db
      .select({ schoolId: assessmentRequests.schoolId, n: sql<number>`count(*)` })
      .from(assessmentRequests)
      .where(and(isNull(assessmentRequests.planIssuedOn), or(isNull(assessmentRequests.laDecision), ne(assessmentRequests.laDecision, "refused"))))
      .groupBy(assessmentRequests.schoolId),
  ]);
  const values = new Map<string, { laId: string; schoolId: string; measure: TermMeasure; value: number }>();
  const add = (laId: string, schoolId: string, measure: TermMeasure, value: number) => {
    for (const id of [schoolId, wholeLa(laId)]) {
      const key = `${id}|${measure}`;
      const entry = values.get(key) ?? { laId, schoolId: id, measure, value: 0 };
      entry.value += value;
      values.set(key, entry);
    }
  };
  for (const school of schoolRows) for (const measure of Object.keys(termMeasures) as TermMeasure[]) add(school.laId, school.id, measure, 0);
  const laOf = new Map(schoolRows.map((school) => [school.id, school.laId]));
  for (const row of counts) {
    const stage = apartSync(failures, "term figures of school", row.schoolId, () => stageOf(row.framework, row.stage));
    if (!stage) continue;
    if (stage.onSenRegister) add(row.laId, row.schoolId, "onRegister", row.pupils);
    if (stage.provisionCode === "E" || stage.provisionCode === "S") add(row.laId, row.schoolId, "withPlan", row.pupils);
  }
  const addCounts = (rows: { schoolId: string; n: number }[], measure: TermMeasure) => {
    for (const row of rows) add(laOf.get(row.schoolId) ?? "", row.schoolId, measure, row.n);
  };
  addCounts(overdue, "overdueReviews");
  addCounts(drs, "openDrsReferrals");
  addCounts(requests, "openAssessmentRequests");

  const rows = [...values.values()].map((entry) => ({ ...entry, term, takenAt: now.toISOString() }));
  // D1 binds at most 100 parameters a statement: 6 columns a row, so 16 rows an insert.
  const inserts = [];
  for (let i = 0; i < rows.length; i += 16) {
    inserts.push(
      db
        .insert(termSnapshots)
        .values(rows.slice(i, i + 16))
        .onConflictDoUpdate({
          target: [termSnapshots.schoolId, termSnapshots.term, termSnapshots.measure],
          set: { value: sql`excluded.value`, takenAt: sql`excluded.taken_at` },
        }),
    );
  }
  for (let i = 0; i < inserts.length; i += 50) {
    const [first, ...rest] = inserts.slice(i, i + 50);
    if (first) await db.batch([first, ...rest]);
  }
  return { term, rows: rows.length };
}

export type TermRow = { term: string } & Record<TermMeasure, number | null>;

/** How the figures moved over the last terms, for a school or (under wholeLa) the LA: terms x measures rows. */
export async function termTrend(db: Db, laId: string, schoolId: string | null, terms = 6): Promise<Table<TermRow>> {
  const rows = await db
    .select({ laId: termSnapshots.laId, term: termSnapshots.term, measure: termSnapshots.measure, value: termSnapshots.value })
    .from(termSnapshots)
    // By the primary key (school, term, measure) alone: the LA is checked on the rows read, not used to find them.
    .where(eq(termSnapshots.schoolId, schoolId ?? wholeLa(laId)));
  const byTerm = new Map<string, TermRow>();
  for (const row of rows.filter((r) => r.laId === laId)) {
    const entry = byTerm.get(row.term) ?? {
      term: row.term,
      onRegister: null,
      withPlan: null,
      overdueReviews: null,
      openDrsReferrals: null,
      openAssessmentRequests: null,
    };
    if (row.measure in termMeasures) entry[row.measure as TermMeasure] = row.value;
    byTerm.set(row.term, entry);
  }
  return {
    title: "How the figures moved, term by term",
    columns: [{ key: "term", label: "Term" }, ...Object.entries(termMeasures).map(([key, label]) => ({ key: key as TermMeasure, label, numeric: true }))],
    rows: [...byTerm.values()].sort((a, b) => termOrder(a.term) - termOrder(b.term)).slice(-terms),
    next: null,
  };
}
