import { and, eq } from "drizzle-orm";
import { drsReferrals } from "../../schema/tables";
import type { Db } from "../app-env";

/** Whether the referral is this child's: a parent's link answers for its own child only. */
export async function isReferralOfPupil(db: Db, referralId: string, pupilId: string): Promise<boolean> {
  const referral = await db
    .select({ id: drsReferrals.id })
    .from(drsReferrals)
    .where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.pupilId, pupilId)))
    .get();
  return referral !== undefined;
}
