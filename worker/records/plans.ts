import { and, asc, desc, eq } from "drizzle-orm";
import type { PlanInput } from "../../schema/inputs";
import { interventions, planTargets, plans, pupils } from "../../schema/tables";
import type { Db } from "../app-env";
import type { PreparedForm } from "../pupil-case/forms";
import type { CaseActor } from "../workflow/decide";
import { decisionOf, invalidReference } from "./decisions";

/** Seed 000 IEP / IBP: written for the pupil's current stage and cycle, with 3 to 5 SMART targets. */
export function preparePlan(plan: PlanInput, actor: CaseActor, at: string): PreparedForm {
  const id = crypto.randomUUID();
  const { targets, decision, expectedVersion, reason, ...fields } = plan;
  return {
    facts: { kind: "plan", id, dateWritten: plan.dateWritten, reviewDate: plan.reviewDate },
    decision: decisionOf({ decision, expectedVersion, reason }),
    occurredOn: plan.dateWritten,
    // Each intervention a target names must be in the school's provision map; the first target naming it is at fault.
    references: (db, pupilId) => {
      const schoolOfPupil = db.select({ schoolId: pupils.schoolId }).from(pupils).where(eq(pupils.id, pupilId));
      const firstNaming = new Map<string, number>();
      targets.forEach((target, index) => {
        if (target.interventionId && !firstNaming.has(target.interventionId)) firstNaming.set(target.interventionId, index);
      });
      return [...firstNaming].map(([interventionId, index]) =>
        invalidReference(
          db
            .select({ id: interventions.id })
            .from(interventions)
            .where(and(eq(interventions.id, interventionId), eq(interventions.schoolId, schoolOfPupil))),
          `targets.${index}.interventionId`,
          "No such intervention in the school's provision map",
        ),
      );
    },
    rows: (db, { scope, loaded }) => [
      db.insert(plans).values({
        ...fields,
        id,
        pupilId: scope.pupilId,
        schoolId: scope.schoolId,
        stage: loaded.state.stage,
        cycle: loaded.state.cycle,
        writtenByUserId: actor.userId,
        createdAt: at,
      }),
      ...targets.map((target, position) => db.insert(planTargets).values({ ...target, id: crypto.randomUUID(), planId: id, position: position + 1 })),
    ],
  };
}

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
