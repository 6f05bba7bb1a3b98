import type { FormKind, FrameworkId, Region } from "../../schema/vocab";
import { dueOn } from "../calendar/working-days";
import type { Decider, FrameworkDefinition, MoveDefinition, Obligation } from "./definition";
import type { Effect, FormColumnsWrite, FormReference } from "./effects";
import { impliedMove } from "./form-rules";
import { isMoveOf, isStageOf, type ActorRole, type MoveId, type StageId } from "./ids";
import type { Timescales } from "./timescales";

export type { Effect, FormReference } from "./effects";

/** What the workflow needs to know of a pupil: everything else about them is record, not state. */
export type PupilCaseState = {
  framework: FrameworkId;
  stage: StageId;
  /** Assess-Plan-Do-Review cycle number; 0 before the first. */
  cycle: number;
  /** The seq of the pupil's last event. */
  version: number;
};

export type MoveCommand = {
  move: string;
  /** The version the person was looking at: a move against anything else is refused as stale. */
  expectedVersion: number;
  actor: { userId: string | null; role: ActorRole };
  reason: string | null;
  form: FormReference | null;
};

export type TransitionContext = {
  /** The moment the move is recorded (ISO). Passed in so every clock is testable to the day. */
  at: string;
  /** The day the decision was made, where it is not the day it is recorded: its clocks start from it. */
  occurredOn?: string;
  timescales: Timescales;
  region: Region;
  closures?: ReadonlySet<string>;
};

export type PupilEventRecord = {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorRole: ActorRole;
  move: MoveId;
  fromStage: StageId | null;
  toStage: StageId;
  cycle: number;
  reason: string | null;
  formKind: FormKind | null;
  formId: string | null;
};

export type Refusal =
  | { code: "stale_version"; message: string; currentVersion: number; currentStage: string }
  | { code: "not_your_decision"; message: string; move: string; decidedBy: Decider }
  | { code: "wrong_framework"; message: string; framework: FrameworkId }
  | { code: "unknown_move"; message: string; move: string; allowedMoves: string[] }
  | { code: "move_not_allowed"; message: string; move: string; stage: string; allowedMoves: string[] }
  | { code: "form_required"; message: string; move: string; formKind: FormKind }
  | { code: "too_few_cycles"; message: string; move: string; minimumCycles: number; cycle: number };

export type TransitionResult =
  | { ok: true; state: PupilCaseState; event: PupilEventRecord; effects: Effect[]; obligations: Obligation[] }
  | { ok: false; refusal: Refusal };

/** The moves a pupil at this stage may make, in the order the framework lists them. */
export function allowedMoves(framework: FrameworkDefinition, stage: string): string[] {
  return Object.entries(framework.moves)
    .filter(([, move]) => move.from.includes(stage))
    .map(([id]) => id);
}

/** The decisions a form of this kind can record at this stage, optionally only those one party decides. */
export function decisionsOnForm(framework: FrameworkDefinition, stage: string, form: FormKind, decidedBy?: Decider): string[] {
  return allowedMoves(framework, stage).filter((id) => {
    const move = framework.moves[id];
    return move?.form === form && (decidedBy === undefined || (move.decidedBy ?? "school") === decidedBy);
  });
}

function lookupMove(framework: FrameworkDefinition, id: string): MoveDefinition<string> | undefined {
  return Object.hasOwn(framework.moves, id) ? framework.moves[id] : undefined;
}

/** The party an actor decides for: an LA officer for the authority, anyone else for the school. */
export const partyOf = (role: ActorRole): Decider => (role === "laOfficer" ? "authority" : "school");

function nextCycle(move: MoveDefinition<string>, cycle: number): number {
  if (move.cycle === "first") return 1;
  if (move.cycle === "next") return cycle + 1;
  return cycle;
}

/** The columns of the form a decision was recorded on that say what was decided. */
function decisionColumns(framework: FrameworkDefinition, form: FormReference, moveId: string, move: MoveDefinition<string>, on: string): FormColumnsWrite[] {
  switch (form.kind) {
    case "recordOfConcern":
      // Raising the concern is the concern itself, not the SENCO's action on it: that is still to come.
      if (moveId === impliedMove(framework.formRules, "recordOfConcern")) return [];
      return [{ kind: "writeFormColumns", form: { kind: form.kind, id: form.id }, columns: { sencoAction: moveId } }];
    case "review":
      return [{ kind: "writeFormColumns", form: { kind: form.kind, id: form.id }, columns: { decision: moveId } }];
    case "assessmentRequest":
      // The LA's decision on a request: whether it agreed to assess, and the plan issued where the decision issues one.
      if ((move.decidedBy ?? "school") !== "authority") return [];
      return [
        {
          kind: "writeFormColumns",
          form: { kind: form.kind, id: form.id },
          columns: {
            laDecisionOn: on,
            ...(move.assessmentDecision ? { laDecision: move.assessmentDecision } : {}),
            ...(move.issuesPlan ? { planIssuedOn: on } : {}),
          },
        },
      ];
    default:
      return [];
  }
}

/**
 * The one place that decides a move. Pure: it reads no clock and touches no storage; it returns the next state,
 * the event to append and the effects to perform, or a refusal saying why.
 */
export function transition(framework: FrameworkDefinition, state: PupilCaseState, command: MoveCommand, context: TransitionContext): TransitionResult {
  const refuse = (refusal: Refusal): TransitionResult => ({ ok: false, refusal });
  const stageLabel = framework.stages[state.stage]?.label ?? state.stage;

  if (state.framework !== framework.id) {
    return refuse({
      code: "wrong_framework",
      message: `The pupil follows ${state.framework}, not ${framework.id}`,
      framework: state.framework,
    });
  }
  const named = lookupMove(framework, command.move);
  if (named && partyOf(command.actor.role) !== (named.decidedBy ?? "school")) {
    const decider = named.decidedBy ?? "school";
    return refuse({
      code: "not_your_decision",
      message: `"${named.label}" is decided by the ${decider === "authority" ? "local authority" : "school"}`,
      move: command.move,
      decidedBy: decider,
    });
  }
  if (command.expectedVersion !== state.version) {
    return refuse({
      code: "stale_version",
      message: `The pupil's record has changed since version ${command.expectedVersion}: it is now at version ${state.version}, ${stageLabel}`,
      currentVersion: state.version,
      currentStage: state.stage,
    });
  }
  const moveId = command.move;
  const move = lookupMove(framework, moveId);
  if (!move || !isMoveOf(framework, moveId)) {
    return refuse({
      code: "unknown_move",
      message: `${framework.name} has no move "${command.move}"`,
      move: command.move,
      allowedMoves: allowedMoves(framework, state.stage),
    });
  }
  if (!move.from.includes(state.stage)) {
    return refuse({
      code: "move_not_allowed",
      message: `"${move.label}" cannot be decided at ${stageLabel}`,
      move: command.move,
      stage: state.stage,
      allowedMoves: allowedMoves(framework, state.stage),
    });
  }
  if (move.form && command.form?.kind !== move.form) {
    return refuse({
      code: "form_required",
      message: `"${move.label}" is decided on a ${move.form} form: name the ${move.form} it was recorded on`,
      move: command.move,
      formKind: move.form,
    });
  }
  if (move.minimumCycles !== undefined && state.cycle < move.minimumCycles) {
    return refuse({
      code: "too_few_cycles",
      message: `"${move.label}" needs at least ${move.minimumCycles} completed cycles; the pupil is on cycle ${state.cycle}`,
      move: command.move,
      minimumCycles: move.minimumCycles,
      cycle: state.cycle,
    });
  }

  const toStage = move.to === "stay" ? state.stage : move.to;
  if (!isStageOf(framework, toStage)) throw new RangeError(`${framework.id}.${moveId} moves to "${toStage}", which is no stage of the framework`);
  const cycle = nextCycle(move, state.cycle);
  const seq = state.version + 1;
  const startedOn = context.occurredOn ?? context.at.slice(0, 10);
  const form = move.form ? command.form : null;

  const effects: Effect[] = [
    ...(move.stopsClocks ?? []).map((clock): Effect => ({ kind: "stopClock", clock })),
    ...(move.startsClocks ?? []).map((clock): Effect => {
      const timescale = context.timescales[clock];
      return {
        kind: "startClock",
        clock,
        startedOn,
        dueOn: dueOn(startedOn, timescale, context.region, context.closures),
        timescale,
      };
    }),
    ...(form ? decisionColumns(framework, form, command.move, move, startedOn) : []),
    ...(move.obligations ?? []).flatMap((obligation): Effect[] => {
      if (obligation === "formallyNotifyParents") return [{ kind: "notify", audience: "parents", obligation }];
      if (obligation === "informTheAuthority") return [{ kind: "notify", audience: "authority", obligation }];
      return [];
    }),
  ];

  return {
    ok: true,
    state: { framework: state.framework, stage: toStage, cycle, version: seq },
    event: {
      seq,
      at: context.at,
      actorUserId: command.actor.userId,
      actorRole: command.actor.role,
      move: moveId,
      fromStage: state.stage,
      toStage,
      cycle,
      reason: command.reason,
      formKind: form?.kind ?? null,
      formId: form?.id ?? null,
    },
    effects,
    obligations: [...(move.obligations ?? [])],
  };
}
