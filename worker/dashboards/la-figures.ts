import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { clocks, laCounts, needCounts, pupils, schools, stageCounts } from "../../schema/tables";
import type { FrameworkId } from "../../schema/vocab";
import type { Db } from "../app-env";
import { frameworkFor } from "../workflow/frameworks";
import { overdueOn, runningReview } from "./due";
import { decodeCursor, paged, type Table } from "./table";
import { areaLabel, daysFrom, stageOf } from "./words";

/** The LA's totals per stage and per area of need: a few rows, however many schools and pupils the LA has. */
export async function laTotals(db: Db, laId: string) {
  const rows = await db.select().from(laCounts).where(eq(laCounts.laId, laId));
  const stages: Table<{ frameworkId: string; framework: string; stage: string; stageLabel: string; provisionCode: string; pupils: number }> = {
    title: "Pupils per stage in the authority",
    columns: [
      { key: "framework", label: "Framework" },
      { key: "stageLabel", label: "Stage" },
      { key: "provisionCode", label: "Census provision" },
      { key: "pupils", label: "Pupils", numeric: true },
    ],
    rows: rows
      .filter((row) => row.dimension === "stage")
      .map((row) => {
        const stage = stageOf(row.framework as FrameworkId, row.key);
        return {
          frameworkId: row.framework,
          framework: frameworkFor(row.framework as FrameworkId).name,
          stage: row.key,
          stageLabel: stage.label,
          provisionCode: stage.provisionCode,
          pupils: row.pupils,
        };
      })
      .sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || b.pupils - a.pupils),
    next: null,
  };
  const areas: Table<{ area: string; areaLabel: string; pupils: number }> = {
    title: "Pupils per area of need in the authority",
    columns: [
      { key: "areaLabel", label: "Area of need" },
      { key: "pupils", label: "Pupils", numeric: true },
    ],
    rows: rows
      .filter((row) => row.dimension === "area")
      .map((row) => ({ area: row.key, areaLabel: areaLabel(row.key), pupils: row.pupils }))
      .sort((a, b) => b.pupils - a.pupils),
    next: null,
  };
  return { stages, areas };
}

/** A page of the LA's schools by name: the keyset (name, id) runs on schools_by_la_name. */
async function schoolPage(db: Db, laId: string, after: string | undefined, limit: number) {
  const cursor = decodeCursor(after, 2);
  const rows = await db
    .select({ id: schools.id, name: schools.name, urn: schools.urn, framework: schools.framework })
    .from(schools)
    .where(and(eq(schools.laId, laId), cursor ? sql`(${schools.name}, ${schools.id}) > (${cursor[0]}, ${cursor[1]})` : undefined))
    .orderBy(asc(schools.name), asc(schools.id))
    .limit(limit + 1);
  return paged(rows, limit, (school) => [school.name, school.id]);
}

export type SchoolFigures = {
  schoolId: string;
  school: string;
  urn: string;
  pupils: number;
  onRegister: number;
  withPlan: number;
  overdueReviews: number;
  longestOverdueDays: number | null;
};

/** Each school on the page with its figures: rows read grow with the page (its stage rows and overdue clocks). */
export async function schoolFigures(db: Db, laId: string, today: string, after: string | undefined, limit: number): Promise<Table<SchoolFigures>> {
  const page = await schoolPage(db, laId, after, limit);
  const ids = page.rows.map((school) => school.id);
  const [counts, overdue] = ids.length
    ? await db.batch([
        db.select().from(stageCounts).where(inArray(stageCounts.schoolId, ids)),
        db
          .select({ schoolId: clocks.schoolId, overdue: sql<number>`count(*)`, oldest: sql<string>`min(${clocks.dueOn})` })
          .from(clocks)
          .innerJoin(pupils, eq(pupils.id, clocks.pupilId))
          .where(and(inArray(clocks.schoolId, ids), runningReview, overdueOn(today), isNull(pupils.closedAt)))
          .groupBy(clocks.schoolId),
      ])
    : [[], []];
  return {
    title: "Schools: pupils, SEN register and overdue reviews",
    columns: [
      { key: "school", label: "School" },
      { key: "urn", label: "URN" },
      { key: "pupils", label: "Pupils", numeric: true },
      { key: "onRegister", label: "On SEN register", numeric: true },
      { key: "withPlan", label: "EHC plan or statement", numeric: true },
      { key: "overdueReviews", label: "Overdue reviews", numeric: true },
      { key: "longestOverdueDays", label: "Longest overdue (days)", numeric: true },
    ],
    rows: page.rows.map((school) => {
      const mine = counts.filter((row) => row.schoolId === school.id);
      const sum = (keep: (code: string, onRegister: boolean) => boolean) =>
        mine.reduce((total, row) => {
          const stage = stageOf(row.framework, row.stage);
          return keep(stage.provisionCode, stage.onSenRegister) ? total + row.pupils : total;
        }, 0);
      const late = overdue.find((row) => row.schoolId === school.id);
      return {
        schoolId: school.id,
        school: school.name,
        urn: school.urn,
        pupils: sum(() => true),
        onRegister: sum((_, onRegister) => onRegister),
        withPlan: sum((code) => code === "E" || code === "S"),
        overdueReviews: late?.overdue ?? 0,
        longestOverdueDays: late ? daysFrom(late.oldest, today) : null,
      };
    }),
    next: page.next,
  };
}

export type StageRow = { schoolId: string; school: string; framework: string; stage: string; stageLabel: string; provisionCode: string; pupils: number };
export type AreaRow = { schoolId: string; school: string; area: string; areaLabel: string; pupils: number };

/** Pupils per stage and per area of need for a page of schools (or one school): one row per school and stage. */
export async function stageAndNeedCounts(db: Db, laId: string, after: string | undefined, limit: number, schoolId?: string) {
  const page = schoolId
    ? {
        rows: await db
          .select({ id: schools.id, name: schools.name })
          .from(schools)
          .where(and(eq(schools.id, schoolId), eq(schools.laId, laId))),
        next: null,
      }
    : await schoolPage(db, laId, after, limit);
  const ids = page.rows.map((school) => school.id);
  const nameOf = new Map(page.rows.map((school) => [school.id, school.name]));
  const [stageRows, areaRows] = ids.length
    ? await db.batch([
        db.select().from(stageCounts).where(inArray(stageCounts.schoolId, ids)),
        db.select().from(needCounts).where(inArray(needCounts.schoolId, ids)),
      ])
    : [[], []];
  const order = (a: { school: string }, b: { school: string }) => a.school.localeCompare(b.school);
  const stages: Table<StageRow> = {
    title: "Pupils per stage per school",
    columns: [
      { key: "school", label: "School" },
      { key: "stageLabel", label: "Stage" },
      { key: "provisionCode", label: "Census provision" },
      { key: "pupils", label: "Pupils", numeric: true },
    ],
    rows: stageRows
      .map((row) => {
        const stage = stageOf(row.framework, row.stage);
        return {
          schoolId: row.schoolId,
          school: nameOf.get(row.schoolId) ?? "",
          framework: row.framework,
          stage: row.stage,
          stageLabel: stage.label,
          provisionCode: stage.provisionCode,
          pupils: row.pupils,
        };
      })
      .sort(order),
    next: page.next,
  };
  const areas: Table<AreaRow> = {
    title: "Pupils per area of need per school",
    columns: [
      { key: "school", label: "School" },
      { key: "areaLabel", label: "Area of need" },
      { key: "pupils", label: "Pupils", numeric: true },
    ],
    rows: areaRows
      .map((row) => ({ schoolId: row.schoolId, school: nameOf.get(row.schoolId) ?? "", area: row.area, areaLabel: areaLabel(row.area), pupils: row.pupils }))
      .sort(order),
    next: page.next,
  };
  return { stages, areas };
}
