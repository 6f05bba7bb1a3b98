import { DurableObject } from "cloudflare:workers";
import type { RecordOfConcernInput } from "../schema/inputs";
import { openDb } from "./http/db";
import { applyMove, raiseConcern, type ConcernOutcome, type MoveOutcome } from "./pupil-case/moves";
import { SerialQueue } from "./pupil-case/serial-queue";
import type { MoveCommand } from "./workflow/transition";

/**
 * One per pupil (named by the pupil's id): the single writer of that pupil's stage. Every change runs through one
 * queue, so moves apply strictly one at a time even while they await D1.
 */
export class PupilCase extends DurableObject<Env> {
  private readonly queue = new SerialQueue();
  /** Batches D1 refused because another writer got there first; with the queue working this stays 0. */
  private writeConflicts = 0;

  private readonly countConflict = () => {
    this.writeConflicts += 1;
  };

  move(pupilId: string, command: MoveCommand, at: string): Promise<MoveOutcome> {
    return this.queue.run(() => applyMove(openDb(this.env.DB), pupilId, command, at, { onWriteConflict: this.countConflict }));
  }

  raiseConcern(pupilId: string, concern: RecordOfConcernInput, actor: MoveCommand["actor"], at: string): Promise<ConcernOutcome> {
    return this.queue.run(() => raiseConcern(openDb(this.env.DB), pupilId, concern, actor, at, { onWriteConflict: this.countConflict }));
  }

  serialisation(): { maxConcurrentWrites: number; writeConflicts: number } {
    return { maxConcurrentWrites: this.queue.maxConcurrent, writeConflicts: this.writeConflicts };
  }
}

export function pupilCaseFor(env: Env, pupilId: string) {
  return env.PUPIL_CASE.get(env.PUPIL_CASE.idFromName(pupilId));
}
