import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { localAuthorities, schools, staffSchools, staffUsers, teachingAssignments } from "../../schema/tables";
import type { Db } from "../app-env";
import { inChunks } from "../http/chunks";
import type { StaffRole } from "../../schema/vocab";

/** A named person, or a school's or LA's shared mailbox (no user; `key` tells one recipient from another). */
export type Recipient = { key: string; userId: string | null; email: string; name: string };
export type AlertAddress = { audienceRole: StaffRole; pupilId: string; schoolId: string; laId: string };

/**
 * Who reads an alert addressed to a role: the teachers who teach the pupil, the SENCOs (or heads) of the pupil's
 * school (also a teacher's alert where nobody teaches the pupil), or the officers of its LA. A few indexed reads for a whole day's alerts, not one per alert.
 */
export async function recipientsOf(db: Db, addresses: readonly AlertAddress[]): Promise<(address: AlertAddress) => Recipient[]> {
  const active = eq(staffUsers.active, true);
  const person = { key: staffUsers.id, userId: staffUsers.id, email: staffUsers.email, name: staffUsers.name };
  const wanted = (roles: StaffRole[], key: "pupilId" | "schoolId" | "laId") => addresses.filter((a) => roles.includes(a.audienceRole)).map((a) => a[key]);
  const teachers = await inChunks(wanted(["teacher"], "pupilId"), (ids) =>
    db
      .select({ ...person, group: teachingAssignments.pupilId })
      .from(teachingAssignments)
      .innerJoin(staffUsers, eq(staffUsers.id, teachingAssignments.userId))
      .where(and(inArray(teachingAssignments.pupilId, ids), eq(staffUsers.role, "teacher"), active)),
  );
  const schoolStaff = await inChunks(wanted(["senco", "head", "teacher"], "schoolId"), (ids) =>
    db
      .select({ ...person, group: staffSchools.schoolId, role: staffUsers.role })
      .from(staffSchools)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSchools.userId))
      .where(and(inArray(staffSchools.schoolId, ids), inArray(staffUsers.role, ["senco", "head"]), active)),
  );
  const officers = await inChunks(wanted(["laOfficer"], "laId"), (ids) =>
    db
      .select({ ...person, group: staffUsers.laId })
      .from(staffUsers)
      .where(and(inArray(staffUsers.laId, ids), eq(staffUsers.role, "laOfficer"), active)),
  );
  // The shared mailboxes read what the SENCOs (a school's) or the officers (an LA's) read: they outlast any one person.
  const schoolMailboxes = await inChunks(wanted(["senco", "teacher"], "schoolId"), (ids) =>
    db
      .select({ group: schools.id, mailbox: schools.mailbox, name: schools.name })
      .from(schools)
      .where(and(inArray(schools.id, ids), isNotNull(schools.mailbox))),
  );
  const laMailboxes = await inChunks(wanted(["laOfficer"], "laId"), (ids) =>
    db
      .select({ group: localAuthorities.id, mailbox: localAuthorities.mailbox, name: localAuthorities.name })
      .from(localAuthorities)
      .where(and(inArray(localAuthorities.id, ids), isNotNull(localAuthorities.mailbox))),
  );
  const mailboxes = (rows: { group: string; mailbox: string | null; name: string }[]) =>
    rows.flatMap(({ group, mailbox, name }) => (mailbox ? [{ group, key: `mailbox:${group}`, userId: null, email: mailbox, name }] : []));
  const group = (rows: (Recipient & { group: string | null })[]) => {
    const byKey = new Map<string, Recipient[]>();
    for (const { group: key, ...recipient } of rows) if (key) byKey.set(key, [...(byKey.get(key) ?? []), recipient]);
    return byKey;
  };
  const byRole = {
    teacher: group(teachers),
    senco: group([...schoolStaff.filter((s) => s.role === "senco"), ...mailboxes(schoolMailboxes)]),
    head: group(schoolStaff.filter((s) => s.role === "head")),
    laOfficer: group([...officers, ...mailboxes(laMailboxes)]),
    admin: new Map<string, Recipient[]>(),
  };
  const keyOf = { teacher: "pupilId", senco: "schoolId", head: "schoolId", laOfficer: "laId", admin: "laId" } as const;
  return (address) => {
    const found = byRole[address.audienceRole].get(address[keyOf[address.audienceRole]]) ?? [];
    // A pupil nobody is recorded as teaching: the teacher's alert goes to the school's SENCOs rather than nowhere.
    if (found.length === 0 && address.audienceRole === "teacher") return byRole.senco.get(address.schoolId) ?? [];
    return found;
  };
}
