import { and, eq, inArray } from "drizzle-orm";
import { drsReferrals, outbox, pupils } from "../../schema/tables";
import type { DrsStep, MediationAnswer } from "../../schema/vocab";
import type { Db } from "../app-env";
import { drsStepLabel } from "../workflow/drs-procedure";
import { frameworkFor } from "../workflow/frameworks";
import { constant } from "./constant";

/** A parent answers only while the referral is being made: once both parties' agreement is recorded, declining is a withdrawal. */
export const answerable = ["informalResolutionTried", "parentPartnershipInformed"] as const satisfies readonly DrsStep[];

export type ParentAnswerOutcome =
  | { ok: true; referralId: string; pupilId: string; answer: MediationAnswer; answeredOn: string }
  | { ok: false; refusal: { code: "referral_not_found" | "answer_closed"; message: string } };

/**
 * Records the parents' answer to mediation (seed 000, DRS step 1.3), as given through their link. One guarded
 * statement: it can never land after the referral has moved past agreement. A refusal to mediate tells the school,
 * and the referral then cannot go on (drsTransition refuses "mediationAgreed").
 */
export async function recordParentMediationAnswer(db: Db, referralId: string, answer: MediationAnswer, at: string): Promise<ParentAnswerOutcome> {
  const referral = await db
    .select({ pupilId: drsReferrals.pupilId, currentStep: drsReferrals.currentStep, framework: pupils.framework })
    .from(drsReferrals)
    .innerJoin(pupils, eq(pupils.id, drsReferrals.pupilId))
    .where(eq(drsReferrals.id, referralId))
    .get();
  if (!referral) return { ok: false, refusal: { code: "referral_not_found", message: "DRS referral not found" } };
  const answeredOn = at.slice(0, 10);
  const open = and(eq(drsReferrals.id, referralId), inArray(drsReferrals.currentStep, answerable));
  // Both statements carry the same guard, so the answer and the school's mail are written together or not at all.
  const [updated] = await db.batch([
    db.update(drsReferrals).set({ parentMediation: answer, parentMediationOn: answeredOn }).where(open).returning({ id: drsReferrals.id }),
    db.insert(outbox).select(
      db
        .select({
          id: constant<string>(crypto.randomUUID(), "id"),
          laId: drsReferrals.laId,
          schoolId: drsReferrals.schoolId,
          pupilId: drsReferrals.pupilId,
          audience: constant<"staff">("staff", "audience"),
          recipientUserId: constant<string | null>(null, "recipient_user_id"),
          recipientEmail: constant<string | null>(null, "recipient_email"),
          template: constant(`drs.parentMediation.${answer}`, "template"),
          payload: constant<Record<string, unknown>>(JSON.stringify({ referralId, answer, at }), "payload"),
          dedupeKey: constant(`drs:${referralId}:parentMediation:${answer}:${at}`, "dedupe_key"),
          status: constant<"pending">("pending", "status"),
          attempts: constant(0, "attempts"),
          nextAttemptAt: constant(at, "next_attempt_at"),
          claimedUntil: constant<string | null>(null, "claimed_until"),
          providerMessageId: constant<string | null>(null, "provider_message_id"),
          sentAt: constant<string | null>(null, "sent_at"),
          lastError: constant<string | null>(null, "last_error"),
          createdAt: constant(at, "created_at"),
        })
        .from(drsReferrals)
        .where(open),
    ),
  ]);
  if (!updated.length) {
    return {
      ok: false,
      refusal: {
        code: "answer_closed",
        message: `The referral is at "${drsStepLabel(referral.currentStep, frameworkFor(referral.framework).words)}": the parents' answer can no longer change; they may withdraw instead`,
      },
    };
  }
  return { ok: true, referralId, pupilId: referral.pupilId, answer, answeredOn };
}
