import { and, asc, desc, eq, exists, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { parentMeetings, plans, pupils, recordsOfConcern, type schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { isOverdue } from "../workflow/due";
import { nextReviewsOf } from "./due";
import { decodeCursor, paged, type Table } from "./table";
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

/** A Record of Concern on the pupil that the SENCO has not yet acted on. */
const openConcernOf = (db: Db, pupilId: typeof pupils.id) =>
  db
    .select({ one: sql`1` })
    .from(recordsOfConcern)
    .where(and(eq(recordsOfConcern.pupilId, pupilId), isNull(recordsOfConcern.sencoAction)));

/**
 * The school's SEN register (pupils at a stage that places them on it, and pupils whose concern awaits the SENCO),
 * by name, a page at a time.
 */
export async function senRegister(
  db: Db,
  school: typeof schools.$inferSelect,
  today: string,
  after: string | undefined,
  limit: number,
): Promise<Table<RegisterRow>> {
  const cursor = decodeCursor(after, 3);
  const rows = await db
    .select()
    .from(pupils)
    .where(
      and(
        eq(pupils.schoolId, school.id),
        or(inArray(pupils.stage, registerStages(school.framework)), exists(openConcernOf(db, pupils.id))),
        isNull(pupils.closedAt),
        cursor ? sql`(${pupils.familyName}, ${pupils.givenName}, ${pupils.id}) > (${cursor[0]}, ${cursor[1]}, ${cursor[2]})` : undefined,
      ),
    )
    .orderBy(asc(pupils.familyName), asc(pupils.givenName), asc(pupils.id))
    .limit(limit + 1);
  const page = paged(rows, limit, (row) => [row.familyName, row.givenName, row.id]);
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
        planStatus: planStatus(nextReview, openConcerns.some((c) => c.pupilId === pupil.id), plan, today),
      };
    }),
    next: page.next,
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
