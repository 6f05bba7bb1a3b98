import { and, eq } from "drizzle-orm";
import { pupilTransfers, pupils, schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { storeAudit, type AuditRecord } from "../audit/record";
import type { CaseActor } from "../workflow/decide";
import { applyChange, type CaseAfterChange, type CaseFailure } from "./change";
import type { MoveHooks } from "./moves";

export type TransferOutcome = { ok: true; after: CaseAfterChange } | CaseFailure;

const notPending = { ok: false, refusal: { code: "transfer_not_pending", message: "This transfer is not waiting to be accepted" } } as const;

/**
 * The receiving school accepts a transfer: one event in the child's history, the record and its running clocks moved
 * to the new school and LA, the transfer marked accepted, and an audit entry in each school's log, in one batch. It
 * runs in the pupil's queue, so a move or a closure racing it is refused cleanly.
 */
export async function acceptTransfer(
  db: Db,
  transferId: string,
  actor: CaseActor,
  at: string,
  audits: { leaving: AuditRecord; receiving: AuditRecord },
  hooks: MoveHooks = {},
): Promise<TransferOutcome> {
  const transfer = await db
    .select()
    .from(pupilTransfers)
    .where(and(eq(pupilTransfers.id, transferId), eq(pupilTransfers.status, "pending")))
    .get();
  if (!transfer) return notPending;
  const [[from], [to], [child]] = await db.batch([
    db.select({ name: schools.name, urn: schools.urn }).from(schools).where(eq(schools.id, transfer.fromSchoolId)),
    db
      .select({ id: schools.id, laId: schools.laId, name: schools.name, urn: schools.urn, framework: schools.framework })
      .from(schools)
      .where(eq(schools.id, transfer.toSchoolId)),
    db.select({ upn: pupils.upn }).from(pupils).where(eq(pupils.id, transfer.pupilId)),
  ]);
  if (!from || !to || !child) return notPending;
  const clash = await db
    .select({ id: pupils.id })
    .from(pupils)
    .where(and(eq(pupils.schoolId, to.id), eq(pupils.upn, child.upn)))
    .get();
  if (clash) return { ok: false, refusal: { code: "upn_on_register", message: "A pupil with this UPN is already on the receiving school's register" } };
  const reason = `Transferred from ${from.name} (URN ${from.urn}) to ${to.name} (URN ${to.urn})`;
  const changed = await applyChange(
    db,
    transfer.pupilId,
    { kind: "transferSchool", actor, to: { schoolId: to.id, laId: to.laId, framework: to.framework }, reason, occurredOn: at.slice(0, 10), recordedAt: at },
    {
      audit: audits.leaving,
      rows: () => ({
        statements: [
          db
            .update(pupilTransfers)
            .set({ status: "accepted", acceptedByUserId: actor.userId, acceptedAt: at })
            .where(and(eq(pupilTransfers.id, transfer.id), eq(pupilTransfers.status, "pending"))),
          storeAudit(db, audits.receiving),
        ],
      }),
      ...(hooks.onWriteConflict ? { onWriteConflict: hooks.onWriteConflict } : {}),
    },
  );
  if (!changed.ok) return changed;
  if (!changed.after) throw new Error("accepting a transfer always appends an event");
  return { ok: true, after: changed.after };
}

export type TransferEnding = "cancelled" | "declined";
export type EndOutcome = { ok: true } | { ok: false; refusal: typeof notPending.refusal };

/**
 * The leaving school cancels a waiting transfer, or the receiving school declines it: nothing of the record moves, the
 * transfer is marked, and each school's audit log says who ended it. It runs in the pupil's queue, so it cannot race
 * an acceptance: whichever comes first wins, and the other is told the transfer is no longer waiting.
 */
export async function endTransfer(
  db: Db,
  transferId: string,
  ending: TransferEnding,
  actor: CaseActor,
  at: string,
  audits: { leaving: AuditRecord; receiving: AuditRecord },
): Promise<EndOutcome> {
  const waiting = await db
    .select({ id: pupilTransfers.id })
    .from(pupilTransfers)
    .where(and(eq(pupilTransfers.id, transferId), eq(pupilTransfers.status, "pending")))
    .get();
  if (!waiting) return notPending;
  await db.batch([
    db
      .update(pupilTransfers)
      .set({ status: ending, endedByUserId: actor.userId, endedAt: at })
      .where(and(eq(pupilTransfers.id, transferId), eq(pupilTransfers.status, "pending"))),
    storeAudit(db, audits.leaving),
    storeAudit(db, audits.receiving),
  ]);
  return { ok: true };
}
