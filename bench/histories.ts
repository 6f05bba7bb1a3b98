/**
 * The pupil histories the benchmark seeds, made by the real workflow: each template is a run of moves through
 * transition(), so its events, the forms they cite and the clocks left running are what the product writes. Days are
 * counted back from the last event; the seeder shifts each pupil's copy by its own number of days.
 */
import type { FormKind, FrameworkId } from "../schema/vocab";
import type { FrameworkDefinition } from "../worker/workflow/definition";
import { frameworks } from "../worker/workflow/frameworks";
import { resolveTimescales } from "../worker/workflow/timescales";
import { transition, type PupilCaseState } from "../worker/workflow/transition";
import { isStageOf } from "../worker/workflow/ids";

export type TemplateEvent = {
  seq: number;
  day: number;
  role: string;
  move: string;
  fromStage: string | null;
  toStage: string;
  cycle: number;
  formKind: FormKind | null;
};
export type TemplateClock = { kind: string; startedDay: number; dueDay: number; amount: number; unit: string; source: string; startedBySeq: number };
export type Template = { framework: FrameworkId; stage: string; cycle: number; events: TemplateEvent[]; clocks: TemplateClock[] };

/** Moves that bring a pupil back where they started: one Assess-Plan-Do-Review cycle, or a School Action review round. */
const routines: Partial<Record<FrameworkId, { from: string; moves: string[] }>> = {
  england2014: { from: "senSupportAssess", moves: ["completeAssessment", "agreePlan", "startReview", "continueSenSupport"] },
  england2001: { from: "schoolAction", moves: ["instigateSchoolActionPlus", "returnToSchoolAction"] },
};

function pathBetween(framework: FrameworkDefinition, from: string, to: string): string[] | null {
  const queue = [{ stage: from, moves: [] as string[] }];
  const seen = new Set([from]);
  while (queue.length) {
    const { stage, moves } = queue.shift()!;
    if (stage === to) return moves;
    for (const [id, move] of Object.entries(framework.moves)) {
      if (!move.from.includes(stage) || move.to === "stay" || seen.has(move.to)) continue;
      seen.add(move.to);
      queue.push({ stage: move.to, moves: [...moves, id] });
    }
  }
  return null;
}

const dayMs = 86_400_000;
const epoch = Date.parse("2000-01-01T00:00:00Z");
const dayOf = (date: string) => Math.round((Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - epoch) / dayMs);
const dateOf = (day: number) => new Date(epoch + day * dayMs).toISOString().slice(0, 10);

/** A pupil enrolled, taken through `routinesRun` rounds of routine support where the framework has them, then on to `stage`. */
export function template(frameworkId: FrameworkId, stage: string, routinesRun: number, spacingDays = 30): Template {
  const framework: FrameworkDefinition = frameworks[frameworkId];
  const routine = routines[frameworkId];
  let moves = pathBetween(framework, framework.initialStage, stage) ?? [];
  if (routine && routinesRun > 0) {
    const toRoutine = pathBetween(framework, framework.initialStage, routine.from);
    const onward = pathBetween(framework, routine.from, stage);
    if (toRoutine && onward) moves = [...toRoutine, ...Array.from({ length: routinesRun }, () => routine.moves).flat(), ...onward];
  }
  // Counted back from the last event, so every template ends on day 0 (the seeder's "recently").
  const startDay = dayOf("2026-01-01") - moves.length * spacingDays;
  const timescales = resolveTimescales({});
  const initialStage = framework.initialStage;
  if (!isStageOf(framework, initialStage)) throw new RangeError(`${frameworkId} starts at no stage of its own`);
  let state: PupilCaseState = { framework: frameworkId, stage: initialStage, cycle: 0, version: 1 };
  const events: TemplateEvent[] = [
    { seq: 1, day: startDay, role: "senco", move: "enrol", fromStage: null, toStage: framework.initialStage, cycle: 0, formKind: null },
  ];
  const running = new Map<string, TemplateClock>();
  moves.forEach((move, i) => {
    const day = startDay + (i + 1) * spacingDays;
    const { form: formKind, decidedBy } = framework.moves[move]!;
    const role = decidedBy === "authority" ? "laOfficer" : "senco";
    const decided = transition(
      framework,
      state,
      { move, expectedVersion: state.version, actor: { userId: null, role }, reason: null, form: formKind ? { kind: formKind, id: "form" } : null },
      { at: `${dateOf(day)}T10:00:00.000Z`, timescales, region: frameworkId === "recordOfNeed" ? "jersey" : "englandAndWales" },
    );
    if (!decided.ok) throw new Error(`${frameworkId} ${move}: ${decided.refusal.message}`);
    const { event } = decided;
    events.push({ seq: event.seq, day, role, move, fromStage: event.fromStage, toStage: event.toStage, cycle: event.cycle, formKind });
    for (const effect of decided.effects) {
      if (effect.kind === "stopClock") running.delete(effect.clock);
      if (effect.kind === "startClock") {
        const { amount, unit, source } = effect.timescale;
        running.set(effect.clock, {
          kind: effect.clock,
          startedDay: dayOf(effect.startedOn),
          dueDay: dayOf(effect.dueOn),
          amount,
          unit,
          source,
          startedBySeq: event.seq,
        });
      }
    }
    state = decided.state;
  });
  const last = events.at(-1)!.day;
  const rebase = (day: number) => day - last;
  // A clock no move restarts (parent meetings are recorded, not moved) is shown as restarted on time, whole periods on.
  const current = (clock: TemplateClock) => {
    const period = Math.max(1, clock.dueDay - clock.startedDay);
    const behind = Math.max(0, Math.ceil((last - 60 - clock.dueDay) / period));
    return { ...clock, startedDay: clock.startedDay + behind * period, dueDay: clock.dueDay + behind * period };
  };
  return {
    framework: frameworkId,
    stage: state.stage,
    cycle: state.cycle,
    events: events.map((e) => ({ ...e, day: rebase(e.day) })),
    clocks: [...running.values()].map(current).map((c) => ({ ...c, startedDay: rebase(c.startedDay), dueDay: rebase(c.dueDay) })),
  };
}

/**
 * Who is where in a local authority: most pupils have no identified need and only their enrolment; about one in
 * five is on a journey of many cycles. Weights are per thousand pupils of a framework.
 */
export const mix: Record<"england2014" | "england2001", { stage: string; routines: number; weight: number }[]> = {
  england2014: [
    { stage: "noSenIdentified", routines: 0, weight: 800 },
    { stage: "concernRaised", routines: 0, weight: 12 },
    { stage: "senSupportAssess", routines: 8, weight: 30 },
    { stage: "senSupportPlan", routines: 10, weight: 30 },
    { stage: "senSupportDo", routines: 12, weight: 40 },
    { stage: "senSupportReview", routines: 12, weight: 30 },
    { stage: "ehcNeedsAssessmentRequested", routines: 11, weight: 8 },
    { stage: "ehcNeedsAssessmentAgreed", routines: 12, weight: 6 },
    { stage: "ehcNeedsAssessmentRefused", routines: 10, weight: 4 },
    { stage: "ehcPlan", routines: 13, weight: 36 },
    { stage: "ehcPlanCeased", routines: 9, weight: 4 },
  ],
  england2001: [
    { stage: "ordinaryCurriculum", routines: 0, weight: 800 },
    { stage: "concernRecorded", routines: 0, weight: 12 },
    { stage: "schoolAction", routines: 22, weight: 80 },
    { stage: "schoolActionPlus", routines: 23, weight: 60 },
    { stage: "statutoryAssessmentRequested", routines: 22, weight: 8 },
    { stage: "statement", routines: 22, weight: 36 },
    { stage: "noteInLieu", routines: 20, weight: 4 },
  ],
};
