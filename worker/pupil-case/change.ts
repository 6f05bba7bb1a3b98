import type { Db } from "../app-env";
import { storeAudit, type AuditRecord } from "../audit/record";
import { pupilQuery, runningClocksOf, type PupilRow, type RunningClockView } from "../pupils/queries";
import { decide, type CaseRefusal, type Command, type Decision } from "../workflow/decide";
import { frameworkFor } from "../workflow/frameworks";
import { effectsToStatements, isRepeatedOneTimeKey, isStaleWrite } from "./effects";
import { loadCase, type Loaded, type Reads, type Statement } from "./load";

/** The pupil and their running clocks as the change left them, read inside the change's own batch. */
export type CaseAfterChange = { pupil: PupilRow; runningClocks: RunningClockView[] };

export type CaseFailure = { ok: false; refusal: CaseRefusal } | { ok: false; writeFailed: { message: string } };

export type Changed = { ok: true; decision: Decision; after: CaseAfterChange | null };

/**
 * The rows a change brings besides its event and effects (a form, a referral and its steps), built from the case as
 * loaded and the decision, with no read of their own. A guard names a statement whose empty answer means the record
 * changed while the change was decided, and the refusal that earns.
 */
export type RecordRows = (loaded: Loaded, decision: Decision) => { statements: Statement[]; guard?: { index: number; refusal: CaseRefusal } };

export type ChangeOptions = { reads?: Reads; rows?: RecordRows; audit?: AuditRecord | null; onWriteConflict?: () => void };

const pupilNotFound = { ok: false, refusal: { code: "pupil_not_found", message: "Pupil not found" } } as const;

export const writeFailed = { ok: false, writeFailed: { message: "The change could not be saved; nothing was changed. Try again." } } as const;

/**
 * Load, decide, write: every change to a pupil's case, in two D1 round trips. One batch loads what decide() needs;
 * one atomic batch writes the record's rows, the event, the pupil's new state, every effect and the audit entry, and
 * reads the pupil back so the answer costs no trip of its own. Callers serialise per pupil (the PupilCase object).
 */
export async function applyChange(db: Db, pupilId: string, command: Command, options: ChangeOptions = {}): Promise<Changed | CaseFailure> {
  const loaded = await loadCase(db, pupilId, command.occurredOn, command.recordedAt.slice(0, 10), options.reads ?? {});
  if (!loaded) return pupilNotFound;
  const decided = decide(frameworkFor(loaded.loaded.state.framework), loaded.loaded, command, loaded.context);
  if (!decided.ok) return decided;

  const rows = options.rows?.(loaded, decided) ?? { statements: [] };
  const writes = [
    ...rows.statements,
    ...effectsToStatements(db, loaded.scope, loaded.loaded.state, decided, command.recordedAt),
    ...(options.audit ? [storeAudit(db, options.audit)] : []),
  ];
  const [first, ...rest] = writes;
  if (!first) return { ok: true, decision: decided, after: null };
  const readBack = decided.event ? [pupilQuery(db, pupilId), runningClocksOf(db, pupilId)] : [];
  let results: unknown[];
  try {
    results = await db.batch([first, ...rest, ...readBack]);
  } catch (error) {
    if (isStaleWrite(error)) {
      options.onWriteConflict?.();
      const { state } = loaded.loaded;
      const message = "Another change to this pupil's record was saved first";
      return { ok: false, refusal: { code: "stale_version", message, currentVersion: state.version + 1, currentStage: state.stage } };
    }
    if (!isRepeatedOneTimeKey(error)) console.error("pupil case write failed", error);
    return writeFailed;
  }
  const guarded = rows.guard && results[rows.guard.index];
  if (rows.guard && Array.isArray(guarded) && guarded.length === 0) return { ok: false, refusal: rows.guard.refusal };
  if (!decided.event) return { ok: true, decision: decided, after: null };
  // The last two results are the reads appended after the writes.
  const [[pupil], runningClocks] = results.slice(-2) as [PupilRow[], RunningClockView[]];
  if (!pupil) throw new Error(`pupil ${pupilId} vanished during a change`);
  return { ok: true, decision: decided, after: { pupil, runningClocks } };
}
