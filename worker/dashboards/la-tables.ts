import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { areasOfConcern } from "../../schema/vocab";
import type { Db } from "../app-env";
import { ApiError } from "../http/errors";
import { assessmentRequestsPage, openDrsReferrals } from "./la-casework";
import { laTotals, schoolFigures, stageAndNeedCounts } from "./la-figures";
import { overdueReviews, pupilsBehindFigure } from "./la-lists";
import { pageQuery, pageSize, type PageQuery, type Table } from "./table";
import { termTrend } from "./term-snapshots";

/** The LA dashboard's tables by name: the API, the pages and the CSV export all read them through here. */
export const laTableNames = ["schools", "overdue-reviews", "stages", "areas", "drs-referrals", "assessment-requests", "terms", "totals-by-stage", "totals-by-area", "pupils"] as const;
export type LaTableName = (typeof laTableNames)[number];

export const laTableQuery = v.object({
  ...pageQuery.entries,
  schoolId: v.optional(entityId),
  stage: v.optional(v.pipe(v.string(), v.maxLength(64))),
  area: v.optional(v.picklist(areasOfConcern)),
});
export type LaTableQuery = PageQuery & { schoolId?: string | undefined; stage?: string | undefined; area?: string | undefined };

type Loader = (db: Db, laId: string, today: string, query: LaTableQuery) => Promise<Table<any>>;

export const laTables: Record<LaTableName, Loader> = {
  schools: (db, laId, today, q) => schoolFigures(db, laId, today, q.after, pageSize(q)),
  "overdue-reviews": (db, laId, today, q) => overdueReviews(db, { laId, schoolId: q.schoolId }, today, q.after, pageSize(q)),
  stages: async (db, laId, _today, q) => (await stageAndNeedCounts(db, laId, q.after, pageSize(q), q.schoolId)).stages,
  areas: async (db, laId, _today, q) => (await stageAndNeedCounts(db, laId, q.after, pageSize(q), q.schoolId)).areas,
  "drs-referrals": (db, laId, today, q) => openDrsReferrals(db, laId, today, q.after, pageSize(q), q.schoolId),
  "assessment-requests": (db, laId, today, q) => assessmentRequestsPage(db, laId, today, q.after, pageSize(q)),
  terms: (db, laId, _today, q) => termTrend(db, laId, q.schoolId ?? null),
  "totals-by-stage": async (db, laId) => (await laTotals(db, laId)).stages,
  "totals-by-area": async (db, laId) => (await laTotals(db, laId)).areas,
  pupils: (db, laId, _today, q) => {
    if (!q.stage && !(q.schoolId && q.area)) {
      throw new ApiError(400, "invalid_query", "Say which figure: a stage, or a school and an area of need", [{ field: "stage", message: "Give a stage, or a schoolId and an area" }]);
    }
    return pupilsBehindFigure(db, laId, q, q.after, pageSize(q));
  },
};
