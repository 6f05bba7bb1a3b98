import type { RecordOfConcernInput } from "../../schema/inputs";
import { recordsOfConcern } from "../../schema/tables";
import { and, eq, isNull } from "drizzle-orm";
import { fromParentsOf } from "../concerns/school-inbox";
import type { PrepareForm } from "../pupil-case/forms";
import type { LoadedCase } from "../pupil-case/store";
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
      decision: concernDecision(loaded),
    };
  };

/** Raising a concern moves the pupil where the framework has that move from their stage; elsewhere it is recorded only. */
function concernDecision(loaded: LoadedCase) {
  const moves = allowedMoves(frameworkFor(loaded.state.framework), loaded.state.stage).includes("raiseConcern");
  return moves ? { move: "raiseConcern", expectedVersion: loaded.state.version, reason: null } : null;
}

/**
 * A concern a parent sent through the school's link, matched by the SENCO to the pupil it is about: it becomes that
 * pupil's Record of Concern, with the same decision a concern raised by staff makes.
 */
export const prepareParentConcernMatch =
  (concernId: string): PrepareForm =>
  async (db, loaded) => {
    const waiting = and(fromParentsOf(loaded.schoolId), eq(recordsOfConcern.id, concernId), isNull(recordsOfConcern.pupilId));
    const found = await db.select({ id: recordsOfConcern.id }).from(recordsOfConcern).where(waiting).get();
    if (!found) {
      const message = "This pupil is not at the school the concern was sent to, or the concern is already on a pupil's record";
      return { ok: false, refusal: { code: "invalid_reference", message, field: "pupilId" } };
    }
    return {
      form: { kind: "recordOfConcern", id: concernId },
      statements: [db.update(recordsOfConcern).set({ pupilId: loaded.pupilId }).where(waiting)],
      facts: {},
      decision: concernDecision(loaded),
    };
  };
