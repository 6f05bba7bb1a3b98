import { and, eq, isNull, notInArray } from "drizzle-orm";
import { drsReferrals, parentViews } from "../../schema/tables";
import type { Db } from "../app-env";
import { closedDrsSteps } from "./record-view";

/** Written here until the records API (parent views) and the DRS referral (mediation answers) own them. */

export type ParentViewsInput = {
  whatIsGoingWell?: string | null | undefined;
  concerns?: string | null | undefined;
  childViews?: string | null | undefined;
  questionsForReview?: string | null | undefined;
};

/** A parent's views before a review (SEND Code 6.54), attached to the plan under review. */
export async function recordParentViews(
  db: Db,
  pupil: { id: string; schoolId: string },
  from: { parentLinkId: string | null; recordedByUserId: string | null },
  planId: string | null,
  views: ParentViewsInput,
  at: string,
) {
  const id = crypto.randomUUID();
  await db.insert(parentViews).values({
    id,
    pupilId: pupil.id,
    schoolId: pupil.schoolId,
    planId,
    parentLinkId: from.parentLinkId,
    recordedByUserId: from.recordedByUserId,
    whatIsGoingWell: views.whatIsGoingWell ?? null,
    concerns: views.concerns ?? null,
    childViews: views.childViews ?? null,
    questionsForReview: views.questionsForReview ?? null,
    submittedAt: at,
  });
  return id;
}

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
