import type { schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { openDrsReferrals } from "./la-casework";
import { stageAndNeedCounts } from "./la-figures";
import { overdueReviews } from "./la-lists";
import { defaultPageSize } from "./table";
import { termTrend } from "./term-snapshots";

/** What an LA officer sees on opening one school: its figures, its overdue reviews and referrals, and its terms. */
export async function schoolDetail(db: Db, school: typeof schools.$inferSelect, today: string) {
  const [counts, overdue, drs, terms] = await Promise.all([
    stageAndNeedCounts(db, school.laId, undefined, 1, school.id),
    overdueReviews(db, { laId: school.laId, schoolId: school.id }, today, {}, defaultPageSize),
    openDrsReferrals(db, school.laId, today, undefined, defaultPageSize, school.id),
    termTrend(db, school.laId, school.id),
  ]);
  return {
    school: { id: school.id, name: school.name, urn: school.urn, framework: school.framework, phase: school.phase },
    stages: counts.stages,
    areas: counts.areas,
    overdueReviews: overdue,
    drsReferrals: drs,
    terms,
  };
}
