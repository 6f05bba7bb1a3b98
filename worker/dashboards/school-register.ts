import { and, desc, eq, exists, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { PupilFilters } from "../../schema/inputs";
import { parentMeetings, plans, pupils, recordsOfConcern, type schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { isOverdue } from "../workflow/due";
import { nextReviewsOf } from "./due";
import { keyset, type Keyset, type PageAt, type Table } from "./table";
import { areaLabel, fullName, registerStages, schoolYearStart, stageOf } from "./words";

export type RegisterRow = {
  pupilId: string;
  upn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  yearGroup: string;
  pupil: string;
  stage: string;
  stageLabel: string;
  provisionCode: string;
  primaryNeed: string | null;
  secondaryNeed: string | null;
  areasOfNeed: string;
  nextReview: string | null;
  meetingsThisYear: number;
  planStatus: string;
};

/**
 * Where the pupil stands as the SENCO reads it: a running review past its date (the clock, never the plan's own
 * date, so recording the review clears it), a concern awaiting the SENCO's action, no plan yet, its copy not yet with
 * the parents, or current.
 */
function planStatus(nextReview: string | null, concernRaised: boolean, plan: { copyGivenToParentOn: string | null } | undefined, today: string): string {
  if (nextReview && isOverdue(nextReview, today)) return "Review overdue";
  if (concernRaised) return "Concern raised";
  if (!plan) return "No plan";
  if (!plan.copyGivenToParentOn) return "Copy not given to parents";
  return "Current";
}

/**
 * Filters every list of pupils shares: a stage, a year group, a primary need (the census's SEN type 1). Within one
 * school the year and need are checked row by row ("+" keeps SQLite off the LA-wide year and need indexes, which would
 * read every school's pupils of that year); across an LA they pick their own index.
 */
export const pupilFiltersWhere = (filters: PupilFilters, withinSchool = true) =>
  and(
    filters.stage ? eq(pupils.stage, filters.stage) : undefined,
    filters.year ? (withinSchool ? sql`+${pupils.yearGroup} = ${filters.year}` : eq(pupils.yearGroup, filters.year)) : undefined,
    filters.need ? (withinSchool ? sql`+${pupils.primaryNeed} = ${filters.need}` : eq(pupils.primaryNeed, filters.need)) : undefined,
  );

/** Pupils in name order, the key every list of pupils pages on. */
export const byName = [pupils.familyName, pupils.givenName, pupils.id] as const;

/** A Record of Concern on the pupil that the SENCO has not yet acted on. */
const openConcernOf = (db: Db, pupilId: typeof pupils.id) =>
  db
    .select({ one: sql`1` })
    .from(recordsOfConcern)
    .where(and(eq(recordsOfConcern.pupilId, pupilId), isNull(recordsOfConcern.sencoAction)));

/**
 * One page of the register's pupils (at a stage that places them on it, or whose concern awaits the SENCO), as a query
 * (its plan is tested: test/dashboards/find-plans.test.ts).
 */
export const senRegisterQuery = (db: Db, school: Pick<typeof schools.$inferSelect, "id" | "framework">, filters: PupilFilters, pageOf: Keyset) =>
  db
    .select()
    .from(pupils)
    .where(
      and(
        eq(pupils.schoolId, school.id),
        or(inArray(pupils.stage, registerStages(school.framework)), exists(openConcernOf(db, pupils.id))),
        isNull(pupils.closedAt),
        pupilFiltersWhere(filters),
        pageOf.where,
      ),
    )
    .orderBy(...pageOf.orderBy)
    .limit(pageOf.limit);

/**
 * The school's SEN register (pupils at a stage that places them on it, and pupils whose concern awaits the SENCO), by
 * name, a page either way, narrowed by stage, year group and primary need; on pupils_by_school_name (or _stage_name),
 * so it reads one school's pupils only.
 */
export async function senRegister(
  db: Db,
  school: typeof schools.$inferSelect,
  today: string,
  query: PupilFilters & PageAt,
  limit: number,
): Promise<Table<RegisterRow>> {
  const pageOf = keyset(byName, query, limit);
  const rows = await senRegisterQuery(db, school, query, pageOf);
  const page = pageOf.page(rows, (row) => [row.familyName, row.givenName, row.id]);
  const ids = page.rows.map((row) => row.id);
  const [reviewClocks, meetings, latestPlans, openConcerns] = ids.length
    ? await db.batch([
        nextReviewsOf(db, ids),
        db
          .select({ pupilId: parentMeetings.pupilId, n: sql<number>`count(*)` })
          .from(parentMeetings)
          .where(and(inArray(parentMeetings.pupilId, ids), gte(parentMeetings.heldOn, schoolYearStart(today))))
          .groupBy(parentMeetings.pupilId),
        db
          .select({ pupilId: plans.pupilId, copyGivenToParentOn: plans.copyGivenToParentOn, dateWritten: plans.dateWritten })
          .from(plans)
          .where(inArray(plans.pupilId, ids))
          .orderBy(desc(plans.dateWritten)),
        db
          .selectDistinct({ pupilId: recordsOfConcern.pupilId })
          .from(recordsOfConcern)
          .where(and(inArray(recordsOfConcern.pupilId, ids), isNull(recordsOfConcern.sencoAction))),
      ])
    : [[], [], [], []];
  return {
    title: "SEN register",
    columns: [
      { key: "pupil", label: "Pupil" },
      { key: "upn", label: "UPN" },
      { key: "yearGroup", label: "Year" },
      { key: "stageLabel", label: "Stage" },
      { key: "provisionCode", label: "Census provision" },
      { key: "primaryNeed", label: "Primary need" },
      { key: "areasOfNeed", label: "Areas of need" },
      { key: "nextReview", label: "Next review" },
      { key: "meetingsThisYear", label: "Parent meetings this year", numeric: true },
      { key: "planStatus", label: "Plan" },
    ],
    rows: page.rows.map((pupil) => {
      const stage = stageOf(pupil.framework, pupil.stage);
      const plan = latestPlans.find((p) => p.pupilId === pupil.id);
      const nextReview = reviewClocks.find((c) => c.pupilId === pupil.id)?.dueOn ?? null;
      return {
        pupilId: pupil.id,
        upn: pupil.upn,
        familyName: pupil.familyName,
        givenName: pupil.givenName,
        dateOfBirth: pupil.dateOfBirth,
        yearGroup: pupil.yearGroup,
        pupil: fullName(pupil),
        stage: pupil.stage,
        stageLabel: stage.label,
        provisionCode: stage.provisionCode,
        primaryNeed: pupil.primaryNeed,
        secondaryNeed: pupil.secondaryNeed,
        areasOfNeed: pupil.areasOfNeed.map(areaLabel).join("; "),
        nextReview,
        meetingsThisYear: meetings.find((m) => m.pupilId === pupil.id)?.n ?? 0,
        planStatus: planStatus(
          nextReview,
          openConcerns.some((c) => c.pupilId === pupil.id),
          plan,
          today,
        ),
      };
    }),
    next: page.next,
    previous: page.previous,
  };
}

/** The register as the school census records it: UPN, names, DOB, NC year, SEN provision and need types by rank. */
export const censusColumns = [
  { key: "upn", label: "UPN" },
  { key: "familyName", label: "Surname" },
  { key: "givenName", label: "Forename" },
  { key: "dateOfBirth", label: "DOB" },
  { key: "yearGroup", label: "NCyearActual" },
  { key: "provisionCode", label: "SENprovision" },
  { key: "primaryNeed", label: "SENtype1" },
  { key: "secondaryNeed", label: "SENtype2" },
] as const satisfies Table<RegisterRow>["columns"];
