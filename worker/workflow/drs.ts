import type { TimescaleSnapshot } from "../../schema/tables";
import type { DrsParty, DrsStep, MediationAnswer, Region } from "../../schema/vocab";
import { dueOn, type IsoDate } from "../calendar/working-days";
import { drsClockKinds, drsProcedure, drsStepDefinition, nextDrsSteps, type DrsClockKind, type DrsMailAudience } from "./drs-procedure";
import type { Timescale, Timescales } from "./timescales";

/** The facts of the referral form that decide whether it may go on: each party's answer and signature. */
export type DrsAgreement = {
  parentMediation: MediationAnswer | null;
  parentMediationOn: IsoDate | null;
  schoolMediation: MediationAnswer | null;
  schoolMediationOn: IsoDate | null;
  signedByParentOn: IsoDate | null;
  signedBySchoolOn: IsoDate | null;
};

export type DrsReferralState = DrsAgreement & {
  currentStep: DrsStep;
  /** The date of the last step recorded: no later step may be dated before it. */
  lastStepOn: IsoDate;
  /** The timescales in force when the referral was made. */
  timescales: TimescaleSnapshot;
};

export type DrsContext = {
  party: DrsParty;
  /** The day the step happened, and today: both passed in, never read from a clock. */
  on: IsoDate;
  today: IsoDate;
  region: Region;
  closures?: ReadonlySet<string>;
};

export type DrsEffect =
  | { kind: "startClock"; clock: DrsClockKind; startedOn: IsoDate; dueOn: IsoDate; timescale: Timescale }
  | { kind: "stopClock"; clock: DrsClockKind }
  | { kind: "queueMail"; audience: DrsMailAudience; template: string };

export type DrsRefusal =
  | { code: "step_not_allowed"; message: string; step: DrsStep; currentStep: DrsStep; allowedSteps: DrsStep[] }
  | { code: "wrong_party"; message: string; step: DrsStep; party: DrsParty; recordedBy: readonly DrsParty[] }
  | { code: "mediation_declined"; message: string; declinedBy: DrsParty[] }
  | { code: "mediation_not_answered"; message: string; awaiting: DrsParty[] }
  | { code: "form_not_signed"; message: string; missing: (keyof DrsAgreement)[] }
  | { code: "step_date_invalid"; message: string; on: IsoDate; earliest: IsoDate; latest: IsoDate };

export type DrsResult =
  | { ok: true; state: DrsReferralState; effects: DrsEffect[] }
  | { ok: false; refusal: DrsRefusal };

const refuse = (refusal: DrsRefusal): DrsResult => ({ ok: false, refusal });

/** The DRS clocks of the LA's timescales, kept on the referral so a later change of setting never moves them. */
export function snapshotDrsTimescales(timescales: Timescales): TimescaleSnapshot {
  return Object.fromEntries(drsClockKinds.map((kind) => [kind, { ...timescales[kind] }]));
}

function startClock(clock: DrsClockKind, startedOn: IsoDate, timescales: TimescaleSnapshot, context: Pick<DrsContext, "region" | "closures">): DrsEffect {
  const timescale = timescales[clock];
  if (!timescale) throw new RangeError(`The referral records no timescale for ${clock}`);
  return { kind: "startClock", clock, startedOn, dueOn: dueOn(startedOn, timescale, context.region, context.closures), timescale };
}

/** Seed 000, step 1.3: "If either party does not agree to mediation, no referral will be made." */
export function mediationRefusal(agreement: Pick<DrsAgreement, "parentMediation" | "schoolMediation">): DrsRefusal | null {
  const answers: [DrsParty, MediationAnswer | null][] = [["parent", agreement.parentMediation], ["school", agreement.schoolMediation]];
  const declinedBy = answers.filter(([, answer]) => answer === "declined").map(([party]) => party);
  if (declinedBy.length) {
    return { code: "mediation_declined", message: `Both parties must agree to mediation: the ${declinedBy.join(" and the ")} declined, so no referral will be made`, declinedBy };
  }
  return null;
}

export type DrsOpening = DrsAgreement & {
  on: IsoDate;
  timescales: TimescaleSnapshot;
  /** The LA decision the disagreement is about, if it is about one: the tribunal window runs from it. */
  laDecisionOn: IsoDate | null;
  jurisdiction: keyof typeof drsProcedure.appeal;
};

/** A school opens a referral at its first step; it is refused outright if either party has declined mediation. */
export function openDrsReferral(opening: DrsOpening, context: Omit<DrsContext, "on">): DrsResult {
  const declined = mediationRefusal(opening);
  if (declined) return refuse(declined);
  if (context.party !== "school") {
    const recordedBy = drsProcedure.steps.informalResolutionTried.recordedBy;
    return refuse({ code: "wrong_party", message: "Only the school opens a DRS referral", step: "informalResolutionTried", party: context.party, recordedBy });
  }
  const { on, timescales, laDecisionOn, jurisdiction, ...agreement } = opening;
  const appealClock = drsProcedure.appeal[jurisdiction].clock;
  return {
    ok: true,
    state: { ...agreement, currentStep: "informalResolutionTried", lastStepOn: on, timescales },
    effects: appealClock && laDecisionOn ? [startClock(appealClock, laDecisionOn, timescales, context)] : [],
  };
}

function guard(step: DrsStep, referral: DrsReferralState): DrsRefusal | null {
  if (step === "mediationAgreed") {
    const declined = mediationRefusal(referral);
    if (declined) return declined;
    const awaiting = (["parent", "school"] as const).filter((party) => referral[`${party}Mediation`] !== "agreed");
    if (awaiting.length) return { code: "mediation_not_answered", message: `Waiting for the ${awaiting.join(" and the ")} to agree to mediation`, awaiting };
  }
  if (step === "referralSubmitted") {
    const missing = (["signedByParentOn", "signedBySchoolOn"] as const).filter((field) => !referral[field]);
    if (missing.length) return { code: "form_not_signed", message: "The referral form must be signed by the parents and the school", missing };
  }
  return null;
}

/**
 * The one place that decides a DRS step. Pure: it returns the referral's next state and the effects to perform
 * (clocks to start and stop, mail to queue), or a refusal saying why.
 */
export function drsTransition(referral: DrsReferralState, step: DrsStep, context: DrsContext): DrsResult {
  const definition = drsStepDefinition(step);
  if (!definition.from.includes(referral.currentStep)) {
    return refuse({
      code: "step_not_allowed",
      message: `"${definition.label}" cannot follow "${drsStepDefinition(referral.currentStep).label}"`,
      step,
      currentStep: referral.currentStep,
      allowedSteps: nextDrsSteps(referral.currentStep),
    });
  }
  if (!definition.recordedBy.includes(context.party)) {
    return refuse({ code: "wrong_party", message: `This step is recorded by the ${definition.recordedBy.join(" or the ")}`, step, party: context.party, recordedBy: definition.recordedBy });
  }
  if (context.on < referral.lastStepOn || context.on > context.today) {
    return refuse({ code: "step_date_invalid", message: `The step must be dated from ${referral.lastStepOn} to ${context.today}`, on: context.on, earliest: referral.lastStepOn, latest: context.today });
  }
  const refusal = guard(step, referral);
  if (refusal) return refuse(refusal);

  const effects: DrsEffect[] = [
    ...(definition.stopsClocks ?? []).map((clock): DrsEffect => ({ kind: "stopClock", clock })),
    ...(definition.startsClocks ?? []).map((clock) => startClock(clock, context.on, referral.timescales, context)),
    ...(definition.mail ?? []).map((audience): DrsEffect => ({ kind: "queueMail", audience, template: `drs.${step}` })),
  ];
  return { ok: true, state: { ...referral, currentStep: step, lastStepOn: context.on }, effects };
}
