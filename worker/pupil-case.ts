import { DurableObject } from "cloudflare:workers";
import type { DrsReferralInput, DrsStepInput, EhcStepInput } from "../schema/inputs";
import type { Db } from "./app-env";
import type { AuditRecord } from "./audit/record";
import { openDb } from "./db";
import { closeRecord, type CloseOutcome } from "./pupil-case/close";
import { openReferral, recordStep, type DrsActor, type DrsOutcome } from "./pupil-case/drs";
import { recordEhcStep, type EhcStepOutcome } from "./pupil-case/ehc-steps";
import { submitForm, type FormOutcome } from "./pupil-case/forms";
import { applyMove, logUnsavedMove, type MoveOutcome } from "./pupil-case/moves";
import { SerialQueue } from "./pupil-case/serial-queue";
import { acceptTransfer, endTransfer, type EndOutcome, type TransferEnding, type TransferOutcome } from "./pupil-case/transfer";
import { prepareSubmission, type FormSubmission } from "./records/submissions";
import type { CaseActor } from "./workflow/decide";
import type { MoveCommand } from "./workflow/transition";

/**
 * One per pupil (named by the pupil's id): the single writer of that pupil's case. Every change (a move, a form, a
 * DRS step, closing the record) runs through one queue, so they apply strictly one at a time even while they await D1.
 */
export class PupilCase extends DurableObject<Env> {
  private readonly queue = new SerialQueue();
  /** Batches D1 refused because another writer got there first; with the queue working this stays 0. */
  private writeConflicts = 0;

  private readonly countConflict = () => {
    this.writeConflicts += 1;
  };

  private db(): Db {
    return openDb(this.env.DB);
  }

  /** A move, written with the caller's audit entry; a refusal is logged after the pupil's queue moves on. */
  async move(pupilId: string, command: MoveCommand, at: string, audit: AuditRecord, occurredOn?: string): Promise<MoveOutcome> {
    const db = this.db();
    const outcome = await this.queue.run(() => applyMove(db, pupilId, command, at, audit, { onWriteConflict: this.countConflict }, occurredOn));
    return logUnsavedMove(db, audit, outcome);
  }

  /** A form, the decision it records (if any), every effect of both and the caller's audit entry, in one batch. */
  async submitForm(pupilId: string, submission: FormSubmission, actor: CaseActor, at: string, audit: AuditRecord | null = null): Promise<FormOutcome> {
    const db = this.db();
    const form = await prepareSubmission(db, pupilId, submission, actor, at);
    const outcome = await this.queue.run(() => submitForm(db, pupilId, form, actor, at, { onWriteConflict: this.countConflict, audit }));
    return audit ? logUnsavedMove(db, audit, outcome) : outcome;
  }

  openDrsReferral(referral: DrsReferralInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
    return this.queue.run(() => openReferral(this.db(), referral, actor, at));
  }

  recordDrsStep(pupilId: string, referralId: string, step: DrsStepInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
    return this.queue.run(() => recordStep(this.db(), pupilId, referralId, step, actor, at));
  }

  /** A step of the EHC process (mediation, draft plan, review and its sequels) and the clocks it stops and starts. */
  recordEhcStep(pupilId: string, input: EhcStepInput, actor: CaseActor, at: string): Promise<EhcStepOutcome> {
    return this.queue.run(() => recordEhcStep(this.db(), pupilId, input, actor, at));
  }

  /** Closing the record appends its event through the same queue as every move, so a race is a refusal, never a 500. */
  closeRecord(pupilId: string, actor: CaseActor, reason: string, at: string, occurredOn?: string): Promise<CloseOutcome> {
    return this.queue.run(() => closeRecord(this.db(), pupilId, actor, reason, at, { onWriteConflict: this.countConflict }, occurredOn));
  }

  /** The receiving school takes the record (issue 18); a refused acceptance is logged in the leaving school's audit. */
  async acceptTransfer(transferId: string, actor: CaseActor, at: string, audits: { leaving: AuditRecord; receiving: AuditRecord }): Promise<TransferOutcome> {
    const db = this.db();
    const outcome = await this.queue.run(() => acceptTransfer(db, transferId, actor, at, audits, { onWriteConflict: this.countConflict }));
    return logUnsavedMove(db, audits.receiving, outcome);
  }

  /** The leaving school cancels, or the receiving school declines, a waiting transfer: in the queue, so never racing an acceptance. */
  endTransfer(
    transferId: string,
    ending: TransferEnding,
    actor: CaseActor,
    at: string,
    audits: { leaving: AuditRecord; receiving: AuditRecord },
  ): Promise<EndOutcome> {
    return this.queue.run(() => endTransfer(this.db(), transferId, ending, actor, at, audits));
  }

  serialisation(): { maxConcurrentWrites: number; writeConflicts: number } {
    return { maxConcurrentWrites: this.queue.maxConcurrent, writeConflicts: this.writeConflicts };
  }
}

export function pupilCaseFor(env: Env, pupilId: string) {
  return env.PUPIL_CASE.get(env.PUPIL_CASE.idFromName(pupilId));
}
