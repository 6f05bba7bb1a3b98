import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { schools } from "../../schema/tables";
import { laPupilFilters } from "../../schema/inputs";
import type { Db } from "../app-env";
import { assessmentRequestsPage, openDrsReferrals } from "./la-casework";
import { laTotals, schoolFigures, stageAndNeedCounts } from "./la-figures";
import { overdueReviews, pupilsBehindFigure } from "./la-lists";
import { pageSize, type Table } from "./table";
import { everyStageId } from "./words";
import { termTrend } from "./term-snapshots";

/** The LA dashboard's tables by name: the API, the pages and the CSV export all read them through here. */
export const laTableNames = [
  "schools",
  "overdue-reviews",
  "stages",
  "areas",
  "drs-referrals",
  "assessment-requests",
  "terms",
  "totals-by-stage",
  "totals-by-area",
  "pupils",
] as const;
export type LaTableName = (typeof laTableNames)[number];

/** Every LA table takes the same query: a page either way, a school of the LA, and the lists of pupils' filters. */
export const laTableQuery = laPupilFilters(everyStageId());
export type LaTableQuery = v.InferOutput<typeof laTableQuery>;

const sayWhichPupils = "Choose a stage, a year group, a primary need or a school";
/** The list of pupils needs a filter (an LA holds tens of thousands); an area of need is listed one school at a time. */
const laPupilListQuery = v.pipe(
  laTableQuery,
  v.forward(
    v.check((q) => Boolean(q.stage || q.year || q.need || q.schoolId), sayWhichPupils),
    ["stage"],
  ),
  v.forward(
    v.check((q) => !q.area || Boolean(q.schoolId), "Choose a school to list the pupils with an area of need"),
    ["schoolId"],
  ),
);

/** The query schema of each table: the list of pupils asks for a filter. */
export const laQueryOf = (table: LaTableName) => (table === "pupils" ? laPupilListQuery : laTableQuery);

/** The LA's schools by name, for an officer's filter. */
export const laSchools = (db: Db, laId: string) =>
  db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.laId, laId)).orderBy(asc(schools.name));

type Loader = (db: Db, laId: string, today: string, query: LaTableQuery) => Promise<Table<any>>;

export const laTables: Record<LaTableName, Loader> = {
  schools: (db, laId, today, q) => schoolFigures(db, laId, today, q.after, pageSize(q)),
  "overdue-reviews": (db, laId, today, q) => overdueReviews(db, { laId, schoolId: q.schoolId }, today, q, pageSize(q)),
  stages: async (db, laId, _today, q) => (await stageAndNeedCounts(db, laId, q.after, pageSize(q), q.schoolId)).stages,
  areas: async (db, laId, _today, q) => (await stageAndNeedCounts(db, laId, q.after, pageSize(q), q.schoolId)).areas,
  "drs-referrals": (db, laId, today, q) => openDrsReferrals(db, laId, today, q.after, pageSize(q), q.schoolId),
  "assessment-requests": (db, laId, today, q) => assessmentRequestsPage(db, laId, today, q.after, pageSize(q)),
  terms: (db, laId, _today, q) => termTrend(db, laId, q.schoolId ?? null),
  "totals-by-stage": async (db, laId) => (await laTotals(db, laId)).stages,
  "totals-by-area": async (db, laId) => (await laTotals(db, laId)).areas,
  pupils: (db, laId, _today, q) => pupilsBehindFigure(db, laId, q, q, pageSize(q)),
};
