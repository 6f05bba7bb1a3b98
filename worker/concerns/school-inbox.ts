import { and, asc, desc, eq, isNull, or, sql, type SQLWrapper } from "drizzle-orm";
import { pupils, recordsOfConcern } from "../../schema/tables";
import type { Db } from "../app-env";

/** The register page lists this many; the oldest waiting are on the SENCO's tasks too. */
const listed = 50;

/** The concerns parents sent through a school's link (matched to a pupil since, or not). */
export const fromParentsOf = (schoolId: string | SQLWrapper) => and(eq(recordsOfConcern.schoolId, schoolId), eq(recordsOfConcern.raisedBy, "parent"));

/** The concerns parents have sent through the school's link, newest first. */
export function parentConcernsOf(db: Db, schoolId: string) {
  return db
    .select({
      id: recordsOfConcern.id,
      pupilId: recordsOfConcern.pupilId,
      reference: recordsOfConcern.reference,
      childName: recordsOfConcern.childName,
      childYearGroup: recordsOfConcern.childYearGroup,
      createdAt: recordsOfConcern.createdAt,
      respondBy: recordsOfConcern.respondBy,
      acknowledgedAt: recordsOfConcern.acknowledgedAt,
      respondedOn: recordsOfConcern.respondedOn,
    })
    .from(recordsOfConcern)
    .where(fromParentsOf(schoolId))
    .orderBy(desc(recordsOfConcern.createdAt))
    .limit(listed);
}

/**
 * A parent's concern as the SENCO or head opens it. The first opening is when the school read it: the parent's
 * status page says so from then on.
 */
export async function openParentConcern(db: Db, schoolId: string, concernId: string, at: string) {
  const one = and(fromParentsOf(schoolId), eq(recordsOfConcern.id, concernId));
  const [, [concern]] = await db.batch([
    db
      .update(recordsOfConcern)
      .set({ acknowledgedAt: at })
      .where(and(one, isNull(recordsOfConcern.acknowledgedAt))),
    db.select().from(recordsOfConcern).where(one),
  ]);
  return concern ?? null;
}

/** How many pupils the matching form offers. */
const candidatesShown = 20;

/**
 * The school's pupils a parent's concern may be about: born on the day the parent gave, or with the family name the
 * child's name ends with. The SENCO chooses; nothing is matched by itself.
 */
export function matchCandidates(db: Db, concern: { schoolId: string; childName: string | null; childDateOfBirth: string | null }) {
  const familyName = concern.childName?.trim().split(/\s+/).at(-1) ?? "";
  return db
    .select({
      id: pupils.id,
      givenName: pupils.givenName,
      familyName: pupils.familyName,
      dateOfBirth: pupils.dateOfBirth,
      yearGroup: pupils.yearGroup,
      upn: pupils.upn,
    })
    .from(pupils)
    .where(
      and(
        eq(pupils.schoolId, concern.schoolId),
        isNull(pupils.closedAt),
        or(concern.childDateOfBirth ? eq(pupils.dateOfBirth, concern.childDateOfBirth) : sql`0`, sql`lower(${pupils.familyName}) = lower(${familyName})`),
      ),
    )
    .orderBy(asc(pupils.familyName), asc(pupils.givenName))
    .limit(candidatesShown);
}

export type MatchCandidate = Awaited<ReturnType<typeof matchCandidates>>[number];

/** Records the day the school contacted the parent; false if the school has no such concern. */
export async function recordParentContacted(db: Db, schoolId: string, concernId: string, on: string): Promise<boolean> {
  const updated = await db
    .update(recordsOfConcern)
    .set({ respondedOn: on })
    .where(and(fromParentsOf(schoolId), eq(recordsOfConcern.id, concernId)))
    .returning({ id: recordsOfConcern.id });
  return updated.length > 0;
}
