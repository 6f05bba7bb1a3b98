import { and, eq } from "drizzle-orm";
import { assessmentRequests, parentMeetings, plans, recordsOfConcern, reviews, specialistInvolvements } from "../../schema/tables";
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
    case "review":
      return { table: reviews, key: submission.input.idempotencyKey };
    case "assessmentRequest":
      return { table: assessmentRequests, key: submission.input.idempotencyKey };
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
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.pupilId, pupilId), eq(table.idempotencyKey, key)))
    .get();
  return found?.id ?? null;
}

/**
 * Stores a record written straight to D1 (not through the pupil's object) under its one-time key: when the write is
 * refused and a record with the same key is already stored (a double submission, by the key's unique index), the
 * answer is that first record. Without a key, every write is a new record and a refusal is the caller's to handle.
 */
export async function storeOnce<Stored>(
  key: string | null | undefined,
  store: () => Promise<Stored>,
  storedBySameKey: (key: string) => Promise<Stored | null | undefined>,
): Promise<Stored> {
  try {
    return await store();
  } catch (error) {
    const earlier = key ? await storedBySameKey(key) : null;
    if (earlier) return earlier;
    throw error;
  }
}
