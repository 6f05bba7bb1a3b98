import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { PlanInput } from "../../schema/inputs";
import { interventions, planTargets, plans } from "../../schema/tables";
import type { Db } from "../app-env";
import type { PrepareForm } from "../pupil-case/forms";
import type { MoveCommand } from "../workflow/transition";
import { decisionOf, invalidReference } from "./decisions";

/** Seed 000 IEP / IBP: written for the pupil's current stage and cycle, with 3 to 5 SMART targets. */
export const preparePlan =
  (plan: PlanInput, actor: MoveCommand["actor"], at: string): PrepareForm =>
  async (db, loaded) => {
    const named = [...new Set(plan.targets.flatMap((t) => (t.interventionId ? [t.interventionId] : [])))];
    const ofSchool = named.length
      ? await db
          .select({ id: interventions.id })
          .from(interventions)
          .where(and(inArray(interventions.id, named), eq(interventions.schoolId, loaded.schoolId)))
      : [];
    const known = new Set(ofSchool.map((row) => row.id));
    const foreign = plan.targets.findIndex((t) => t.interventionId && !known.has(t.interventionId));
    if (foreign >= 0) return invalidReference(`targets.${foreign}.interventionId`, "No such intervention in the school's provision map");

    const id = crypto.randomUUID();
    const { targets, decision, expectedVersion, reason, ...fields } = plan;
    return {
      form: { kind: "plan", id },
      statements: [
        db.insert(plans).values({
          ...fields,
          id,
          pupilId: loaded.pupilId,
          schoolId: loaded.schoolId,
          stage: loaded.state.stage,
          cycle: loaded.state.cycle,
          writtenByUserId: actor.userId,
          createdAt: at,
        }),
        ...targets.map((target, position) =>
          db.insert(planTargets).values({ ...target, id: crypto.randomUUID(), planId: id, position: position + 1 }),
        ),
      ],
      facts: { dateWritten: plan.dateWritten, reviewDate: plan.reviewDate },
      decision: decisionOf({ decision, expectedVersion, reason }),
    };
  };

export async function listPlans(db: Db, pupilId: string) {
  return db.select().from(plans).where(eq(plans.pupilId, pupilId)).orderBy(desc(plans.dateWritten), desc(plans.createdAt));
}

/** One plan of this pupil, with its targets in order; null if the pupil has no such plan. */
export async function readPlan(db: Db, pupilId: string, planId: string) {
  const plan = await db
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.pupilId, pupilId)))
    .get();
  if (!plan) return null;
  const targets = await db.select().from(planTargets).where(eq(planTargets.planId, planId)).orderBy(asc(planTargets.position));
  return { ...plan, targets };
}
