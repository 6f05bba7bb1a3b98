import { inArray } from "drizzle-orm";
import { schools } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { schoolAccess } from "../auth/policy";
import { listPupils } from "../pupils/queries";

export type HomeLink = { href: string; label: string };

/** A teacher's home lists this many of their pupils; the rest are a page further through the API. */
const teacherPupils = 100;

/**
 * Where each member of staff starts: a SENCO or head at each school's SEN register and staff, a teacher at the pupils
 * they teach, an LA officer at the LA's dashboard and officers, an admin at the directory and the outbox.
 */
export async function staffHomeLinks(db: Db, caller: StaffCaller): Promise<{ places: HomeLink[]; pupils: HomeLink[] }> {
  if (caller.role === "admin") {
    return {
      places: [
        { href: "/staff/admin", label: "Local authorities and schools" },
        { href: "/staff/admin/outbox", label: "The outbox" },
      ],
      pupils: [],
    };
  }
  if (caller.role === "laOfficer") {
    const places = [
      { href: "/dashboard/la", label: "The local authority's dashboard" },
      { href: "/forms/la/settings", label: "The local authority's settings: timescales, alerts and closure days" },
      { href: "/forms/audit", label: "The audit log" },
    ];
    if (caller.laId) places.push({ href: `/staff/las/${caller.laId}/officers`, label: "The local authority's officers" });
    return { places, pupils: [] };
  }
  const ids = caller.schoolIds.length ? caller.schoolIds : [""];
  const own = await db.select({ id: schools.id, laId: schools.laId, name: schools.name }).from(schools).where(inArray(schools.id, ids)).orderBy(schools.name);
  const findAPupil = (school: (typeof own)[number]) => ({ href: `/forms/schools/${school.id}/pupils`, label: `Find a pupil: ${school.name}` });
  if (caller.role === "teacher") {
    const { pupils } = await listPupils(db, caller, { limit: teacherPupils });
    return {
      places: own.map(findAPupil),
      pupils: pupils.map((pupil) => ({ href: `/forms/pupils/${pupil.id}`, label: `${pupil.familyName}, ${pupil.givenName}` })),
    };
  }
  const places = own.flatMap((school) => [
    findAPupil(school),
    ...(schoolAccess(caller, school, "readRegister") === "granted"
      ? [
          { href: `/forms/schools/${school.id}/tasks`, label: `My tasks: ${school.name}` },
          { href: `/dashboard/schools/${school.id}`, label: `SEN register: ${school.name}` },
          { href: `/dashboard/schools/${school.id}/provision-map`, label: `Provision map: ${school.name}` },
        ]
      : []),
    ...(schoolAccess(caller, school, "manageStaff") === "granted" ? [{ href: `/staff/schools/${school.id}/staff`, label: `Staff: ${school.name}` }] : []),
  ]);
  if (caller.role === "head") places.push({ href: "/forms/audit", label: "The audit log" });
  return { places, pupils: [] };
}
