import { and, asc, count, eq } from "drizzle-orm";
import type { InterventionInput, InterventionUpdate } from "../../schema/inputs";
import { interventions, planTargets } from "../../schema/tables";
import type { Db } from "../app-env";
import { recordRefusal } from "./refusal";

/** The school's provision map (SEND Code 6.76-6.77): the interventions it runs. Names are unique within a school. */

const nameTaken = () =>
  recordRefusal({ code: "name_taken", message: "The school already has an intervention of this name", field: "name", fieldMessage: "Choose another name" });
const isNameClash = (error: unknown) => /UNIQUE constraint failed: interventions/.test(error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error));

export async function listInterventions(db: Db, schoolId: string) {
  return db.select().from(interventions).where(eq(interventions.schoolId, schoolId)).orderBy(asc(interventions.name));
}

export async function readIntervention(db: Db, schoolId: string, interventionId: string) {
  return (await db.select().from(interventions).where(and(eq(interventions.id, interventionId), eq(interventions.schoolId, schoolId))).get()) ?? null;
}

export async function createIntervention(db: Db, schoolId: string, input: InterventionInput, at: string) {
  const id = crypto.randomUUID();
  try {
    await db.insert(interventions).values({ ...input, id, schoolId, createdAt: at });
  } catch (error) {
    if (isNameClash(error)) return nameTaken();
    throw error;
  }
  return { ok: true, intervention: await readIntervention(db, schoolId, id) } as const;
}

export async function updateIntervention(db: Db, schoolId: string, interventionId: string, changes: InterventionUpdate) {
  try {
    const updated = await db
      .update(interventions)
      .set(changes)
      .where(and(eq(interventions.id, interventionId), eq(interventions.schoolId, schoolId)))
      .returning();
    return { ok: true, intervention: updated[0] ?? null } as const;
  } catch (error) {
    if (isNameClash(error)) return nameTaken();
    throw error;
  }
}

/** Removes an intervention no plan has used; one a target names stays on record (mark it inactive instead). */
export async function deleteIntervention(db: Db, schoolId: string, interventionId: string) {
  if (!(await readIntervention(db, schoolId, interventionId))) return "notFound" as const;
  const [used] = await db.select({ n: count() }).from(planTargets).where(eq(planTargets.interventionId, interventionId));
  if (used && used.n > 0) {
    return recordRefusal({ code: "intervention_in_use", message: "Plans name this intervention: mark it inactive instead", field: "active", fieldMessage: "Set active to false" });
  }
  await db.delete(interventions).where(and(eq(interventions.id, interventionId), eq(interventions.schoolId, schoolId)));
  return "deleted" as const;
}
