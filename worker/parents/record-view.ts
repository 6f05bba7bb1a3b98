import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { clocks, drsReferrals, parentViews, planTargets, plans, pupilEvents, reviews } from "../../schema/tables";
import type { Db } from "../app-env";
import { answerable } from "../drs/parent-answer";
import type { PupilRow } from "../pupils/queries";
import { frameworkFor } from "../workflow/frameworks";

/**
 * What a parent's link shows: the current plan with its targets, the dates coming up, the reviews and decisions made.
 * Left out on purpose: staff's reasons and notes on moves, who recorded what, concern notes and specialists' advice
 * (shared with parents by the school in person, SEND Code 6.58-6.59), and everything about other children.
 */
export async function parentRecordView(db: Db, pupil: PupilRow) {
  const framework = frameworkFor(pupil.framework);
  const stageLabel = (stage: string | null) => (stage ? (framework.stages[stage]?.label ?? stage) : null);
  const [plan] = await db.select().from(plans).where(eq(plans.pupilId, pupil.id)).orderBy(desc(plans.dateWritten), desc(plans.createdAt)).limit(1);
  const [targets, reviewRows, events, running, referrals, views] = await db.batch([
    db
      .select()
      .from(planTargets)
      .where(eq(planTargets.planId, plan?.id ?? ""))
      .orderBy(asc(planTargets.position)),
    db
      .select({
        reviewDate: reviews.reviewDate,
        stage: reviews.stage,
        evaluation: reviews.evaluation,
        decision: reviews.decision,
        parentViews: reviews.parentViews,
      })
      .from(reviews)
      .where(eq(reviews.pupilId, pupil.id))
      .orderBy(desc(reviews.reviewDate)),
    db
      .select({ at: pupilEvents.at, move: pupilEvents.move, fromStage: pupilEvents.fromStage, toStage: pupilEvents.toStage })
      .from(pupilEvents)
      .where(eq(pupilEvents.pupilId, pupil.id))
      .orderBy(desc(pupilEvents.seq)),
    db
      .select({ kind: clocks.kind, dueOn: clocks.dueOn })
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupil.id), isNull(clocks.stoppedAt)))
      .orderBy(asc(clocks.dueOn)),
    db
      .select({
        id: drsReferrals.id,
        currentStep: drsReferrals.currentStep,
        parentMediation: drsReferrals.parentMediation,
        parentMediationOn: drsReferrals.parentMediationOn,
      })
      .from(drsReferrals)
      .where(and(eq(drsReferrals.pupilId, pupil.id), inArray(drsReferrals.currentStep, answerable))),
    db.select().from(parentViews).where(eq(parentViews.pupilId, pupil.id)).orderBy(desc(parentViews.submittedAt)),
  ]);
  return {
    child: { givenName: pupil.givenName, familyName: pupil.familyName, stage: stageLabel(pupil.stage), framework: framework.name },
    plan: plan
      ? {
          id: plan.id,
          objective: plan.objective,
          baseline: plan.baseline,
          supportAtHome: plan.supportAtHome,
          dateWritten: plan.dateWritten,
          reviewDate: plan.reviewDate,
          targets: targets.map((t) => ({
            target: t.target,
            successCriteria: t.successCriteria,
            methods: t.methods,
            deliveredBy: t.deliveredBy,
            groupSize: t.groupSize,
            frequency: t.frequency,
            outcome: t.outcome,
          })),
        }
      : null,
    datesComingUp: running.map((r) => ({ what: humanise(r.kind), dueOn: r.dueOn })),
    reviews: reviewRows.map((r) => ({ ...r, stage: stageLabel(r.stage), decision: r.decision ? (framework.moves[r.decision]?.label ?? r.decision) : null })),
    decisions: events.map((e) => ({
      on: e.at.slice(0, 10),
      decision: framework.moves[e.move]?.label ?? humanise(e.move),
      from: stageLabel(e.fromStage),
      to: stageLabel(e.toStage),
    })),
    /** Referrals still being made, so the parent's answer may still be given or changed. */
    mediation: referrals.map((r) => ({ referralId: r.id, answer: r.parentMediation, answeredOn: r.parentMediationOn })),
    viewsGiven: views.map((v) => ({
      submittedAt: v.submittedAt,
      whatIsGoingWell: v.whatIsGoingWell,
      concerns: v.concerns,
      childViews: v.childViews,
      questionsForReview: v.questionsForReview,
    })),
  };
}
export type ParentRecordView = Awaited<ReturnType<typeof parentRecordView>>;

/** "reviewsTwiceYearly" reads "Reviews twice yearly". */
const humanise = (camel: string) => {
  const words = camel
    .replace(/([A-Z])/g, " $1")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
