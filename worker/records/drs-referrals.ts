import { and, eq, isNull } from "drizzle-orm";
import type { DrsReferralInput, DrsStepInput } from "../../schema/inputs";
import { drsReferralSteps, drsReferrals } from "../../schema/tables";
import type { DrsStep } from "../../schema/vocab";
import type { Db } from "../app-env";
import { constant } from "../drs/constant";
import type { RecordRows } from "../pupil-case/change";
import type { ReferralRow } from "../pupil-case/load";
import type { DrsReferralFacts } from "../workflow/decide";

/** The referral form's answers and signatures, as the workflow reads them. */
export function referralFacts(input: DrsReferralInput): DrsReferralFacts {
  return {
    parentMediation: input.parentMediation ?? null,
    parentMediationOn: input.parentMediationOn ?? null,
    schoolMediation: input.schoolMediation,
    schoolMediationOn: input.schoolMediationOn ?? null,
    signedByParentOn: input.signedByParentOn ?? null,
    signedBySchoolOn: input.signedBySchoolOn ?? null,
    parentPartnershipInformedOn: input.parentPartnershipInformedOn ?? null,
    laDecisionOn: input.laDecisionOn ?? null,
  };
}

/** The referral a form with the same one-time key opened for this pupil, if any (a double submission's first). */
export async function referralOpenedBySameKey(db: Db, pupilId: string, key: string) {
  return (
    (await db
      .select({ id: drsReferrals.id, currentStep: drsReferrals.currentStep })
      .from(drsReferrals)
      .where(and(eq(drsReferrals.pupilId, pupilId), eq(drsReferrals.idempotencyKey, key)))
      .get()) ?? null
  );
}

/** The school opens a referral: the referral as decided, and its first steps. */
export const openingRows =
  (db: Db, input: DrsReferralInput, userId: string, at: string): RecordRows =>
  ({ scope }, { referral }) => {
    if (!referral) return { statements: [] };
    const { currentStep, timescales, lastStepOn: _last, ...agreement } = referral.state;
    return {
      statements: [
        db.insert(drsReferrals).values({
          ...agreement,
          id: referral.id,
          pupilId: scope.pupilId,
          schoolId: scope.schoolId,
          laId: scope.laId,
          informalResolutionTried: input.informalResolutionTried,
          parentPartnershipInformedOn: input.parentPartnershipInformedOn ?? null,
          summaryOfIssues: input.summaryOfIssues,
          actionsTaken: input.actionsTaken,
          laDecisionOn: input.laDecisionOn ?? null,
          currentStep,
          timescales,
          createdByUserId: userId,
          idempotencyKey: input.idempotencyKey ?? null,
          createdAt: at,
        }),
        ...referral.steps.map(({ step, on }) =>
          db
            .insert(drsReferralSteps)
            .values({ id: crypto.randomUUID(), referralId: referral.id, step, happenedOn: on, recordedByUserId: userId, createdAt: at }),
        ),
      ],
    };
  };

export const agreementFields = [
  "parentMediation",
  "parentMediationOn",
  "schoolMediation",
  "schoolMediationOn",
  "signedByParentOn",
  "signedBySchoolOn",
] as const;

/**
 * The referral is still as it was read: at the same step, with the same answers wherever this step relies on the
 * stored ones. The parents answer through their link outside this queue (drs/parent-answer.ts), so a step decided
 * on their earlier answer must not be written over a newer one.
 */
export function unchanged(referral: ReferralRow, given: DrsStepInput["agreement"]) {
  return and(
    eq(drsReferrals.id, referral.id),
    eq(drsReferrals.currentStep, referral.currentStep),
    ...agreementFields
      .filter((field) => given?.[field] === undefined)
      .map((field) => {
        const read = referral[field];
        return read === null ? isNull(drsReferrals[field]) : eq(drsReferrals[field], read);
      }),
  );
}

/** One step of a referral: the step and the referral's new state, each written only while the referral is unchanged. */
export const stepRows =
  (db: Db, command: DrsStepInput, userId: string, at: string): RecordRows =>
  ({ referralRow }, { referral }) => {
    if (!referralRow || !referral) return { statements: [] };
    const still = unchanged(referralRow, command.agreement);
    const on = referral.state.lastStepOn;
    return {
      statements: [
        db.insert(drsReferralSteps).select(
          db
            .select({
              id: constant<string>(crypto.randomUUID(), "id"),
              referralId: drsReferrals.id,
              step: constant<DrsStep>(command.step, "step"),
              happenedOn: constant<string>(on, "happened_on"),
              note: constant<string | null>(command.note ?? null, "note"),
              recordedByUserId: constant<string | null>(userId, "recorded_by_user_id"),
              createdAt: constant<string>(at, "created_at"),
            })
            .from(drsReferrals)
            .where(still),
        ),
        db
          .update(drsReferrals)
          .set({
            ...command.agreement,
            currentStep: referral.state.currentStep,
            ...(command.step === "parentPartnershipInformed" ? { parentPartnershipInformedOn: on } : {}),
          })
          .where(still)
          .returning({ id: drsReferrals.id }),
      ],
      guard: { index: 1, refusal: { code: "referral_changed", message: "The referral changed while this step was being recorded; look at it again" } },
    };
  };
