import type { Db } from "../app-env";
import type { CaseActor } from "../workflow/decide";
import { applyChange, type CaseAfterChange, type CaseFailure } from "./change";
import type { MoveHooks } from "./moves";

export type CloseOutcome = { ok: true; after: CaseAfterChange } | CaseFailure;

/**
 * Closes a pupil's record: one more event (so the history says who closed it and why), the stage frozen, every
 * running clock stopped. It runs in the pupil's queue like any move, so a move racing it is refused cleanly.
 */
export async function closeRecord(
  db: Db,
  pupilId: string,
  actor: CaseActor,
  reason: string,
  at: string,
  hooks: MoveHooks = {},
  occurredOn = at.slice(0, 10),
): Promise<CloseOutcome> {
  const changed = await applyChange(db, pupilId, { kind: "closeRecord", actor, reason, occurredOn, recordedAt: at }, hooks);
  if (!changed.ok) return changed;
  if (!changed.after) throw new Error("closing a record always appends an event");
  return { ok: true, after: changed.after };
}
