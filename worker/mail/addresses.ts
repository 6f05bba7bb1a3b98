import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { localAuthorities, parentLinks, recordsOfConcern, schools, staffSchools, staffUsers } from "../../schema/tables";
import type { Db } from "../app-env";

type Addressable = {
  audience: "parents" | "authority" | "staff";
  recipientUserId: string | null;
  pupilId: string | null;
  schoolId: string | null;
  laId: string | null;
};

/**
 * The addresses a queued message goes to when it was queued by role rather than by person (a move's notification):
 * the parents' addresses on record for the pupil, the LA's officers and mailbox, or the school's SENCOs, heads and
 * mailbox. Empty when nobody is on record.
 */
export async function addressesFor(db: Db, message: Addressable): Promise<{ userId: string | null; email: string }[]> {
  if (message.recipientUserId) {
    const user = await db
      .select({ email: staffUsers.email })
      .from(staffUsers)
      .where(and(eq(staffUsers.id, message.recipientUserId), eq(staffUsers.active, true)))
      .get();
    return user ? [{ userId: message.recipientUserId, email: user.email }] : [];
  }
  if (message.audience === "authority" && message.laId) {
    const [officers, [la]] = await db.batch([
      db
        .select({ userId: staffUsers.id, email: staffUsers.email })
        .from(staffUsers)
        .where(and(eq(staffUsers.laId, message.laId), eq(staffUsers.role, "laOfficer"), eq(staffUsers.active, true))),
      db.select({ mailbox: localAuthorities.mailbox }).from(localAuthorities).where(eq(localAuthorities.id, message.laId)),
    ]);
    return withMailbox(officers, la?.mailbox);
  }
  if (message.audience === "staff" && message.schoolId) {
    const [staff, [school]] = await db.batch([
      db
        .select({ userId: staffUsers.id, email: staffUsers.email })
        .from(staffSchools)
        .innerJoin(staffUsers, eq(staffUsers.id, staffSchools.userId))
        .where(and(eq(staffSchools.schoolId, message.schoolId), inArray(staffUsers.role, ["senco", "head"]), eq(staffUsers.active, true))),
      db.select({ mailbox: schools.mailbox }).from(schools).where(eq(schools.id, message.schoolId)),
    ]);
    return withMailbox(staff, school?.mailbox);
  }
  if (message.audience === "parents" && message.pupilId) {
    const [links, concerns] = await db.batch([
      db
        .select({ email: parentLinks.parentEmail })
        .from(parentLinks)
        .where(and(eq(parentLinks.pupilId, message.pupilId), isNull(parentLinks.revokedAt), isNotNull(parentLinks.parentEmail))),
      db
        .select({ email: recordsOfConcern.parentEmail })
        .from(recordsOfConcern)
        .where(and(eq(recordsOfConcern.pupilId, message.pupilId), isNotNull(recordsOfConcern.parentEmail)))
        .orderBy(desc(recordsOfConcern.createdAt))
        .limit(1),
    ]);
    const emails = new Set([...links, ...concerns].flatMap((row) => (row.email ? [row.email.toLowerCase()] : [])));
    return [...emails].map((email) => ({ userId: null, email }));
  }
  return [];
}

/** The shared mailbox beside the named people, once even if one of them uses the same address. */
function withMailbox(people: { userId: string | null; email: string }[], mailbox: string | null | undefined) {
  return mailbox && !people.some((person) => person.email === mailbox) ? [...people, { userId: null, email: mailbox }] : people;
}
