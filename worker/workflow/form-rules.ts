import type { FormKind } from "../../schema/vocab";
import { dueOn } from "../calendar/working-days";
import type { ClockKind } from "./timescales";
import type { Effect, FormReference, TransitionContext } from "./transition";

/**
 * What recording a form does to the pupil's clocks, whether or not it carries a decision. Rules are data with their
 * source, read by one pure function (formEffects), never written into a handler.
 */
export type FormRule =
  /** A clock for this record, due on a date the form itself gives; it replaces the same clock of earlier records. */
  | { effect: "startClockDueOnField"; clock: ClockKind; startField: string; dueField: string; source: string }
  /** Stops the clock of the record this form names (a review stops the reviewed plan's clock). */
  | { effect: "stopClockOfNamedRecord"; clock: ClockKind; subjectKind: FormKind; subjectField: string; source: string }
  /** Restarts a clock from the form's date, only where that clock is running for the pupil. */
  | { effect: "restartIfRunning"; clock: ClockKind; fromField: string; source: string };

export type FormRules = Partial<Record<FormKind, readonly FormRule[]>>;

/** The rules every framework's graduated response shares. */
export const graduatedResponseFormRules = {
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

/** The facts of one recorded form that its rules read: its reference and its dates or named records. */
export type FormFacts = FormReference & { fields: Readonly<Record<string, string | null>> };

/** Pure: the clock effects of recording this form, stops before starts so a replaced clock never stops its successor. */
export function formEffects(
  rules: FormRules,
  form: FormFacts,
  runningClocks: ReadonlySet<string>,
  context: TransitionContext,
): Effect[] {
  const stops: Effect[] = [];
  const starts: Effect[] = [];
  const subject = { kind: form.kind, id: form.id };
  for (const rule of rules[form.kind] ?? []) {
    const timescale = context.timescales[rule.clock];
    if (rule.effect === "startClockDueOnField") {
      const startedOn = form.fields[rule.startField];
      const due = form.fields[rule.dueField];
      if (!startedOn || !due) continue;
      stops.push({ kind: "stopClock", clock: rule.clock });
      starts.push({ kind: "startClock", clock: rule.clock, startedOn, dueOn: due, timescale, subject });
    } else if (rule.effect === "stopClockOfNamedRecord") {
      const named = form.fields[rule.subjectField];
      if (named) stops.push({ kind: "stopClock", clock: rule.clock, subject: { kind: rule.subjectKind, id: named } });
    } else {
      const from = form.fields[rule.fromField];
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
