import type { Db } from "../app-env";
import { formEffects } from "../workflow/form-rules";
import { frameworkFor } from "../workflow/frameworks";
import { decisionsOnForm, transition, type FormReference, type MoveCommand } from "../workflow/transition";
import { commitChange, loadOpenCase, type CaseFailure, type CaseRefusal, type MoveHooks, type Moved } from "./moves";
import type { LoadedCase, Statement } from "./store";

/** A form ready to write: its rows, the facts its rules read, and the decision it records, if any. */
export type PreparedForm = {
  form: FormReference;
  statements: Statement[];
  facts: Record<string, string | null>;
  decision: { move: string; expectedVersion: number; reason: string | null } | null;
};

/** Builds a form against the pupil's case as loaded; may refuse (a record named that is not the pupil's). */
export type PrepareForm = (db: Db, loaded: LoadedCase) => Promise<PreparedForm | { ok: false; refusal: CaseRefusal }>;

export type FormOutcome = { ok: true; formId: string; moved: Moved | null } | CaseFailure;

const refuse = (refusal: CaseRefusal) => ({ ok: false, refusal }) as const;

/**
 * One form submission on one pupil: the form's rows, the decision it records (event, stage, version) and every
 * effect of both, written in one D1 batch. Callers serialise per pupil (the PupilCase Durable Object).
 */
export async function submitForm(
  db: Db,
  pupilId: string,
  prepare: PrepareForm,
  actor: MoveCommand["actor"],
  at: string,
  hooks: MoveHooks = {},
): Promise<FormOutcome> {
  const loaded = await loadOpenCase(db, pupilId, at);
  if (!("state" in loaded)) return loaded;
  const prepared = await prepare(db, loaded);
  if ("ok" in prepared) return prepared;
  const framework = frameworkFor(loaded.state.framework);
  const context = { at, timescales: loaded.timescales, region: loaded.region, closures: loaded.closures };
  const formRuleEffects = formEffects(framework.formRules, { ...prepared.form, fields: prepared.facts }, loaded.runningClocks, context);
  const finish = (written: Awaited<ReturnType<typeof commitChange>>): FormOutcome =>
    written.ok ? { ok: true, formId: prepared.form.id, moved: written.moved } : written;

  const { decision } = prepared;
  if (!decision) return finish(await commitChange(db, loaded, { at, forms: prepared.statements, decided: null, effects: formRuleEffects, audit: null }, hooks));

  const move = Object.hasOwn(framework.moves, decision.move) ? framework.moves[decision.move] : undefined;
  if (move && move.form !== prepared.form.kind) {
    return refuse({
      code: "decision_not_on_form",
      message: `"${move.label}" is not decided on a ${prepared.form.kind} form`,
      move: decision.move,
      formKind: prepared.form.kind,
      allowedDecisions: decisionsOnForm(framework, loaded.state.stage, prepared.form.kind),
    });
  }
  const decided = transition(framework, loaded.state, { ...decision, actor, form: prepared.form }, context);
  if (!decided.ok) return refuse(decided.refusal);
  return finish(await commitChange(db, loaded, { at, forms: prepared.statements, decided, effects: [...formRuleEffects, ...decided.effects], audit: null }, hooks));
}
