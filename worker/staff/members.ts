import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { localAuthorities, pupils, schools, staffSchools, staffUsers, teachingAssignments } from "../../schema/tables";
import type { StaffRole } from "../../schema/vocab";
import type { Db } from "../app-env";

/** The people with access to a school or an LA, and the changes a head, SENCO or LA officer makes to them (issue 17). */

const memberColumns = {
  userId: staffUsers.id,
  name: staffUsers.name,
  email: staffUsers.email,
  role: staffUsers.role,
  lastSignedInAt: staffUsers.lastSignedInAt,
};
export type Member = { userId: string; name: string; email: string; role: StaffRole; lastSignedInAt: string | null };

/** Everyone who can sign in to the school, by name. */
export function schoolMembers(db: Db, schoolId: string): Promise<Member[]> {
  return db
    .select(memberColumns)
    .from(staffSchools)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSchools.userId))
    .where(and(eq(staffSchools.schoolId, schoolId), eq(staffUsers.active, true)))
    .orderBy(asc(staffUsers.name));
}

/** Everyone who can sign in as an officer of the LA, by name. */
export function laOfficers(db: Db, laId: string): Promise<Member[]> {
  return db
    .select(memberColumns)
    .from(staffUsers)
    .where(and(eq(staffUsers.laId, laId), eq(staffUsers.role, "laOfficer"), eq(staffUsers.active, true)))
    .orderBy(asc(staffUsers.name));
}

/** A member of the school or LA, or null: someone elsewhere is not found here. */
export async function findMember(db: Db, where: { schoolId: string } | { laId: string }, userId: string): Promise<Member | null> {
  const members = "schoolId" in where ? await schoolMembers(db, where.schoolId) : await laOfficers(db, where.laId);
  return members.find((member) => member.userId === userId) ?? null;
}

/** Tokens carry the role, so a new role also ends every session: the person signs in again as what they now are. */
export async function changeRole(db: Db, userId: string, role: StaffRole) {
  await db
    .update(staffUsers)
    .set({ role, tokenVersion: sql`${staffUsers.tokenVersion} + 1` })
    .where(eq(staffUsers.id, userId));
}

/**
 * A leaver: their sign-in stops at once (the token version rises, and without another school the account is
 * inactive); what they recorded, and the audit log of what they did, stay. Only their teaching of this school's
 * pupils goes, as access rather than record.
 */
export async function removeFromSchool(db: Db, userId: string, schoolId: string) {
  const elsewhere = await db
    .select({ schoolId: staffSchools.schoolId })
    .from(staffSchools)
    .where(and(eq(staffSchools.userId, userId), ne(staffSchools.schoolId, schoolId)))
    .limit(1);
  const schoolPupils = db.select({ id: pupils.id }).from(pupils).where(eq(pupils.schoolId, schoolId));
  await db.batch([
    db.delete(teachingAssignments).where(and(eq(teachingAssignments.userId, userId), inArray(teachingAssignments.pupilId, schoolPupils))),
    db.delete(staffSchools).where(and(eq(staffSchools.userId, userId), eq(staffSchools.schoolId, schoolId))),
    db
      .update(staffUsers)
      .set({ active: elsewhere.length > 0, tokenVersion: sql`${staffUsers.tokenVersion} + 1` })
      .where(eq(staffUsers.id, userId)),
  ]);
}

/** An officer who leaves the LA: the account is inactive and every token refused. */
export async function removeOfficer(db: Db, userId: string) {
  await db
    .update(staffUsers)
    .set({ active: false, tokenVersion: sql`${staffUsers.tokenVersion} + 1` })
    .where(eq(staffUsers.id, userId));
}

export async function setSchoolMailbox(db: Db, schoolId: string, mailbox: string | null) {
  await db.update(schools).set({ mailbox }).where(eq(schools.id, schoolId));
}

export async function setLaMailbox(db: Db, laId: string, mailbox: string | null) {
  await db.update(localAuthorities).set({ mailbox }).where(eq(localAuthorities.id, laId));
}
