import { and, eq } from "drizzle-orm";
import { parentMeetings, plans, recordsOfConcern, reviews } from "../../schema/tables";
import type { Db } from "../app-env";

/** The records the seed forms end with "Copy given to parent on" / "Copy sent to parents/carer on" (and SEND Code 6.71). */
export const copiedRecords = ["concerns", "plans", "reviews", "parent-meetings"] as const;
export type CopiedRecord = (typeof copiedRecords)[number];

/** Records the date a copy went to the parents; false if the pupil has no such record. */
export async function recordCopyToParents(db: Db, pupilId: string, record: CopiedRecord, formId: string, on: string): Promise<boolean> {
  const updated = await copyUpdate(db, pupilId, record, formId, on);
  return updated.length > 0;
}

function copyUpdate(db: Db, pupilId: string, record: CopiedRecord, formId: string, on: string) {
  switch (record) {
    case "concerns":
      return db
        .update(recordsOfConcern)
        .set({ copyGivenToParentsOn: on })
        .where(and(eq(recordsOfConcern.id, formId), eq(recordsOfConcern.pupilId, pupilId)))
        .returning({ id: recordsOfConcern.id });
    case "plans":
      return db
        .update(plans)
        .set({ copyGivenToParentOn: on })
        .where(and(eq(plans.id, formId), eq(plans.pupilId, pupilId)))
        .returning({ id: plans.id });
    case "reviews":
      return db
        .update(reviews)
        .set({ copySentToParentsOn: on })
        .where(and(eq(reviews.id, formId), eq(reviews.pupilId, pupilId)))
        .returning({ id: reviews.id });
    case "parent-meetings":
      return db
        .update(parentMeetings)
        .set({ recordGivenToParentsOn: on })
        .where(and(eq(parentMeetings.id, formId), eq(parentMeetings.pupilId, pupilId)))
        .returning({ id: parentMeetings.id });
  }
}
