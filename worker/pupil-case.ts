import { DurableObject } from "cloudflare:workers";
import type { DrsReferralInput, DrsStepInput } from "../schema/inputs";
import type { AuditRecord } from "./audit/record";
import { openDb } from "./db";
import { openReferral, recordStep, type DrsActor, type DrsOutcome } from "./pupil-case/drs";
import { submitForm, type FormOutcome } from "./pupil-case/forms";
import { applyMove, logUnsavedMove, type MoveOutcome } from "./pupil-case/moves";
import { SerialQueue } from "./pupil-case/serial-queue";
import { preparerFor, type FormSubmission } from "./records/submissions";
import type { MoveCommand } from "./workflow/transition";

/**
 * One per pupil (named by the pupil's id): the single writer of that pupil's stage. Every change runs through one
 * queue, so moves and the forms that carry them apply strictly one at a time even while they await D1.
 */
export class PupilCase extends DurableObject<Env> {
  private readonly queue = new SerialQueue();
  /** Batches D1 refused because another writer got there first; with the queue working this stays 0. */
  private writeConflicts = 0;

  private readonly countConflict = () => {
    this.writeConflicts += 1;
  };

  /** A move, written with the caller's audit entry; a refusal is logged after the pupil's queue moves on. */
  async move(pupilId: string, command: MoveCommand, at: string, audit: AuditRecord): Promise<MoveOutcome> {
    const db = openDb(this.env.DB);
    const outcome = await this.queue.run(() => applyMove(db, pupilId, command, at, audit, { onWriteConflict: this.countConflict }));
    return logUnsavedMove(db, audit, outcome);
  }

  /** A form, the decision it records (if any) and every effect of both, in one batch. */
  submitForm(pupilId: string, submission: FormSubmission, actor: MoveCommand["actor"], at: string): Promise<FormOutcome> {
    return this.queue.run(() =>
      submitForm(openDb(this.env.DB), pupilId, preparerFor(submission, actor, at), actor, at, { onWriteConflict: this.countConflict }),
    );
  }

  openDrsReferral(referral: DrsReferralInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
    return this.queue.run(() => openReferral(openDb(this.env.DB), referral, actor, at));
  }

  recordDrsStep(pupilId: string, referralId: string, step: DrsStepInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
    return this.queue.run(() => recordStep(openDb(this.env.DB), pupilId, referralId, step, actor, at));
  }

  serialisation(): { maxConcurrentWrites: number; writeConflicts: number } {
    return { maxConcurrentWrites: this.queue.maxConcurrent, writeConflicts: this.writeConflicts };
  }
}

export function pupilCaseFor(env: Env, pupilId: string) {
  return env.PUPIL_CASE.get(env.PUPIL_CASE.idFromName(pupilId));
}
