import { and, desc, eq } from "drizzle-orm";
import { ehcStepRecords } from "../../schema/tables";
import type { Db } from "../app-env";

/** The pupil's steps of the statutory process, newest recorded first. */
const stepsOf = (db: Db, pupilId: string) =>
  db
    .select({ id: ehcStepRecords.id, step: ehcStepRecords.step, happenedOn: ehcStepRecords.happenedOn })
    .from(ehcStepRecords)
    .where(eq(ehcStepRecords.pupilId, pupilId))
    .orderBy(desc(ehcStepRecords.recordedAt), desc(ehcStepRecords.id));

/** The step recorded last for the pupil, or null: with the pupil's version, what a step's page was drawn from. */
export async function latestEhcStepId(db: Db, pupilId: string): Promise<string | null> {
  const [latest] = await stepsOf(db, pupilId).limit(1);
  return latest?.id ?? null;
}

/** One step of this pupil's, by its id (a made-up id, or another pupil's, is null). */
export async function readEhcStep(db: Db, pupilId: string, stepId: string) {
  const [row] = await db
    .select({ step: ehcStepRecords.step, happenedOn: ehcStepRecords.happenedOn })
    .from(ehcStepRecords)
    .where(and(eq(ehcStepRecords.pupilId, pupilId), eq(ehcStepRecords.id, stepId)));
  return row ?? null;
}
