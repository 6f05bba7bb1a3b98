import { and, eq } from "drizzle-orm";
import { parentMeetings, plans, recordsOfConcern, specialistInvolvements } from "../../schema/tables";
import type { Db } from "../app-env";
import type { FormSubmission } from "./submissions";

/** The forms the pupil's object stores that carry a one-time key, and the table whose unique index holds it. */
function keyedTable(submission: FormSubmission) {
  switch (submission.kind) {
    case "recordOfConcern":
      return { table: recordsOfConcern, key: submission.input.idempotencyKey };
    case "plan":
      return { table: plans, key: submission.input.idempotencyKey };
    case "parentMeeting":
      return { table: parentMeetings, key: submission.input.idempotencyKey };
    case "specialistInvolvement":
      return { table: specialistInvolvements, key: submission.input.idempotencyKey };
    default:
      return null;
  }
}

/**
 * The record an earlier submission with the same one-time key stored for this pupil, if any: a double click's second
 * post is refused (by the unique index, or as a stale decision) and is then answered with the first one's record.
 */
export async function formStoredBySameKey(db: Db, pupilId: string, submission: FormSubmission): Promise<string | null> {
  const keyed = keyedTable(submission);
  if (!keyed?.key) return null;
  const { table, key } = keyed;
  const found = await db.select({ id: table.id }).from(table).where(and(eq(table.pupilId, pupilId), eq(table.idempotencyKey, key))).get();
  return found?.id ?? null;
}
