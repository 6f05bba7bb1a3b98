import type { RecordOfConcernInput } from "../../schema/inputs";
import { recordsOfConcern } from "../../schema/tables";
import type { PrepareForm } from "../pupil-case/forms";
import { frameworkFor } from "../workflow/frameworks";
import { allowedMoves, type MoveCommand } from "../workflow/transition";

/**
 * A member of staff records a concern (seed 000). Where the framework lets the pupil move on a concern from their
 * current stage, the concern and the move are written together; otherwise the concern is recorded on its own.
 */
export const prepareConcern =
  (concern: RecordOfConcernInput, actor: MoveCommand["actor"], at: string): PrepareForm =>
  async (db, loaded) => {
    const id = crypto.randomUUID();
    const moves = allowedMoves(frameworkFor(loaded.state.framework), loaded.state.stage).includes("raiseConcern");
    return {
      form: { kind: "recordOfConcern", id },
      statements: [
        db.insert(recordsOfConcern).values({
          ...concern,
          id,
          pupilId: loaded.pupilId,
          schoolId: loaded.schoolId,
          raisedBy: "staff",
          raisedByUserId: actor.userId,
          createdAt: at,
        }),
      ],
      facts: {},
      decision: moves ? { move: "raiseConcern", expectedVersion: loaded.state.version, reason: null } : null,
    };
  };
