import { and, eq } from "drizzle-orm";
import { drsReferrals } from "../../../schema/tables";
import type { Db } from "../../app-env";

/** The referral as its print view shows it (the DRS API writes it: worker/pupil-case/drs.ts). */
export async function readDrsReferral(db: Db, pupilId: string, referralId: string) {
  return (
    (await db
      .select()
      .from(drsReferrals)
      .where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.pupilId, pupilId)))
      .get()) ?? null
  );
}

/** "Copy sent to parents on" for a referral; false if the pupil has no such referral. */
export async function recordDrsCopyToParents(db: Db, pupilId: string, referralId: string, on: string) {
  const updated = await db
    .update(drsReferrals)
    .set({ copySentToParentsOn: on })
    .where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.pupilId, pupilId)))
    .returning({ id: drsReferrals.id });
  return updated.length > 0;
}
