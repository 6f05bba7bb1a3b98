import { and, desc, eq } from "drizzle-orm";
import type { ReviewInput } from "../../schema/inputs";
import { planTargets, plans, reviews } from "../../schema/tables";
import type { Db } from "../app-env";
import type { PreparedForm } from "../pupil-case/forms";
import type { CaseActor } from "../workflow/decide";
import type { Decider, FrameworkDefinition } from "../workflow/definition";
import { decisionsOnForm } from "../workflow/transition";
import { evidenceReferences, type Evidence } from "./assessment-requests";
import { invalidReference } from "./decisions";

/**
 * Seed 000 Review of Progress, the 2014 review, the Jersey review. The outcome of each target of the plan under
 * review is written to that plan's targets in the same batch as the review and its decision.
 */
export function prepareReview(review: ReviewInput, actor: CaseActor, at: string, evidence: Evidence | null = null): PreparedForm {
  const planId = review.planId ?? null;
  const id = crypto.randomUUID();
  const { targetOutcomes, decision, expectedVersion, reason, ...fields } = review;
  // Where the decision asks the LA to assess (the 2001 Code), the review opens the request: its reasons are the
  // review's, its evidence everything recorded and this review.
  const opening = evidence && {
    id: crypto.randomUUID(),
    requestedBy: "school" as const,
    requestedOn: review.reviewDate,
    parentsConsultedOn: null,
    reasons: reason ?? review.evaluation,
    evidence: [...evidenceReferences(evidence), { kind: "review", id }],
    createdByUserId: actor.userId,
  };
  return {
    facts: { kind: "review", id, planId, reviewDate: review.reviewDate, ...(opening ? { opening } : {}) },
    decision: decision && expectedVersion !== undefined ? { move: decision, expectedVersion, reason: reason ?? null } : null,
    occurredOn: review.reviewDate,
    references: (db, pupilId) => {
      if (!planId) return [];
      const planOfPupil = and(eq(plans.id, planId), eq(plans.pupilId, pupilId));
      return [
        invalidReference(db.select({ id: plans.id }).from(plans).where(planOfPupil), "planId", "No such plan is recorded for this pupil"),
        ...targetOutcomes.map((outcome, index) =>
          invalidReference(
            db
              .select({ id: planTargets.id })
              .from(planTargets)
              .innerJoin(plans, eq(plans.id, planTargets.planId))
              .where(and(eq(planTargets.id, outcome.targetId), planOfPupil)),
            `targetOutcomes.${index}.targetId`,
            "No such target in the plan under review",
          ),
        ),
      ];
    },
    rows: (db, { scope, loaded }) => [
      db.insert(reviews).values({
        ...fields,
        planId,
        id,
        pupilId: scope.pupilId,
        schoolId: scope.schoolId,
        stage: loaded.state.stage,
        decision: decision ?? null,
        recordedByUserId: actor.userId,
        createdAt: at,
      }),
      ...(planId
        ? targetOutcomes.map((o) =>
            db
              .update(planTargets)
              .set({ outcome: o.outcome, outcomeData: o.outcomeData ?? null })
              .where(and(eq(planTargets.id, o.targetId), eq(planTargets.planId, planId))),
          )
        : []),
    ],
  };
}

/** The decisions a review can record now, worded as the seed prints them, for the party the caller decides for. */
export function reviewOptions(framework: FrameworkDefinition, stage: string, decidedBy: Decider) {
  return decisionsOnForm(framework, stage, "review", decidedBy).map((id) => {
    const move = framework.moves[id]!;
    return { decision: id, label: move.label, source: move.source, obligations: move.obligations ?? [] };
  });
}

export async function listReviews(db: Db, pupilId: string) {
  return db.select().from(reviews).where(eq(reviews.pupilId, pupilId)).orderBy(desc(reviews.reviewDate), desc(reviews.createdAt));
}

export async function readReview(db: Db, pupilId: string, reviewId: string) {
  return (
    (await db
      .select()
      .from(reviews)
      .where(and(eq(reviews.id, reviewId), eq(reviews.pupilId, pupilId)))
      .get()) ?? null
  );
}
