import { and, eq, inArray } from "drizzle-orm";
import { staffSchools, staffUsers, teachingAssignments } from "../../schema/tables";
import type { Db } from "../app-env";
import { inChunks } from "../http/chunks";
import type { StaffRole } from "../../schema/vocab";

export type Recipient = { userId: string; email: string; name: string };
export type AlertAddress = { audienceRole: StaffRole; pupilId: string; schoolId: string; laId: string };

/**
 * Who reads an alert addressed to a role: the teachers who teach the pupil, the SENCOs (or heads) of the pupil's
 * school (also a teacher's alert where nobody teaches the pupil), or the officers of its LA. A few indexed reads for a whole day's alerts, not one per alert.
 */
export async function recipientsOf(db: Db, addresses: readonly AlertAddress[]): Promise<(address: AlertAddress) => Recipient[]> {
  const active = eq(staffUsers.active, true);
  const person = { userId: staffUsers.id, email: staffUsers.email, name: staffUsers.name };
  const wanted = (roles: StaffRole[], key: "pupilId" | "schoolId" | "laId") => addresses.filter((a) => roles.includes(a.audienceRole)).map((a) => a[key]);
  const teachers = await inChunks(wanted(["teacher"], "pupilId"), (ids) =>
    db
      .select({ ...person, key: teachingAssignments.pupilId })
      .from(teachingAssignments)
      .innerJoin(staffUsers, eq(staffUsers.id, teachingAssignments.userId))
      .where(and(inArray(teachingAssignments.pupilId, ids), eq(staffUsers.role, "teacher"), active)),
  );
  const schoolStaff = await inChunks(wanted(["senco", "head", "teacher"], "schoolId"), (ids) =>
    db
      .select({ ...person, key: staffSchools.schoolId, role: staffUsers.role })
      .from(staffSchools)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSchools.userId))
      .where(and(inArray(staffSchools.schoolId, ids), inArray(staffUsers.role, ["senco", "head"]), active)),
  );
  const officers = await inChunks(wanted(["laOfficer"], "laId"), (ids) =>
    db
      .select({ ...person, key: staffUsers.laId })
      .from(staffUsers)
      .where(and(inArray(staffUsers.laId, ids), eq(staffUsers.role, "laOfficer"), active)),
  );
  const group = (rows: (Recipient & { key: string | null })[]) => {
    const byKey = new Map<string, Recipient[]>();
    for (const { key, ...recipient } of rows) if (key) byKey.set(key, [...(byKey.get(key) ?? []), recipient]);
    return byKey;
  };
  const byRole = {
    teacher: group(teachers),
    senco: group(schoolStaff.filter((s) => s.role === "senco")),
    head: group(schoolStaff.filter((s) => s.role === "head")),
    laOfficer: group(officers),
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
