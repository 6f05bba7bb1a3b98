import type { DrsParty, DrsStep, MediationAnswer, Region, TimescaleSnapshot } from "../../schema/vocab";
import { dueOn, type IsoDate } from "../calendar/working-days";
import type { FrameworkWords } from "./definition";
import { drsClockKinds, drsProcedure, drsStepDefinition, drsStepLabel, nextDrsSteps, type DrsClockKind } from "./drs-procedure";
import type { Effect } from "./effects";
import type { Timescales } from "./timescales";

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
  /** Answers and signatures of the referral form given with this step. */
  agreement?: Partial<DrsAgreement>;
  /** The pupil's framework's words, for the steps' labels a refusal names. */
  words: FrameworkWords;
};

/** A DRS step's effects are the workflow's own: the referral becomes their subject when decide() hands them on. */
type DrsEffect = Effect;

export type DrsRefusal =
  | { code: "step_not_allowed"; message: string; step: DrsStep; currentStep: DrsStep; allowedSteps: DrsStep[] }
  | { code: "wrong_party"; message: string; step: DrsStep; party: DrsParty; recordedBy: readonly DrsParty[] }
  | { code: "mediation_declined"; message: string; declinedBy: DrsParty[] }
  | { code: "mediation_not_answered"; message: string; awaiting: DrsParty[] }
  | { code: "form_not_signed"; message: string; missing: (keyof DrsAgreement)[] }
  | { code: "agreement_not_open"; message: string; step: DrsStep }
  | { code: "step_date_invalid"; message: string; on: IsoDate; earliest: IsoDate; latest: IsoDate };

export type DrsResult = { ok: true; state: DrsReferralState; effects: DrsEffect[] } | { ok: false; refusal: DrsRefusal };

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
  const answers: [DrsParty, MediationAnswer | null][] = [
    ["parent", agreement.parentMediation],
    ["school", agreement.schoolMediation],
  ];
  const declinedBy = answers.filter(([, answer]) => answer === "declined").map(([party]) => party);
  if (declinedBy.length) {
    return {
      code: "mediation_declined",
      message: `Both parties must agree to mediation: the ${declinedBy.join(" and the ")} declined, so no referral will be made`,
      declinedBy,
    };
  }
  return null;
}

export type DrsOpening = DrsAgreement & {
  /** The day the referral is made. */
  on: IsoDate;
  /** Both are expected before a referral (seed 000): given here, the referral opens with both steps taken. */
  parentPartnershipInformedOn: IsoDate | null;
  timescales: TimescaleSnapshot;
  /** The LA decision the disagreement is about, if it is about one: the tribunal window runs from it. */
  laDecisionOn: IsoDate | null;
  /** The pupil's tribunal windows already running (the decision's move starts one), by the day each started. */
  runningAppealWindows: readonly { id: string; startedOn: IsoDate }[];
  jurisdiction: keyof typeof drsProcedure.appeal;
};

export type DrsOpened = Extract<DrsResult, { ok: true }> & { steps: { step: DrsStep; on: IsoDate }[] };

/** A school opens a referral at its first steps; it is refused outright if either party has declined mediation. */
export function openDrsReferral(opening: DrsOpening, context: Omit<DrsContext, "on" | "agreement">): DrsOpened | Extract<DrsResult, { ok: false }> {
  const declined = mediationRefusal(opening);
  if (declined) return { ok: false, refusal: declined };
  const recordedBy: readonly DrsParty[] = drsProcedure.steps.informalResolutionTried.recordedBy;
  if (!recordedBy.includes(context.party)) {
    return {
      ok: false,
      refusal: { code: "wrong_party", message: "Only the school opens a DRS referral", step: "informalResolutionTried", party: context.party, recordedBy },
    };
  }
  const { on, parentPartnershipInformedOn: informedOn, timescales, laDecisionOn, jurisdiction, runningAppealWindows, ...agreement } = opening;
  if (informedOn && informedOn > context.today) {
    return {
      ok: false,
      refusal: {
        code: "step_date_invalid",
        message: `The parents cannot have been told after today, ${context.today}`,
        on: informedOn,
        earliest: informedOn,
        latest: context.today,
      },
    };
  }
  const steps = [{ step: "informalResolutionTried" as const, on }, ...(informedOn ? [{ step: "parentPartnershipInformed" as const, on: informedOn }] : [])];
  const appealClock = drsProcedure.appeal[jurisdiction].clock;
  const running = runningAppealWindows.find((window) => window.startedOn === laDecisionOn);
  const appeal: DrsEffect[] =
    !appealClock || !laDecisionOn
      ? []
      : running
        ? [{ kind: "adoptClock", clock: appealClock, clockId: running.id }]
        : [startClock(appealClock, laDecisionOn, timescales, context)];
  return { ok: true, state: { ...agreement, currentStep: steps.at(-1)!.step, lastStepOn: on, timescales }, effects: appeal, steps };
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
      message: `"${drsStepLabel(step, context.words)}" cannot follow "${drsStepLabel(referral.currentStep, context.words)}"`,
      step,
      currentStep: referral.currentStep,
      allowedSteps: nextDrsSteps(referral.currentStep),
    });
  }
  if (!definition.recordedBy.includes(context.party)) {
    return refuse({
      code: "wrong_party",
      message: `This step is recorded by the ${definition.recordedBy.join(" or the ")}`,
      step,
      party: context.party,
      recordedBy: definition.recordedBy,
    });
  }
  if (context.on < referral.lastStepOn || context.on > context.today) {
    return refuse({
      code: "step_date_invalid",
      message: `The step must be dated from ${referral.lastStepOn} to ${context.today}`,
      on: context.on,
      earliest: referral.lastStepOn,
      latest: context.today,
    });
  }
  if (context.agreement && !definition.takesAgreement) {
    return refuse({ code: "agreement_not_open", message: "The referral form's answers and signatures are given before it is submitted", step });
  }
  const decided = { ...referral, ...context.agreement };
  const refusal = guard(step, decided);
  if (refusal) return refuse(refusal);

  const effects: DrsEffect[] = [
    ...(definition.stopsClocks ?? []).map((clock): DrsEffect => ({ kind: "stopClock", clock })),
    ...(definition.startsClocks ?? []).map((clock) => startClock(clock, context.on, referral.timescales, context)),
    ...(definition.mail ?? []).map((audience): DrsEffect => ({ kind: "queueMail", audience, template: `drs.${step}` })),
  ];
  return { ok: true, state: { ...decided, currentStep: step, lastStepOn: context.on }, effects };
}
