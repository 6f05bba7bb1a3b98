import { and, eq, inArray, sql } from "drizzle-orm";
import {
  alerts,
  assessmentRequests,
  auditLog,
  clocks,
  drsReferralSteps,
  drsReferrals,
  ehcStepRecords,
  interventionPupils,
  invitationTeaching,
  outbox,
  parentLinks,
  parentMeetings,
  parentViews,
  planTargets,
  plans,
  pupilEvents,
  pupilTransfers,
  pupils,
  recordsOfConcern,
  reviews,
  senHistory,
  specialistInvolvements,
  teachingAssignments,
} from "../../schema/tables";
import type { Db } from "../app-env";
import { apart, type Failures } from "../apart";

/**
 * Every table that holds a pupil's rows, children before parents so that no foreign key is left dangling.
 * test/data-protection.test.ts checks this covers every table of schema/tables.ts with a pupil_id column.
 */
export const erasedTables = [
  alerts,
  parentViews,
  parentLinks,
  clocks,
  reviews,
  plans,
  recordsOfConcern,
  specialistInvolvements,
  parentMeetings,
  drsReferrals,
  assessmentRequests,
  ehcStepRecords,
  senHistory,
  pupilEvents,
  teachingAssignments,
  invitationTeaching,
  interventionPupils,
  outbox,
  pupilTransfers,
  auditLog,
] as const;

/** Erases one closed pupil across every table, leaving one audit entry that says the record was erased, and when. */
export async function erasePupil(db: Db, pupil: { id: string; schoolId: string; laId: string }, at: string) {
  const planIds = db.select({ id: plans.id }).from(plans).where(eq(plans.pupilId, pupil.id));
  const referralIds = db.select({ id: drsReferrals.id }).from(drsReferrals).where(eq(drsReferrals.pupilId, pupil.id));
  await db.batch([
    db.delete(planTargets).where(inArray(planTargets.planId, planIds)),
    db.delete(drsReferralSteps).where(inArray(drsReferralSteps.referralId, referralIds)),
    ...erasedTables.map((table) => db.delete(table).where(eq(table.pupilId, pupil.id))),
    db.delete(pupils).where(and(eq(pupils.id, pupil.id), sql`${pupils.closedAt} IS NOT NULL`)),
    db.insert(auditLog).values({
      at,
      actorKind: "system",
      action: "erase",
      resource: "pupil",
      resourceId: pupil.id,
      pupilId: pupil.id,
      schoolId: pupil.schoolId,
      laId: pupil.laId,
    }),
  ]);
}

/**
 * Erases the closed records whose retention has run out: the pupil's date of birth plus their LA's
 * retentionYearsAfterBirth (DOMAIN.md: DOB + 31 years by default). `now` is passed in by the scheduled run.
 * At most `limit` a call, so one run stays short; the next run takes the rest. Each record is erased apart: one that
 * fails is logged in `failures`, kept whole (the batch is one transaction) and tried again next run, and the run
 * reads on past it by id, so a record that cannot be erased never holds back the ones after it.
 */
export async function eraseExpiredRecords(db: Db, now: Date, limit = 50, failures: Failures = []): Promise<{ erased: string[] }> {
  const today = now.toISOString().slice(0, 10);
  const erased: string[] = [];
  for (let after = ""; erased.length < limit; ) {
    const wanted = limit - erased.length;
    const due = await db.all<{ id: string; schoolId: string; laId: string }>(sql`
      SELECT p.id AS id, p.school_id AS schoolId, p.la_id AS laId
      FROM pupils p JOIN local_authorities la ON la.id = p.la_id
      WHERE p.closed_at IS NOT NULL
        AND date(p.date_of_birth, '+' || la.retention_years_after_birth || ' years') <= ${today}
        AND p.id > ${after}
      ORDER BY p.id
      LIMIT ${wanted}`);
    for (const pupil of due) {
      const done = await apart(failures, "erasure of pupil", pupil.id, async () => {
        await erasePupil(db, pupil, now.toISOString());
        return true;
      });
      if (done) erased.push(pupil.id);
    }
    const last = due.at(-1);
    if (!last || due.length < wanted) break;
    after = last.id;
  }
  return { erased };
}
