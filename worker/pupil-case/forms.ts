import type { Db } from "../app-env";
import type { IsoDate } from "../calendar/working-days";
import type { CaseActor, FormDecision } from "../workflow/decide";
import type { FormFacts } from "../workflow/form-rules";
import { applyChange, type CaseFailure } from "./change";
import type { Loaded, Reference, Statement } from "./load";
import type { AuditRecord } from "../audit/record";
import type { MoveHooks, Moved } from "./moves";

/**
 * A form as its preparer builds it, with no read of its own: the facts the workflow reads, the decision it records
 * (if any), the day it happened, the records it names (looked up in the loader's batch) and its rows.
 */
export type PreparedForm = {
  facts: FormFacts;
  decision: FormDecision | null;
  occurredOn: IsoDate;
  references: (db: Db, pupilId: string) => Reference[];
  rows: (db: Db, loaded: Loaded) => Statement[];
};

export type FormOutcome = { ok: true; formId: string; moved: Moved | null } | CaseFailure;

/**
 * One form submission on one pupil: the form's rows, the decision it records (event, stage, version) and every
 * effect of both, written in one D1 batch. Callers serialise per pupil (the PupilCase Durable Object).
 */
export async function submitForm(
  db: Db,
  pupilId: string,
  form: PreparedForm,
  actor: CaseActor,
  at: string,
  hooks: MoveHooks & { audit?: AuditRecord | null } = {},
): Promise<FormOutcome> {
  const changed = await applyChange(
    db,
    pupilId,
    { kind: "recordForm", form: form.facts, decision: form.decision, actor, occurredOn: form.occurredOn, recordedAt: at },
    { reads: { references: form.references(db, pupilId) }, rows: (loaded) => ({ statements: form.rows(db, loaded) }), ...hooks },
  );
  if (!changed.ok) return changed;
  const { decision } = changed;
  return { ok: true, formId: form.facts.id, moved: decision.event && { state: decision.state, event: decision.event, obligations: decision.obligations } };
}
