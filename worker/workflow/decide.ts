import type { DrsParty, DrsStep, Region } from "../../schema/vocab";
import { dueOn, type IsoDate } from "../calendar/working-days";
import type { Obligation } from "./definition";
import { drsTransition, openDrsReferral, snapshotDrsTimescales, type DrsAgreement, type DrsOpening, type DrsReferralState, type DrsRefusal } from "./drs";
import type { ClockSubject, Effect, FormReference } from "./effects";
import { ehcStepEffects, withUnderFivesReview, type EhcStepFacts, type EhcStepRefusal } from "./ehc-cycle";
import { formEffects, impliedMove, type FormFacts } from "./form-rules";
import type { FrameworkDefinition } from "./definition";
import type { Timescales } from "./timescales";
import {
  allowedMoves,
  decisionsOnForm,
  transition,
  type MoveCommand,
  type PupilCaseState,
  type PupilEventRecord,
  type Refusal,
  type TransitionContext,
} from "./transition";

/**
 * When a change happened and when it is recorded. Clocks start from the day it happened; the moment of recording
 * stamps the event. (Dates of record will bound occurredOn; today it is the input's own date or the day recorded.)
 */
export type Recorded = { occurredOn: IsoDate; recordedAt: string };

export type CaseActor = MoveCommand["actor"];

/** The decision a form records, named against the version the person saw. */
export type FormDecision = { move: string; expectedVersion: number; reason: string | null };

/** The referral form's facts at opening: who agreed, who signed, and the decision it is about. */
export type DrsReferralFacts = Omit<DrsOpening, "on" | "timescales" | "runningAppealWindows" | "jurisdiction">;

/** Every change to a pupil's case, as one union: the pupil's object loads what it needs, decides, and writes. */
export type Command =
  | ({ kind: "move" } & MoveCommand & Recorded)
  | ({ kind: "recordForm"; form: FormFacts; decision: FormDecision | null; actor: CaseActor } & Recorded)
  | ({ kind: "openDrsReferral"; referralId: string; party: DrsParty; referral: DrsReferralFacts } & Recorded)
  | ({ kind: "recordDrsStep"; referralId: string; step: DrsStep; party: DrsParty; agreement?: Partial<DrsAgreement> } & Recorded)
  | ({ kind: "recordEhcStep"; stepId: string; actor: CaseActor } & EhcStepFacts & Recorded)
  | ({ kind: "closeRecord"; actor: CaseActor; reason: string } & Recorded)
  | ({ kind: "transferSchool"; actor: CaseActor; to: ReceivingSchool; reason: string } & Recorded)
  /** A pupil put on Stepwise at a stage (loaded.state is the stage they arrive at, version 0): their first event. */
  | ({ kind: "enrol"; actor: CaseActor; reason: string } & Recorded);

/** The school a pupil moves to, and the framework it works to: a record moves only between schools of one framework. */
export type ReceivingSchool = { schoolId: string; laId: string; framework: PupilCaseState["framework"] };

/** A pupil's case as the object loaded it for one command: the state, its clocks, and the records the command names. */
export type LoadedCase = {
  closed: boolean;
  state: PupilCaseState;
  /** The kinds of clock running for the pupil now: some form rules act only where a clock runs. */
  runningClocks: ReadonlySet<string>;
  /** A move's cited form, found among the pupil's records (true where the move cites none). */
  citedFormFound: boolean;
  /** What a form names that is not the pupil's or the school's, each as the refusal it earns. */
  missingReferences: readonly CaseRefusal[];
  /** The referral a DRS step is for, with the day of its last step; null where it is not this pupil's. */
  referral: DrsReferralState | null;
  /** The pupil's tribunal windows not yet any referral's. */
  runningAppealWindows: readonly { id: string; startedOn: IsoDate }[];
  /** When each running clock started (the latest, where a kind runs twice): a step may not be dated before its predecessor. */
  runningClockStarts: ReadonlyMap<string, IsoDate>;
  /** The day of the pupil's last LA decision that opened a tribunal window, running or closed. */
  appealableDecisionOn: IsoDate | null;
  dateOfBirth: IsoDate;
  /** The pupil's year group (the 2001 Code's transition review is Year 9's); unknown, no step of a year group is taken. */
  yearGroup?: string;
};

/** The calendar a decision counts in: the LA's timescales, the school's region (the DRS procedure uses the LA's), closures. */
export type DecideContext = {
  timescales: Timescales;
  region: Region;
  authorityRegion: Region;
  closures: ReadonlySet<string>;
};

export type CaseRefusal =
  | Refusal
  | DrsRefusal
  | EhcStepRefusal
  | { code: "pupil_not_found"; message: string }
  | { code: "pupil_closed"; message: string }
  | { code: "form_not_found"; message: string; formKind: string; formId: string }
  | { code: "record_not_found"; message: string }
  | { code: "decision_not_on_form"; message: string; move: string; formKind: string; allowedDecisions: string[] }
  /** A form names a record (a plan, a target, an intervention) that is not this pupil's or this school's. */
  | { code: "invalid_reference"; message: string; field: string }
  | { code: "referral_not_found"; message: string }
  | { code: "referral_changed"; message: string }
  /** A transfer already accepted, or never made to this school. */
  | { code: "transfer_not_pending"; message: string }
  /** The receiving school's register already has a pupil with the child's UPN: the school resolves it before accepting. */
  | { code: "upn_on_register"; message: string }
  /** Issue 15: a day of record before the pupil was born (the input's schema holds the bounds that need no pupil). */
  | { code: "date_before_birth"; message: string; field: string; dateOfBirth: IsoDate };

/** A referral as decided: its id, its next state, and the steps written (opening writes its first one or two). */
export type DecidedReferral = { id: string; state: DrsReferralState; steps: { step: DrsStep; on: IsoDate }[] };

export type Decision = {
  ok: true;
  state: PupilCaseState;
  /** The event appended to the pupil's history; null where nothing moves (a form alone, a DRS step). */
  event: PupilEventRecord | null;
  referral: DecidedReferral | null;
  effects: Effect[];
  obligations: Obligation[];
};

export type DecideResult = Decision | { ok: false; refusal: CaseRefusal };

const refuse = (refusal: CaseRefusal): DecideResult => ({ ok: false, refusal });
const closedRefusal = { code: "pupil_closed", message: "The pupil's record is closed" } as const;

/** DRS clocks run for their referral: the subject the interpreter stops, starts and adopts them under. */
function forReferral(effects: readonly Effect[], subject: ClockSubject): Effect[] {
  return effects.map((effect) =>
    effect.kind === "startClock" || effect.kind === "stopClock" || effect.kind === "adoptClock" ? { ...effect, subject } : effect,
  );
}

function transitionContext(command: Recorded, context: DecideContext): TransitionContext {
  return { at: command.recordedAt, occurredOn: command.occurredOn, timescales: context.timescales, region: context.region, closures: context.closures };
}

/** The field of each form that gives the day it happened, which a refusal of that day names. */
function dayOfRecordField(form: FormFacts): string {
  switch (form.kind) {
    case "plan":
      return "dateWritten";
    case "review":
      return "reviewDate";
    case "parentMeeting":
      return "heldOn";
    case "specialistInvolvement":
      return "requestedOn";
    case "assessmentRequest":
      return form.decidedOn ? "decidedOn" : "requestedOn";
    case "recordOfConcern":
      return "occurredOn";
  }
}

function beforeBirth(loaded: LoadedCase, on: IsoDate, field: string): CaseRefusal | null {
  if (on >= loaded.dateOfBirth) return null;
  return { code: "date_before_birth", message: "The date must be on or after the pupil's date of birth", field, dateOfBirth: loaded.dateOfBirth };
}

function decideMove(framework: FrameworkDefinition, loaded: LoadedCase, command: Extract<Command, { kind: "move" }>, context: DecideContext): DecideResult {
  const unborn = beforeBirth(loaded, command.occurredOn, "occurredOn");
  if (unborn) return refuse(unborn);
  const { kind: _kind, occurredOn: _on, recordedAt: _at, ...move } = command;
  const decided = transition(framework, loaded.state, move, transitionContext(command, context));
  if (!decided.ok) return decided;
  const { formKind, formId } = decided.event;
  if (formKind && formId && !loaded.citedFormFound) {
    return refuse({ code: "form_not_found", message: `No ${formKind} ${formId} is recorded for this pupil`, formKind, formId });
  }
  const effects = withUnderFivesReview(decided.effects, loaded.dateOfBirth, context);
  return { ok: true, state: decided.state, event: decided.event, referral: null, effects, obligations: decided.obligations };
}

/**
 * The request the LA decides on, opened by the form that records it: a request's own form is the request, with or
 * without the move; any other form (a 2001 review) opens one only where its decision asks the LA to assess.
 */
function requestOpened(framework: FrameworkDefinition, form: FormFacts, decision: FormDecision | null): Effect[] {
  const opening = form.kind === "assessmentRequest" || form.kind === "review" ? form.opening : undefined;
  if (!opening) return [];
  const move = decision && Object.hasOwn(framework.moves, decision.move) ? framework.moves[decision.move] : undefined;
  if (form.kind !== "assessmentRequest" && !move?.opensAssessmentRequest) return [];
  return [{ kind: "openAssessmentRequest", request: { ...opening, kind: framework.assessmentRequestKind } }];
}

function decideForm(
  framework: FrameworkDefinition,
  loaded: LoadedCase,
  command: Extract<Command, { kind: "recordForm" }>,
  context: DecideContext,
): DecideResult {
  const [missing] = loaded.missingReferences;
  if (missing) return refuse(missing);
  const { form, actor } = command;
  const unborn = beforeBirth(loaded, command.occurredOn, dayOfRecordField(form));
  if (unborn) return refuse(unborn);
  const clockContext = transitionContext(command, context);
  const formRuleEffects = formEffects(framework.formRules, form, loaded.runningClocks, clockContext);
  const implied = impliedMove(framework.formRules, form.kind);
  const decision: FormDecision | null =
    command.decision ??
    (implied && allowedMoves(framework, loaded.state.stage).includes(implied) ? { move: implied, expectedVersion: loaded.state.version, reason: null } : null);
  const opened = requestOpened(framework, form, decision);
  if (!decision) return { ok: true, state: loaded.state, event: null, referral: null, effects: [...opened, ...formRuleEffects], obligations: [] };

  const move = Object.hasOwn(framework.moves, decision.move) ? framework.moves[decision.move] : undefined;
  if (move && move.form !== form.kind) {
    return refuse({
      code: "decision_not_on_form",
      message: `"${move.label}" is not decided on a ${form.kind} form`,
      move: decision.move,
      formKind: form.kind,
      allowedDecisions: decisionsOnForm(framework, loaded.state.stage, form.kind),
    });
  }
  const reference: FormReference = { kind: form.kind, id: form.id };
  const decided = transition(framework, loaded.state, { ...decision, actor, form: reference }, clockContext);
  if (!decided.ok) return decided;
  // The LA may say when a plan it decided to issue was issued, where that is not the day it decided.
  const planIssuedOn = form.kind === "assessmentRequest" ? form.planIssuedOn : null;
  const effects = decided.effects.map(
    (effect): Effect =>
      planIssuedOn && effect.kind === "writeFormColumns" && "planIssuedOn" in effect.columns
        ? { kind: "writeFormColumns", form: { kind: "assessmentRequest", id: effect.form.id }, columns: { ...effect.columns, planIssuedOn } }
        : effect,
  );
  return {
    ok: true,
    state: decided.state,
    event: decided.event,
    referral: null,
    effects: withUnderFivesReview([...opened, ...formRuleEffects, ...effects], loaded.dateOfBirth, context),
    obligations: decided.obligations,
  };
}

function decideDrsOpening(
  framework: FrameworkDefinition,
  loaded: LoadedCase,
  command: Extract<Command, { kind: "openDrsReferral" }>,
  context: DecideContext,
): DecideResult {
  const timescales = snapshotDrsTimescales(context.timescales);
  const opened = openDrsReferral(
    { ...command.referral, on: command.occurredOn, timescales, runningAppealWindows: loaded.runningAppealWindows, jurisdiction: framework.jurisdiction },
    { party: command.party, today: command.recordedAt.slice(0, 10), region: context.authorityRegion, closures: context.closures, words: framework.words },
  );
  if (!opened.ok) return opened;
  const subject = { kind: "drsReferral", id: command.referralId } as const;
  return {
    ok: true,
    state: loaded.state,
    event: null,
    referral: { id: command.referralId, state: opened.state, steps: opened.steps },
    effects: forReferral(opened.effects, subject),
    obligations: [],
  };
}

function decideDrsStep(
  framework: FrameworkDefinition,
  loaded: LoadedCase,
  command: Extract<Command, { kind: "recordDrsStep" }>,
  context: DecideContext,
): DecideResult {
  if (!loaded.referral) return refuse({ code: "referral_not_found", message: "DRS referral not found" });
  if (loaded.closed) return refuse(closedRefusal);
  const decided = drsTransition(loaded.referral, command.step, {
    party: command.party,
    on: command.occurredOn,
    today: command.recordedAt.slice(0, 10),
    region: context.authorityRegion,
    closures: context.closures,
    words: framework.words,
    ...(command.agreement ? { agreement: command.agreement } : {}),
  });
  if (!decided.ok) return decided;
  const subject = { kind: "drsReferral", id: command.referralId } as const;
  return {
    ok: true,
    state: loaded.state,
    event: null,
    referral: { id: command.referralId, state: decided.state, steps: [{ step: command.step, on: command.occurredOn }] },
    effects: forReferral(decided.effects, subject),
    obligations: [],
  };
}

/** A step of the EHC process: recorded with the day it happened, its clocks stopped and started from that day. */
function decideEhcStep(
  framework: FrameworkDefinition,
  loaded: LoadedCase,
  command: Extract<Command, { kind: "recordEhcStep" }>,
  context: DecideContext,
): DecideResult {
  const facts: EhcStepFacts = { step: command.step, ...(command.transfer ? { transfer: command.transfer } : {}) };
  const decided = ehcStepEffects(framework, loaded, facts, command.occurredOn, command.recordedAt.slice(0, 10), context);
  if (!decided.ok) return decided;
  const record: Effect = {
    kind: "recordEhcStep",
    id: command.stepId,
    step: command.step,
    happenedOn: command.occurredOn,
    transfer: command.transfer ?? null,
    recordedByUserId: command.actor.userId,
    recordedAt: command.recordedAt,
  };
  return { ok: true, state: loaded.state, event: null, referral: null, effects: [record, ...decided.effects], obligations: [] };
}

/** Closing stops every running clock and freezes the stage; the event says who closed the record and why. */
function decideClosure(loaded: LoadedCase, command: Extract<Command, { kind: "closeRecord" }>): DecideResult {
  if (loaded.closed) return refuse({ code: "pupil_closed", message: "The pupil's record is already closed" });
  const unborn = beforeBirth(loaded, command.occurredOn, "occurredOn");
  if (unborn) return refuse(unborn);
  return stageKept(loaded.state, command, { kind: "closeRecord" });
}

/**
 * A move between schools keeps the stage, the cycle and every running clock (issue 18): the child's provision does not
 * restart because they changed school. Only the school and LA whose record it is change; the event says so.
 */
function decideTransfer(loaded: LoadedCase, command: Extract<Command, { kind: "transferSchool" }>): DecideResult {
  const { state } = loaded;
  if (command.to.framework !== state.framework) {
    return refuse({
      code: "wrong_framework",
      message: "The receiving school works to a different framework, so the record cannot move there",
      framework: command.to.framework,
    });
  }
  return stageKept(state, command, { kind: "changeSchool", schoolId: command.to.schoolId, laId: command.to.laId });
}

/**
 * Enrolment at a stage: the first event, and the clocks the framework says run at that stage started the day the pupil
 * is enrolled, as the move into the stage would have started them (an EHC plan's annual review, the 2001 Code's
 * twice-yearly IEP reviews, SEN support's parent meetings).
 */
function decideEnrolment(
  framework: FrameworkDefinition,
  loaded: LoadedCase,
  command: Extract<Command, { kind: "enrol" }>,
  context: DecideContext,
): DecideResult {
  const { state } = loaded;
  const stage = framework.stages[state.stage];
  if (!stage || state.version !== 0)
    return refuse({ code: "unknown_move", message: `${framework.name} cannot enrol a pupil at "${state.stage}"`, move: "enrol", allowedMoves: [] });
  const started = (stage.runsClocks ?? []).map((clock): Effect => {
    const timescale = context.timescales[clock];
    return {
      kind: "startClock",
      clock,
      startedOn: command.occurredOn,
      dueOn: dueOn(command.occurredOn, timescale, context.region, context.closures),
      timescale,
    };
  });
  const decided = stageKept(state, command, null);
  if (!decided.ok) return decided;
  const event = decided.event && { ...decided.event, fromStage: null };
  return { ...decided, event, effects: withUnderFivesReview(started, loaded.dateOfBirth, context) };
}

/** A change that keeps the stage and the cycle (closing, a transfer): one event, named by the command, saying who made it and why. */
function stageKept(
  state: PupilCaseState,
  command: Extract<Command, { kind: "closeRecord" | "transferSchool" | "enrol" }>,
  effect: Effect | null,
): DecideResult {
  const seq = state.version + 1;
  return {
    ok: true,
    state: { ...state, version: seq },
    event: {
      seq,
      at: command.recordedAt,
      actorUserId: command.actor.userId,
      actorRole: command.actor.role,
      move: command.kind,
      fromStage: state.stage,
      toStage: state.stage,
      cycle: state.cycle,
      reason: command.reason,
      formKind: null,
      formId: null,
    },
    referral: null,
    effects: effect ? [effect] : [],
    obligations: [],
  };
}

/**
 * The one place that decides a change to a pupil's case. Pure: it reads no clock and touches no storage; given the
 * case as loaded and the command, it returns the next state, the event, the referral as changed and the effects to
 * perform, or a refusal saying why.
 */
export function decide(framework: FrameworkDefinition, loaded: LoadedCase, command: Command, context: DecideContext): DecideResult {
  if (command.kind === "recordDrsStep") return decideDrsStep(framework, loaded, command, context);
  if (command.kind === "closeRecord") return decideClosure(loaded, command);
  if (loaded.closed) return refuse(closedRefusal);
  switch (command.kind) {
    case "move":
      return decideMove(framework, loaded, command, context);
    case "recordForm":
      return decideForm(framework, loaded, command, context);
    case "openDrsReferral":
      return decideDrsOpening(framework, loaded, command, context);
    case "recordEhcStep":
      return decideEhcStep(framework, loaded, command, context);
    case "transferSchool":
      return decideTransfer(loaded, command);
    case "enrol":
      return decideEnrolment(framework, loaded, command, context);
  }
}
