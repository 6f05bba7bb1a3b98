import { and, desc, eq, isNull } from "drizzle-orm";
import { recordsOfConcern } from "../../schema/tables";
import type { Db } from "../app-env";

/** The register page lists this many; the oldest waiting are on the SENCO's tasks too. */
const listed = 50;

const fromParentsOf = (schoolId: string) => and(eq(recordsOfConcern.schoolId, schoolId), eq(recordsOfConcern.raisedBy, "parent"), isNull(recordsOfConcern.pupilId));

/** The concerns parents have sent through the school's link, newest first. */
export function parentConcernsOf(db: Db, schoolId: string) {
  return db
    .select({
      id: recordsOfConcern.id,
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
    db.update(recordsOfConcern).set({ acknowledgedAt: at }).where(and(one, isNull(recordsOfConcern.acknowledgedAt))),
    db.select().from(recordsOfConcern).where(one),
  ]);
  return concern ?? null;
}

/** Records the day the school contacted the parent; false if the school has no such concern. */
export async function recordParentContacted(db: Db, schoolId: string, concernId: string, on: string): Promise<boolean> {
  const updated = await db
    .update(recordsOfConcern)
    .set({ respondedOn: on })
    .where(and(fromParentsOf(schoolId), eq(recordsOfConcern.id, concernId)))
    .returning({ id: recordsOfConcern.id });
  return updated.length > 0;
}
