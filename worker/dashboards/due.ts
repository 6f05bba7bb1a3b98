import { and, inArray, isNull, lt, sql } from "drizzle-orm";
import { clocks, sqlList } from "../../schema/tables";
import { reviewClockKinds } from "../../schema/vocab";
import type { Db } from "../app-env";

/**
 * The reads of what is due: every page that says a review is due or overdue reads the running clocks through these,
 * so recording the review (which stops its clock) takes it off every page at once. The words are worker/workflow/due.ts.
 */

/** A clock runs until the thing it waits for is recorded. */
export const runningClock = isNull(clocks.stoppedAt);

/** The partial indexes running_reviews_by_la / _by_school hold exactly these clocks, so these reads stay on them. */
export const runningReview = sql`${clocks.stoppedAt} IS NULL AND ${clocks.kind} IN (${sqlList(reviewClockKinds)})`;

/** Overdue on `today`: due before it (a clock due today is due, not yet overdue). */
export const overdueOn = (today: string) => lt(clocks.dueOn, today);

/** Each pupil's soonest running review, one row per pupil that has one. */
export const nextReviewsOf = (db: Db, pupilIds: string[]) =>
  db
    .select({ pupilId: clocks.pupilId, dueOn: sql<string>`min(${clocks.dueOn})` })
    .from(clocks)
    .where(and(inArray(clocks.pupilId, pupilIds), runningReview))
    .groupBy(clocks.pupilId);
