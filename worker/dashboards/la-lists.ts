import { and, eq, isNull, sql } from "drizzle-orm";
import type { PupilFilters } from "../../schema/inputs";
import { clocks, pupils, schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { overdueOn, runningReview } from "./due";
import { byName, pupilFiltersWhere } from "./school-register";
import { keyset, type Keyset, type PageAt, type Table } from "./table";
import { daysFrom, fullName, reviewKindLabels, stageOf } from "./words";

/** The LA's lists of pupils: overdue reviews, and the pupils behind a figure. Each a page on its own index. */

export type OverdueReview = {
  clockId: string;
  pupilId: string;
  pupil: string;
  schoolId: string;
  school: string;
  review: string;
  dueOn: string;
  daysOverdue: number;
};

/** Reviews past their date, longest overdue first, across the LA or for one school; on running_reviews_by_la / _by_school. */
export async function overdueReviews(
  db: Db,
  scope: { laId: string; schoolId?: string | undefined },
  today: string,
  at: PageAt,
  limit: number,
): Promise<Table<OverdueReview>> {
  const pageOf = keyset([clocks.dueOn, clocks.id], at, limit);
  const rows = await db
    .select({
      clockId: clocks.id,
      kind: clocks.kind,
      dueOn: clocks.dueOn,
      pupilId: clocks.pupilId,
      schoolId: clocks.schoolId,
      givenName: pupils.givenName,
      familyName: pupils.familyName,
      school: schools.name,
    })
    .from(clocks)
    .innerJoin(pupils, eq(pupils.id, clocks.pupilId))
    .innerJoin(schools, eq(schools.id, clocks.schoolId))
    .where(
      and(
        scope.schoolId ? and(eq(clocks.schoolId, scope.schoolId), eq(clocks.laId, scope.laId)) : eq(clocks.laId, scope.laId),
        runningReview,
        overdueOn(today),
        isNull(pupils.closedAt),
        pageOf.where,
      ),
    )
    .orderBy(...pageOf.orderBy)
    .limit(pageOf.limit);
  const page = pageOf.page(rows, (row) => [row.dueOn, row.clockId]);
  return {
    title: "Overdue reviews, longest overdue first",
    columns: [
      { key: "school", label: "School" },
      { key: "pupil", label: "Pupil" },
      { key: "review", label: "Review" },
      { key: "dueOn", label: "Due on" },
      { key: "daysOverdue", label: "Days overdue", numeric: true },
    ],
    rows: page.rows.map((row) => ({
      clockId: row.clockId,
      pupilId: row.pupilId,
      pupil: fullName(row),
      schoolId: row.schoolId,
      school: row.school,
      review: reviewKindLabels[row.kind as keyof typeof reviewKindLabels] ?? row.kind,
      dueOn: row.dueOn,
      daysOverdue: daysFrom(row.dueOn, today),
    })),
    next: page.next,
    previous: page.previous,
  };
}

type LaPupilFilter = PupilFilters & { schoolId?: string | undefined; area?: string | undefined };

/** One page of an LA's list of pupils, as a query (its plan is tested: test/dashboards/find-plans.test.ts). */
export const pupilsBehindFigureQuery = (db: Db, laId: string, filter: LaPupilFilter, pageOf: Keyset) =>
  db
    .select({
      id: pupils.id,
      givenName: pupils.givenName,
      familyName: pupils.familyName,
      upn: pupils.upn,
      yearGroup: pupils.yearGroup,
      framework: pupils.framework,
      stage: pupils.stage,
      school: schools.name,
    })
    .from(pupils)
    .innerJoin(schools, eq(schools.id, pupils.schoolId))
    .where(
      and(
        // One school's pupils through its own index; the LA is checked on each of them.
        filter.schoolId ? and(eq(pupils.schoolId, filter.schoolId), sql`+${pupils.laId} = ${laId}`) : eq(pupils.laId, laId),
        pupilFiltersWhere(filter, Boolean(filter.schoolId)),
        isNull(pupils.closedAt),
        filter.area ? sql`EXISTS (SELECT 1 FROM json_each(${pupils.areasOfNeed}) WHERE value = ${filter.area})` : undefined,
        pageOf.where,
      ),
    )
    .orderBy(...pageOf.orderBy)
    .limit(pageOf.limit);

export type PupilBehindFigure = { pupilId: string; pupil: string; upn: string; yearGroup: string; school: string; stageLabel: string; provisionCode: string };

/**
 * The pupils behind a figure, or any list an officer filters, by name, a page either way: by stage, year group or
 * primary need across the LA or in one school (pupils_by_la_stage_name, _year_name, _need_name, or the school's), or one
 * area of need in one school (its pupils only: areas are a JSON list, so an area across the whole LA is not offered).
 */
export async function pupilsBehindFigure(db: Db, laId: string, filter: LaPupilFilter, at: PageAt, limit: number): Promise<Table<PupilBehindFigure>> {
  const pageOf = keyset(byName, at, limit);
  const rows = await pupilsBehindFigureQuery(db, laId, filter, pageOf);
  const page = pageOf.page(rows, (row) => [row.familyName, row.givenName, row.id]);
  return {
    title: "Pupils behind the figure",
    columns: [
      { key: "pupil", label: "Pupil" },
      { key: "upn", label: "UPN" },
      { key: "yearGroup", label: "Year" },
      { key: "school", label: "School" },
      { key: "stageLabel", label: "Stage" },
      { key: "provisionCode", label: "Census provision" },
    ],
    rows: page.rows.map((row) => {
      const stage = stageOf(row.framework, row.stage);
      return {
        pupilId: row.id,
        pupil: fullName(row),
        upn: row.upn,
        yearGroup: row.yearGroup,
        school: row.school,
        stageLabel: stage.label,
        provisionCode: stage.provisionCode,
      };
    }),
    next: page.next,
    previous: page.previous,
  };
}
