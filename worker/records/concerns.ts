import { and, eq, isNull } from "drizzle-orm";
import type { RecordOfConcernInput } from "../../schema/inputs";
import { outbox, pupils, recordsOfConcern } from "../../schema/tables";
import { outboxRow } from "../mail/outbox";
import type { Db } from "../app-env";
import { fromParentsOf } from "../concerns/school-inbox";
import type { PreparedForm } from "../pupil-case/forms";
import type { CaseActor } from "../workflow/decide";
import { invalidReference } from "./decisions";

/**
 * A member of staff records a concern (seed 000). The framework's form rules say whether it moves the pupil from
 * their current stage; otherwise the concern is recorded on its own. A teacher's concern is the SENCO's to act on:
 * the school's SENCOs are emailed the same day, in the same batch (and it is on their tasks and the register).
 */
export function prepareConcern(concern: RecordOfConcernInput, actor: CaseActor, at: string): PreparedForm {
  const id = crypto.randomUUID();
  return {
    facts: { kind: "recordOfConcern", id },
    decision: null,
    occurredOn: at.slice(0, 10),
    references: () => [],
    rows: (db, { scope }) => [
      db.insert(recordsOfConcern).values({
        ...concern,
        id,
        pupilId: scope.pupilId,
        schoolId: scope.schoolId,
        raisedBy: "staff",
        raisedByUserId: actor.userId,
        createdAt: at,
      }),
      ...(actor.role === "teacher"
        ? [
            db.insert(outbox).values(
              outboxRow({
                ...scope,
                audience: "staff",
                template: "staffConcernRaised",
                payload: { concernId: id, raisedOn: at.slice(0, 10), path: `/forms/pupils/${scope.pupilId}` },
                dedupeKey: `staff-concern-raised:${id}`,
                at,
              }),
            ),
          ]
        : []),
    ],
  };
}

/** A concern parents sent to the pupil's school, not yet on any pupil's record. */
const waitingAtSchoolOf = (db: Db, pupilId: string, concernId: string) =>
  and(
    fromParentsOf(db.select({ schoolId: pupils.schoolId }).from(pupils).where(eq(pupils.id, pupilId))),
    eq(recordsOfConcern.id, concernId),
    isNull(recordsOfConcern.pupilId),
  );

/**
 * A concern a parent sent through the school's link, matched by the SENCO to the pupil it is about: it becomes that
 * pupil's Record of Concern, with the same decision a concern raised by staff makes.
 */
export function prepareParentConcernMatch(concernId: string, at: string): PreparedForm {
  const message = "This pupil is not at the school the concern was sent to, or the concern is already on a pupil's record";
  return {
    facts: { kind: "recordOfConcern", id: concernId },
    decision: null,
    occurredOn: at.slice(0, 10),
    references: (db, pupilId) => [
      invalidReference(
        db
          .select({ id: recordsOfConcern.id })
          .from(recordsOfConcern)
          .where(waitingAtSchoolOf(db, pupilId, concernId)),
        "pupilId",
        message,
      ),
    ],
    rows: (db, { scope }) => [
      db
        .update(recordsOfConcern)
        .set({ pupilId: scope.pupilId })
        .where(waitingAtSchoolOf(db, scope.pupilId, concernId)),
    ],
  };
}
