import { and, desc, eq } from "drizzle-orm";
import type { ParentMeetingInput, SpecialistInvolvementInput } from "../../schema/inputs";
import { parentMeetings, specialistInvolvements } from "../../schema/tables";
import type { Db } from "../app-env";
import type { PreparedForm } from "../pupil-case/forms";
import type { CaseActor } from "../workflow/decide";
import { decisionOf } from "./decisions";

/** SEND Code 6.65-6.71: a meeting with the parents and what was agreed; Jersey's meetParents and reviewReportsRecommendations. */
export function prepareParentMeeting(meeting: ParentMeetingInput, actor: CaseActor, at: string): PreparedForm {
  const id = crypto.randomUUID();
  const { decision, expectedVersion, reason, ...fields } = meeting;
  return {
    facts: { kind: "parentMeeting", id, heldOn: meeting.heldOn },
    decision: decisionOf({ decision, expectedVersion, reason }),
    occurredOn: meeting.heldOn,
    references: () => [],
    rows: (db, { scope }) => [
      db.insert(parentMeetings).values({ ...fields, id, pupilId: scope.pupilId, schoolId: scope.schoolId, recordedByUserId: actor.userId, createdAt: at }),
    ],
  };
}

/** SEND Code 6.58-6.59: specialists involved and their advice; Jersey's seekExternalAdvice. */
export function prepareSpecialistInvolvement(involvement: SpecialistInvolvementInput, actor: CaseActor, at: string): PreparedForm {
  const id = crypto.randomUUID();
  const { decision, expectedVersion, reason, ...fields } = involvement;
  return {
    facts: { kind: "specialistInvolvement", id, requestedOn: involvement.requestedOn },
    decision: decisionOf({ decision, expectedVersion, reason }),
    occurredOn: involvement.requestedOn,
    references: () => [],
    rows: (db, { scope }) => [
      db
        .insert(specialistInvolvements)
        .values({ ...fields, id, pupilId: scope.pupilId, schoolId: scope.schoolId, recordedByUserId: actor.userId, createdAt: at }),
    ],
  };
}

export async function listParentMeetings(db: Db, pupilId: string) {
  return db.select().from(parentMeetings).where(eq(parentMeetings.pupilId, pupilId)).orderBy(desc(parentMeetings.heldOn));
}

export async function readParentMeeting(db: Db, pupilId: string, meetingId: string) {
  return (
    (await db
      .select()
      .from(parentMeetings)
      .where(and(eq(parentMeetings.id, meetingId), eq(parentMeetings.pupilId, pupilId)))
      .get()) ?? null
  );
}

export async function readSpecialistInvolvement(db: Db, pupilId: string, involvementId: string) {
  return (
    (await db
      .select()
      .from(specialistInvolvements)
      .where(and(eq(specialistInvolvements.id, involvementId), eq(specialistInvolvements.pupilId, pupilId)))
      .get()) ?? null
  );
}

export async function listSpecialistInvolvements(db: Db, pupilId: string) {
  return db.select().from(specialistInvolvements).where(eq(specialistInvolvements.pupilId, pupilId)).orderBy(desc(specialistInvolvements.requestedOn));
}
