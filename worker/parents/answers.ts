import { and, eq, isNull, notInArray } from "drizzle-orm";
import { drsReferrals } from "../../schema/tables";
import type { Db } from "../app-env";
import { closedDrsSteps } from "./record-view";

/** Written here until the DRS referral (branch drs) lands with its own; the parent's page then calls that. */

/** Seed 000, DRS referral: "both parties must agree to mediation". Answered once, on a referral still running. */
export async function recordParentMediationAnswer(db: Db, pupilId: string, referralId: string, answer: "agreed" | "declined", on: string) {
  const answered = await db
    .update(drsReferrals)
    .set({ parentMediation: answer, parentMediationOn: on })
    .where(
      and(
        eq(drsReferrals.id, referralId),
        eq(drsReferrals.pupilId, pupilId),
        isNull(drsReferrals.parentMediation),
        notInArray(drsReferrals.currentStep, closedDrsSteps),
      ),
    )
    .returning({ id: drsReferrals.id });
  return answered.length > 0;
}
