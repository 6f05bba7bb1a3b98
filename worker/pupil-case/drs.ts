import type { DrsReferralInput, DrsStepInput } from "../../schema/inputs";
import type { DrsParty, DrsStep } from "../../schema/vocab";
import type { Db } from "../app-env";
import { openingRows, referralFacts, referralOpenedBySameKey, stepRows } from "../records/drs-referrals";
import type { CaseRefusal } from "../workflow/decide";
import { applyChange } from "./change";

/** The DRS refusals are the case's own: one union, mapped to HTTP once. */
export type DrsCaseRefusal = CaseRefusal;

export type DrsOutcome =
  | { ok: true; referralId: string; currentStep: DrsStep }
  | { ok: false; refusal: DrsCaseRefusal }
  | { ok: false; writeFailed: { message: string } };

export type DrsActor = { userId: string; party: DrsParty };

const writeFailed = { ok: false, writeFailed: { message: "The DRS referral could not be saved; nothing was changed. Try again." } } as const;

function outcomeOf(changed: Awaited<ReturnType<typeof applyChange>>): DrsOutcome {
  if (!changed.ok) return "writeFailed" in changed ? writeFailed : changed;
  const { referral } = changed.decision;
  if (!referral) throw new Error("a DRS change always decides a referral");
  return { ok: true, referralId: referral.id, currentStep: referral.state.currentStep };
}

/**
 * The school opens a referral: the referral, its first steps and any tribunal clock, in one atomic batch. The same form
 * sent twice (its one-time key refused by the unique index) is answered with the referral the first opened.
 */
export async function openReferral(db: Db, input: DrsReferralInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
  const command = {
    kind: "openDrsReferral",
    referralId: crypto.randomUUID(),
    party: actor.party,
    referral: referralFacts(input),
    occurredOn: at.slice(0, 10),
    recordedAt: at,
  } as const;
  const outcome = outcomeOf(await applyChange(db, input.pupilId, command, { rows: openingRows(db, input, actor.userId, at) }));
  if (outcome.ok || !input.idempotencyKey) return outcome;
  const earlier = await referralOpenedBySameKey(db, input.pupilId, input.idempotencyKey);
  return earlier ? { ok: true, referralId: earlier.id, currentStep: earlier.currentStep } : outcome;
}

/** One step of one referral, with the referral's new step and its clocks in one atomic batch. */
export async function recordStep(db: Db, pupilId: string, referralId: string, step: DrsStepInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
  const command = {
    kind: "recordDrsStep",
    referralId,
    step: step.step,
    party: actor.party,
    ...(step.agreement ? { agreement: step.agreement } : {}),
    occurredOn: step.happenedOn ?? at.slice(0, 10),
    recordedAt: at,
  } as const;
  return outcomeOf(await applyChange(db, pupilId, command, { reads: { referralId }, rows: stepRows(db, step, actor.userId, at) }));
}
