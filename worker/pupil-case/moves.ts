import type { Db } from "../app-env";
import type { Obligation } from "../workflow/definition";
import { frameworkFor } from "../workflow/frameworks";
import { transition, type Effect, type MoveCommand, type PupilCaseState, type PupilEventRecord, type Refusal } from "../workflow/transition";
import { formBelongsToPupil, isStaleWrite, loadPupilCase, writeChange, type LoadedCase, type Statement } from "./store";

export type CaseRefusal =
  | Refusal
  | { code: "pupil_not_found"; message: string }
  | { code: "pupil_closed"; message: string }
  | { code: "form_not_found"; message: string; formKind: string; formId: string }
  | { code: "record_not_found"; message: string }
  | { code: "decision_not_on_form"; message: string; move: string; formKind: string; allowedDecisions: string[] }
  /** A form names a record (a plan, a target, an intervention) that is not this pupil's or this school's. */
  | { code: "invalid_reference"; message: string; field: string };

export type Moved = { state: PupilCaseState; event: PupilEventRecord; obligations: Obligation[] };

export type CaseFailure = { ok: false; refusal: CaseRefusal } | { ok: false; writeFailed: { message: string } };

export type MoveOutcome = ({ ok: true } & Moved) | CaseFailure;

const pupilNotFound = { ok: false, refusal: { code: "pupil_not_found", message: "Pupil not found" } } as const;

export async function loadOpenCase(db: Db, pupilId: string, at: string): Promise<LoadedCase | { ok: false; refusal: CaseRefusal }> {
  const loaded = await loadPupilCase(db, pupilId, at.slice(0, 10));
  if (!loaded) return pupilNotFound;
  if (loaded.closed) return { ok: false, refusal: { code: "pupil_closed", message: "The pupil's record is closed" } };
  return loaded;
}

export type MoveHooks = { onWriteConflict?: () => void };

/**
 * Writes a change, turning a write that lost a race into the same refusal the workflow gives a stale version.
 * With no move, only the forms and their effects are written.
 */
export async function commitChange(
  db: Db,
  loaded: LoadedCase,
  at: string,
  forms: readonly Statement[],
  decided: Extract<ReturnType<typeof transition>, { ok: true }> | null,
  effects: readonly Effect[],
  hooks: MoveHooks = {},
): Promise<{ ok: true; moved: Moved | null } | CaseFailure> {
  try {
    await writeChange(db, loaded, { at, forms, move: decided && { next: decided.state, event: decided.event }, effects });
  } catch (error) {
    if (isStaleWrite(error)) {
      hooks.onWriteConflict?.();
      return {
        ok: false,
        refusal: {
          code: "stale_version",
          message: "Another change to this pupil's record was saved first",
          currentVersion: loaded.state.version + 1,
          currentStage: loaded.state.stage,
        },
      };
    }
    console.error("pupil case write failed", error);
    return { ok: false, writeFailed: { message: "The change could not be saved; nothing was changed. Try again." } };
  }
  return { ok: true, moved: decided && { state: decided.state, event: decided.event, obligations: decided.obligations } };
}

/** Load, decide, write: one move on one pupil. Callers serialise per pupil (the PupilCase Durable Object). */
export async function applyMove(db: Db, pupilId: string, command: MoveCommand, at: string, hooks: MoveHooks = {}): Promise<MoveOutcome> {
  // The cited form is looked up beside the case, not after it: the pupil's lock is held for one round trip, not two.
  const [loaded, citedFormIsPupils] = await Promise.all([
    loadOpenCase(db, pupilId, at),
    command.form ? formBelongsToPupil(db, command.form, pupilId) : Promise.resolve(true),
  ]);
  if (!("state" in loaded)) return loaded;
  const framework = frameworkFor(loaded.state.framework);
  const decided = transition(framework, loaded.state, command, {
    at,
    timescales: loaded.timescales,
    region: loaded.region,
    closures: loaded.closures,
  });
  if (!decided.ok) return decided;
  const citedForm = decided.event.formKind && decided.event.formId ? { kind: decided.event.formKind, id: decided.event.formId } : null;
  if (citedForm && !citedFormIsPupils) {
    return {
      ok: false,
      refusal: {
        code: "form_not_found",
        message: `No ${citedForm.kind} ${citedForm.id} is recorded for this pupil`,
        formKind: citedForm.kind,
        formId: citedForm.id,
      },
    };
  }
  const written = await commitChange(db, loaded, at, [], decided, decided.effects, hooks);
  if (!written.ok) return written;
  return { ok: true, state: decided.state, event: decided.event, obligations: decided.obligations };
}
