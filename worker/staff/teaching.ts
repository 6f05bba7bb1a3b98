import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { TeachingChange } from "../../schema/inputs";
import { invitationTeaching, pupils, teachingAssignments } from "../../schema/tables";
import type { YearGroup } from "../../schema/vocab";
import type { Db } from "../app-env";
import { inBatches, inChunks } from "../http/chunks";

/**
 * Who teaches whom (issue 17): the rows worker/auth/policy.ts reads to let a teacher see a pupil. A SENCO or head sets
 * them in bulk (a year group, a class list) or one by one; only open records of the teacher's school are taught. A
 * teacher still invited is given pupils the same way: the rows are kept against the invitation until it is accepted.
 */

/** A teacher with an account, or one whose invitation is still open. */
export type Teacher = { userId: string } | { invitationId: string };

/** The pupil ids the teacher (or invitation) teaches, of the school. */
function taughtRows(db: Db, schoolId: string, teacher: Teacher) {
  if ("userId" in teacher) {
    return db
      .select({ pupilId: teachingAssignments.pupilId })
      .from(teachingAssignments)
      .innerJoin(pupils, eq(pupils.id, teachingAssignments.pupilId))
      .where(and(eq(teachingAssignments.userId, teacher.userId), eq(pupils.schoolId, schoolId)));
  }
  return db
    .select({ pupilId: invitationTeaching.pupilId })
    .from(invitationTeaching)
    .innerJoin(pupils, eq(pupils.id, invitationTeaching.pupilId))
    .where(and(eq(invitationTeaching.invitationId, teacher.invitationId), eq(pupils.schoolId, schoolId)));
}

function teach(db: Db, teacher: Teacher, pupilId: string) {
  return "userId" in teacher
    ? db.insert(teachingAssignments).values({ userId: teacher.userId, pupilId }).onConflictDoNothing().returning({ pupilId: teachingAssignments.pupilId })
    : db
        .insert(invitationTeaching)
        .values({ invitationId: teacher.invitationId, pupilId })
        .onConflictDoNothing()
        .returning({ pupilId: invitationTeaching.pupilId });
}

const pupilColumns = { id: pupils.id, upn: pupils.upn, givenName: pupils.givenName, familyName: pupils.familyName, yearGroup: pupils.yearGroup };
export type TeachablePupil = { id: string; upn: string; givenName: string; familyName: string; yearGroup: YearGroup };

/** The school's open records by year group and name, each saying whether the teacher teaches them. */
export async function teachingOf(db: Db, schoolId: string, teacher: Teacher): Promise<(TeachablePupil & { taught: boolean })[]> {
  const [all, taught] = await db.batch([
    db
      .select(pupilColumns)
      .from(pupils)
      .where(and(eq(pupils.schoolId, schoolId), isNull(pupils.closedAt)))
      .orderBy(asc(pupils.yearGroup), asc(pupils.familyName), asc(pupils.givenName))
      .limit(2000),
    taughtRows(db, schoolId, teacher),
  ]);
  const taughtIds = new Set(taught.map((row) => row.pupilId));
  return all.map((pupil) => ({ ...pupil, taught: taughtIds.has(pupil.id) }));
}

export type TeachingResult = { added: number; unknownUpns: string[] };

/**
 * Adds the pupils the change names; a class list naming a pupil the school does not have comes back in `unknownUpns`
 * and nothing is added, so a mistyped list is corrected rather than half applied.
 */
export async function assignPupils(db: Db, schoolId: string, teacher: Teacher, change: TeachingChange): Promise<TeachingResult> {
  const open = and(eq(pupils.schoolId, schoolId), isNull(pupils.closedAt));
  const read = (clause: SQL) => db.select({ id: pupils.id, upn: pupils.upn }).from(pupils).where(and(open, clause)).limit(2000);
  const found = [
    ...(await inChunks(change.pupilIds ?? [], (ids) => read(inArray(pupils.id, ids)))),
    ...(change.yearGroup ? await read(eq(pupils.yearGroup, change.yearGroup)) : []),
    ...(await inChunks(change.upns ?? [], (upns) => read(inArray(pupils.upn, upns)))),
  ];
  const upnsFound = new Set(found.map((pupil) => pupil.upn));
  const unknownUpns = (change.upns ?? []).filter((upn) => !upnsFound.has(upn));
  if (unknownUpns.length) return { added: 0, unknownUpns };
  const inserted = await inBatches(
    [...new Set(found.map((pupil) => pupil.id))].map((pupilId) => teach(db, teacher, pupilId)),
    (batch) => db.batch(batch),
  );
  return { added: inserted.flat().length, unknownUpns: [] };
}

/** Stops the teacher teaching these pupils of the school (other schools' pupils are never touched). */
export async function unassignPupils(db: Db, schoolId: string, teacher: Teacher, pupilIds: string[]) {
  await inChunks(pupilIds, async (ids) => {
    const ofSchool = db
      .select({ id: pupils.id })
      .from(pupils)
      .where(and(eq(pupils.schoolId, schoolId), inArray(pupils.id, ids)));
    if ("userId" in teacher)
      await db.delete(teachingAssignments).where(and(eq(teachingAssignments.userId, teacher.userId), inArray(teachingAssignments.pupilId, ofSchool)));
    else
      await db.delete(invitationTeaching).where(and(eq(invitationTeaching.invitationId, teacher.invitationId), inArray(invitationTeaching.pupilId, ofSchool)));
    return [];
  });
}
