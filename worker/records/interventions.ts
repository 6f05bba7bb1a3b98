import { and, asc, count, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { InterventionFormInput, InterventionInput, InterventionUpdate } from "../../schema/inputs";
import { interventionPupils, interventions, planTargets, plans, pupils } from "../../schema/tables";
import type { Db } from "../app-env";
import { inChunks } from "../http/chunks";
import { termCostPence } from "./intervention-costs";
import { storeOnce } from "./one-time-keys";
import { recordRefusal } from "./refusal";

/** The school's provision map (SEND Code 6.76-6.77): the interventions it runs. Names are unique within a school. */

const nameTaken = () =>
  recordRefusal({ code: "name_taken", message: "The school already has an intervention of this name", field: "name", fieldMessage: "Choose another name" });
const isNameClash = (error: unknown) =>
  /UNIQUE constraint failed: interventions/.test(error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error));

export async function listInterventions(db: Db, schoolId: string) {
  return db.select().from(interventions).where(eq(interventions.schoolId, schoolId)).orderBy(asc(interventions.name));
}

export async function readIntervention(db: Db, schoolId: string, interventionId: string) {
  return (
    (await db
      .select()
      .from(interventions)
      .where(and(eq(interventions.id, interventionId), eq(interventions.schoolId, schoolId)))
      .get()) ?? null
  );
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

/** Removes an intervention no plan or pupil has used; one a target names or a pupil was on stays on record (end it instead). */
export async function deleteIntervention(db: Db, schoolId: string, interventionId: string) {
  if (!(await readIntervention(db, schoolId, interventionId))) return "notFound" as const;
  const [[used], [attended]] = await db.batch([
    db.select({ n: count() }).from(planTargets).where(eq(planTargets.interventionId, interventionId)),
    db.select({ n: count() }).from(interventionPupils).where(eq(interventionPupils.interventionId, interventionId)),
  ]);
  if ((used && used.n > 0) || (attended && attended.n > 0)) {
    return recordRefusal({
      code: "intervention_in_use",
      message: "Plans name this intervention: mark it inactive instead",
      field: "active",
      fieldMessage: "Set active to false",
    });
  }
  await db.delete(interventions).where(and(eq(interventions.id, interventionId), eq(interventions.schoolId, schoolId)));
  return "deleted" as const;
}

/** The columns a form's intervention is stored as: its frequency in words and its term's cost, from its costing. */
export function interventionColumnsOf(input: InterventionFormInput) {
  const costing = { costBasis: input.costBasis, costPence: input.cost, sessionsPerWeek: input.sessionsPerWeek, sessionMinutes: input.sessionMinutes };
  return {
    name: input.name,
    description: input.description ?? null,
    groupSize: input.groupSize,
    staff: input.staff,
    frequency: `${input.sessionsPerWeek} ${input.sessionsPerWeek === 1 ? "session" : "sessions"} a week of ${input.sessionMinutes} minutes`,
    ...costing,
    costPerTermPence: termCostPence(costing),
  };
}

export async function saveInterventionForm(db: Db, schoolId: string, input: InterventionFormInput, at: string, interventionId?: string) {
  const columns = interventionColumnsOf(input);
  if (interventionId) return updateIntervention(db, schoolId, interventionId, columns);
  const key = input.idempotencyKey ?? null;
  const insert = () =>
    db
      .insert(interventions)
      .values({ ...columns, id: crypto.randomUUID(), schoolId, idempotencyKey: key, createdAt: at })
      .returning({ id: interventions.id });
  const sameKey = (sent: string) =>
    db
      .select({ id: interventions.id })
      .from(interventions)
      .where(and(eq(interventions.schoolId, schoolId), eq(interventions.idempotencyKey, sent)))
      .get();
  try {
    // The same form sent twice is answered with the intervention the first added (whose name it shares, too).
    const stored = await storeOnce(key, async () => (await insert())[0]!, sameKey);
    return { ok: true, intervention: await readIntervention(db, schoolId, stored.id) } as const;
  } catch (error) {
    if (isNameClash(error)) return nameTaken();
    throw error;
  }
}

/** The school stops running it: it stays on the map, marked as stopped, and its pupils come off that day. */
export async function endIntervention(db: Db, schoolId: string, interventionId: string, endedOn: string): Promise<boolean> {
  const [ended] = await db.batch([
    db
      .update(interventions)
      .set({ endedOn, active: false })
      .where(and(eq(interventions.id, interventionId), eq(interventions.schoolId, schoolId)))
      .returning({ id: interventions.id }),
    db
      .update(interventionPupils)
      .set({ endedOn })
      .where(and(eq(interventionPupils.interventionId, interventionId), eq(interventionPupils.schoolId, schoolId), isNull(interventionPupils.endedOn))),
  ]);
  return ended.length > 0;
}

/** Puts the school's open pupils among `pupilIds` on it from `startedOn`, except those already on it; the number put on. */
export async function putPupilsOn(db: Db, schoolId: string, interventionId: string, pupilIds: string[], startedOn: string): Promise<number> {
  const [eligible, already] = await db.batch([
    db
      .select({ id: pupils.id })
      .from(pupils)
      .where(and(eq(pupils.schoolId, schoolId), inArray(pupils.id, pupilIds), isNull(pupils.closedAt))),
    db
      .select({ pupilId: interventionPupils.pupilId })
      .from(interventionPupils)
      .where(and(eq(interventionPupils.interventionId, interventionId), isNull(interventionPupils.endedOn))),
  ]);
  const on = new Set(already.map((row) => row.pupilId));
  const joining = eligible.filter((pupil) => !on.has(pupil.id));
  if (!joining.length) return 0;
  const put = await db
    .insert(interventionPupils)
    .values(joining.map((pupil) => ({ id: crypto.randomUUID(), interventionId, pupilId: pupil.id, schoolId, startedOn })))
    .onConflictDoNothing()
    .returning({ id: interventionPupils.id });
  return put.length;
}

export async function takePupilOff(db: Db, schoolId: string, interventionId: string, participationId: string, endedOn: string): Promise<boolean> {
  const ended = await db
    .update(interventionPupils)
    .set({ endedOn })
    .where(
      and(
        eq(interventionPupils.id, participationId),
        eq(interventionPupils.interventionId, interventionId),
        eq(interventionPupils.schoolId, schoolId),
        isNull(interventionPupils.endedOn),
      ),
    )
    .returning({ id: interventionPupils.id });
  return ended.length > 0;
}

/** Everyone who has been on it, current first; and the school's open pupils who could join. */
export async function interventionPupilsOf(db: Db, schoolId: string, interventionId: string) {
  // Two reads, not one batch: D1's batch answers rows by column name, and both tables have an "id".
  const [members, school] = await Promise.all([
    db
      .select({
        id: interventionPupils.id,
        pupilId: pupils.id,
        givenName: pupils.givenName,
        familyName: pupils.familyName,
        startedOn: interventionPupils.startedOn,
        endedOn: interventionPupils.endedOn,
      })
      .from(interventionPupils)
      .innerJoin(pupils, eq(pupils.id, interventionPupils.pupilId))
      .where(and(eq(interventionPupils.interventionId, interventionId), eq(interventionPupils.schoolId, schoolId)))
      .orderBy(asc(pupils.familyName), asc(pupils.givenName)),
    db
      .select({ id: pupils.id, givenName: pupils.givenName, familyName: pupils.familyName, yearGroup: pupils.yearGroup })
      .from(pupils)
      .where(and(eq(pupils.schoolId, schoolId), isNull(pupils.closedAt)))
      .orderBy(asc(pupils.familyName), asc(pupils.givenName))
      .limit(1000),
  ]);
  const current = new Set(members.filter((member) => !member.endedOn).map((member) => member.pupilId));
  return { members, candidates: school.filter((pupil) => !current.has(pupil.id)) };
}

/**
 * The plan targets the intervention could deliver: those of the plans of the pupils on it now, and any already linked to
 * it; each with how the review of its plan said it went (null until reviewed).
 */
export async function interventionTargetsOf(db: Db, schoolId: string, interventionId: string) {
  const onIt = db
    .select({ pupilId: interventionPupils.pupilId })
    .from(interventionPupils)
    .where(and(eq(interventionPupils.interventionId, interventionId), eq(interventionPupils.schoolId, schoolId), isNull(interventionPupils.endedOn)));
  return db
    .select({
      id: planTargets.id,
      target: planTargets.target,
      position: planTargets.position,
      outcome: planTargets.outcome,
      linkedTo: planTargets.interventionId,
      planWritten: plans.dateWritten,
      givenName: pupils.givenName,
      familyName: pupils.familyName,
    })
    .from(planTargets)
    .innerJoin(plans, eq(plans.id, planTargets.planId))
    .innerJoin(pupils, eq(pupils.id, plans.pupilId))
    .where(and(eq(plans.schoolId, schoolId), or(inArray(plans.pupilId, onIt), eq(planTargets.interventionId, interventionId))))
    .orderBy(asc(pupils.familyName), asc(pupils.givenName), desc(plans.dateWritten), asc(planTargets.position))
    .limit(500)
    .then((rows) => rows.map(({ linkedTo, ...target }) => ({ ...target, linked: linkedTo === interventionId })));
}

/**
 * The targets among those the page showed that it delivers: the ticked ones are linked to it, the unticked ones that
 * were linked are unlinked. Only targets of the school's plans are touched; the number now linked.
 */
export async function linkTargets(db: Db, schoolId: string, interventionId: string, ticked: string[]): Promise<number> {
  const shown = await interventionTargetsOf(db, schoolId, interventionId);
  const chosen = new Set(ticked);
  const link = shown.filter((target) => chosen.has(target.id)).map((target) => target.id);
  const unlink = shown.filter((target) => target.linked && !chosen.has(target.id)).map((target) => target.id);
  await inChunks(link, async (ids) => db.update(planTargets).set({ interventionId }).where(inArray(planTargets.id, ids)).returning({ id: planTargets.id }));
  await inChunks(unlink, async (ids) =>
    db
      .update(planTargets)
      .set({ interventionId: null })
      .where(and(inArray(planTargets.id, ids), eq(planTargets.interventionId, interventionId)))
      .returning({ id: planTargets.id }),
  );
  return link.length;
}
