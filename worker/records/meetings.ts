import { and, desc, eq } from "drizzle-orm";
import type { ParentMeetingInput, SpecialistInvolvementInput } from "../../schema/inputs";
import { parentMeetings, specialistInvolvements } from "../../schema/tables";
import type { Db } from "../app-env";
import type { PrepareForm } from "../pupil-case/forms";
import type { MoveCommand } from "../workflow/transition";
import { decisionOf } from "./decisions";

/** SEND Code 6.65-6.71: a meeting with the parents and what was agreed; Jersey's meetParents and reviewReportsRecommendations. */
export const prepareParentMeeting =
  (meeting: ParentMeetingInput, actor: MoveCommand["actor"], at: string): PrepareForm =>
  async (db, loaded) => {
    const id = crypto.randomUUID();
    const { decision, expectedVersion, reason, ...fields } = meeting;
    return {
      form: { kind: "parentMeeting", id },
      statements: [
        db.insert(parentMeetings).values({ ...fields, id, pupilId: loaded.pupilId, schoolId: loaded.schoolId, recordedByUserId: actor.userId, createdAt: at }),
      ],
      facts: { heldOn: meeting.heldOn },
      decision: decisionOf({ decision, expectedVersion, reason }),
    };
  };

/** SEND Code 6.58-6.59: specialists involved and their advice; Jersey's seekExternalAdvice. */
export const prepareSpecialistInvolvement =
  (involvement: SpecialistInvolvementInput, actor: MoveCommand["actor"], at: string): PrepareForm =>
  async (db, loaded) => {
    const id = crypto.randomUUID();
    const { decision, expectedVersion, reason, ...fields } = involvement;
    return {
      form: { kind: "specialistInvolvement", id },
      statements: [
        db
          .insert(specialistInvolvements)
          .values({ ...fields, id, pupilId: loaded.pupilId, schoolId: loaded.schoolId, recordedByUserId: actor.userId, createdAt: at }),
      ],
      facts: { requestedOn: involvement.requestedOn },
      decision: decisionOf({ decision, expectedVersion, reason }),
    };
  };

export async function listParentMeetings(db: Db, pupilId: string) {
  return db.select().from(parentMeetings).where(eq(parentMeetings.pupilId, pupilId)).orderBy(desc(parentMeetings.heldOn));
}

export async function readParentMeeting(db: Db, pupilId: string, meetingId: string) {
  return (await db.select().from(parentMeetings).where(and(eq(parentMeetings.id, meetingId), eq(parentMeetings.pupilId, pupilId))).get()) ?? null;
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
