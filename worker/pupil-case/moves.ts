import type { Db } from "../app-env";
import type { Obligation } from "../workflow/definition";
import { frameworkFor } from "../workflow/frameworks";
import { transition, type MoveCommand, type PupilCaseState, type PupilEventRecord, type Refusal } from "../workflow/transition";
import { storeAudit, type AuditRecord } from "../audit/record";
import { formBelongsToPupil, isRepeatedOneTimeKey, isStaleWrite, loadPupilCase, writeChange, type CaseAfterChange, type Change, type LoadedCase } from "./store";

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

export type MoveOutcome = ({ ok: true; after: CaseAfterChange } & Moved) | CaseFailure;

const pupilNotFound = { ok: false, refusal: { code: "pupil_not_found", message: "Pupil not found" } } as const;

export async function loadOpenCase(db: Db, pupilId: string, at: string): Promise<LoadedCase | { ok: false; refusal: CaseRefusal }> {
  const loaded = await loadPupilCase(db, pupilId, at.slice(0, 10));
  if (!loaded) return pupilNotFound;
  if (loaded.closed) return { ok: false, refusal: { code: "pupil_closed", message: "The pupil's record is closed" } };
  return loaded;
}

export type MoveHooks = { onWriteConflict?: () => void };

type Decided = Extract<ReturnType<typeof transition>, { ok: true }>;

/** A change as the workflow decided it: the stored change, with the whole decision in place of the move it makes. */
export type DecidedChange = Omit<Change, "move"> & { decided: Decided | null };

/**
 * Writes a change, turning a write that lost a race into the same refusal the workflow gives a stale version.
 * With no move, only the forms and their effects are written.
 */
export async function commitChange(
  db: Db,
  loaded: LoadedCase,
  change: DecidedChange,
  hooks: MoveHooks = {},
): Promise<{ ok: true; moved: Moved | null; after: CaseAfterChange } | CaseFailure> {
  const { at, forms, decided, effects, audit } = change;
  let after: CaseAfterChange;
  try {
    after = await writeChange(db, loaded, { at, forms, move: decided && { next: decided.state, event: decided.event }, effects, audit });
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
    if (!isRepeatedOneTimeKey(error)) console.error("pupil case write failed", error);
    return writeFailed;
  }
  return { ok: true, moved: decided && { state: decided.state, event: decided.event, obligations: decided.obligations }, after };
}

const writeFailed = { ok: false, writeFailed: { message: "The change could not be saved; nothing was changed. Try again." } } as const;

/** A move refused or not saved was still a call the caller was let make: its audit entry is stored alone. */
export async function logUnsavedMove(db: Db, audit: AuditRecord, outcome: MoveOutcome): Promise<MoveOutcome> {
  if (outcome.ok) return outcome;
  try {
    await storeAudit(db, { ...audit, outcome: "writeFailed" in outcome ? "failed" : "refused" });
  } catch (error) {
    console.error("audit entry for a refused move not written", error);
    return writeFailed;
  }
  return outcome;
}

/**
 * Load, decide, write: one move on one pupil, its audit entry written in the move's batch. Callers serialise per
 * pupil (the PupilCase Durable Object), and log a refused or unsaved move with logUnsavedMove once the pupil is free.
 */
export async function applyMove(db: Db, pupilId: string, command: MoveCommand, at: string, audit: AuditRecord, hooks: MoveHooks = {}): Promise<MoveOutcome> {
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
  const written = await commitChange(db, loaded, { at, forms: [], decided, effects: decided.effects, audit }, hooks);
  if (!written.ok) return written;
  return { ok: true, state: decided.state, event: decided.event, obligations: decided.obligations, after: written.after };
}
