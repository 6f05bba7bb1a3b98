import type { Db } from "../app-env";
import { storeAudit, type AuditRecord } from "../audit/record";
import type { Obligation } from "../workflow/definition";
import type { MoveCommand, PupilCaseState, PupilEventRecord } from "../workflow/transition";
import { applyChange, writeFailed, type CaseAfterChange, type CaseFailure } from "./change";

export type { CaseRefusal } from "../workflow/decide";
export type { CaseFailure } from "./change";

export type Moved = { state: PupilCaseState; event: PupilEventRecord; obligations: Obligation[] };

export type MoveOutcome = ({ ok: true; after: CaseAfterChange } & Moved) | CaseFailure;

export type MoveHooks = { onWriteConflict?: () => void };

/** A refused or unsaved change was still a call the caller was let make: its audit entry is stored alone. */
export async function logUnsavedMove<T extends { ok: boolean }>(db: Db, audit: AuditRecord, outcome: T): Promise<T | typeof writeFailed> {
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
 * One move on one pupil, its audit entry written in the move's batch. Callers serialise per pupil (the PupilCase
 * Durable Object), and log a refused or unsaved move with logUnsavedMove once the pupil is free. The move happened on
 * occurredOn where the person says so (casework is typed in after the event), else on the day it is recorded.
 */
export async function applyMove(
  db: Db,
  pupilId: string,
  command: MoveCommand,
  at: string,
  audit: AuditRecord,
  hooks: MoveHooks = {},
  occurredOn = at.slice(0, 10),
): Promise<MoveOutcome> {
  const changed = await applyChange(
    db,
    pupilId,
    { kind: "move", ...command, occurredOn, recordedAt: at },
    { reads: { citedForm: command.form }, audit, ...hooks },
  );
  if (!changed.ok) return changed;
  const { decision, after } = changed;
  if (!decision.event || !after) throw new Error("a move always appends an event");
  return { ok: true, state: decision.state, event: decision.event, obligations: decision.obligations, after };
}
