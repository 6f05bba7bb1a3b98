import type { FormKind } from "../../schema/vocab";
import { dueOn, type IsoDate } from "../calendar/working-days";
import type { AssessmentRequestOpening, Effect, FormReference } from "./effects";
import type { ClockKind } from "./timescales";
import type { TransitionContext } from "./transition";

/**
 * The facts of one recorded form that the workflow reads, typed per form kind: a rule naming a fact the form does
 * not have is a type error, not a clock that silently never starts.
 */
export type FormFactsByKind = {
  recordOfConcern: Record<never, never>;
  plan: { dateWritten: IsoDate; reviewDate: IsoDate };
  /** A review whose decision may ask the LA to assess carries the request that decision would open. */
  review: { planId: string | null; reviewDate: IsoDate; opening?: AssessmentRequestOpening };
  parentMeeting: { heldOn: IsoDate };
  specialistInvolvement: { requestedOn: IsoDate };
  /** A request, or the LA's decision on one (decidedOn, and the day a plan was issued where the decision issues one). */
  assessmentRequest: { requestedOn?: IsoDate; decidedOn?: IsoDate; planIssuedOn?: IsoDate | null; opening?: AssessmentRequestOpening };
};

export type FormFacts = { [K in FormKind]: { kind: K; id: string } & FormFactsByKind[K] }[FormKind];

/** The facts of a form kind that hold a date or a record's id (what a rule may read). */
type FactOf<K extends FormKind> = K extends FormKind ? keyof FormFactsByKind[K] & string : never;

/**
 * What recording a form does to the pupil's clocks, whether or not it carries a decision. Rules are data with their
 * source, read by one pure function (formEffects), never written into a handler.
 */
export type FormRule<K extends FormKind = FormKind> =
  /** A clock for this record, due on a date the form itself gives; it replaces the same clock of earlier records. */
  | { effect: "startClockDueOnField"; clock: ClockKind; startField: FactOf<K>; dueField: FactOf<K>; source: string }
  /** Stops the clock of the record this form names (a review stops the reviewed plan's clock). */
  | { effect: "stopClockOfNamedRecord"; clock: ClockKind; subjectKind: FormKind; subjectField: FactOf<K>; source: string }
  /** Restarts a clock from the form's date, only where that clock is running for the pupil. */
  | { effect: "restartIfRunning"; clock: ClockKind; fromField: FactOf<K>; source: string }
  /** Recording the form makes this move, where the framework has it from the pupil's stage; elsewhere it is recorded only. */
  | { effect: "movesWhereAllowed"; move: string; source: string };

export type FormRules = { [K in FormKind]?: readonly FormRule<K>[] };

/** The rules every framework's graduated response shares. */
export const graduatedResponseFormRules = {
  recordOfConcern: [
    {
      effect: "movesWhereAllowed",
      move: "raiseConcern",
      source: "Seed 000 Record of Concern: raising a concern starts the graduated response where the pupil is not yet in it",
    },
  ],
  plan: [
    {
      effect: "startClockDueOnField",
      clock: "planReview",
      startField: "dateWritten",
      dueField: "reviewDate",
      source: "Seed 000 IEP: 'date for review'; SEND Code 6.48: every plan has a clear date for reviewing progress",
    },
  ],
  review: [
    {
      effect: "stopClockOfNamedRecord",
      clock: "planReview",
      subjectKind: "plan",
      subjectField: "planId",
      source: "Seed 000 Review of Progress: the review of the IEPs compiled since the last review",
    },
  ],
  parentMeeting: [
    {
      effect: "restartIfRunning",
      clock: "parentMeetingsThreeAYear",
      fromField: "heldOn",
      source: "SEND Code 6.65: schools should meet parents at least three times each year",
    },
  ],
} as const satisfies FormRules;

/** One fact of a form, read by the name a rule gives (the rule's type has already checked the name). */
function factOf(form: FormFacts, field: string): string | null {
  const value: unknown = Object.hasOwn(form, field) ? Reflect.get(form, field) : null;
  return typeof value === "string" ? value : null;
}

function rulesOf(rules: FormRules, kind: FormKind): readonly FormRule[] {
  const byKind: Partial<Record<FormKind, readonly FormRule[]>> = rules;
  return byKind[kind] ?? [];
}

/** The move recording this form makes by itself (a concern raised), if its rules name one. */
export function impliedMove(rules: FormRules, kind: FormKind): string | null {
  for (const rule of rulesOf(rules, kind)) if (rule.effect === "movesWhereAllowed") return rule.move;
  return null;
}

/** Pure: the clock effects of recording this form, stops before starts so a replaced clock never stops its successor. */
export function formEffects(rules: FormRules, form: FormFacts, runningClocks: ReadonlySet<string>, context: TransitionContext): Effect[] {
  const stops: Effect[] = [];
  const starts: Effect[] = [];
  const subject: FormReference = { kind: form.kind, id: form.id };
  for (const rule of rulesOf(rules, form.kind)) {
    if (rule.effect === "movesWhereAllowed") continue;
    const timescale = context.timescales[rule.clock];
    if (rule.effect === "startClockDueOnField") {
      const startedOn = factOf(form, rule.startField);
      const due = factOf(form, rule.dueField);
      if (!startedOn || !due) continue;
      stops.push({ kind: "stopClock", clock: rule.clock });
      starts.push({ kind: "startClock", clock: rule.clock, startedOn, dueOn: due, timescale, subject });
    } else if (rule.effect === "stopClockOfNamedRecord") {
      const named = factOf(form, rule.subjectField);
      if (named) stops.push({ kind: "stopClock", clock: rule.clock, subject: { kind: rule.subjectKind, id: named } });
    } else {
      const from = factOf(form, rule.fromField);
      if (!from || !runningClocks.has(rule.clock)) continue;
      stops.push({ kind: "stopClock", clock: rule.clock });
      starts.push({
        kind: "startClock",
        clock: rule.clock,
        startedOn: from,
        dueOn: dueOn(from, timescale, context.region, context.closures),
        timescale,
        subject,
      });
    }
  }
  return [...stops, ...starts];
}
