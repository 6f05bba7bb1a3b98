import { and, desc, eq, sql } from "drizzle-orm";
import type { AssessmentExceptionInput, AssessmentRequestInput, AuthorityDecisionInput } from "../../schema/inputs";
import { assessmentRequests, parentMeetings, plans, reviews, specialistInvolvements } from "../../schema/tables";
import type { Db } from "../app-env";
import type { PrepareForm } from "../pupil-case/forms";
import { frameworkFor } from "../workflow/frameworks";
import type { MoveCommand } from "../workflow/transition";
import { decisionOf } from "./decisions";

/**
 * The evidence of SEN support the LA expects with a request (SEND Code 6.63, 6.73): everything already recorded
 * for the pupil, gathered so nobody types it twice.
 */
export async function gatherEvidence(db: Db, pupilId: string) {
  const [planRows, reviewRows, specialistRows, meetingRows] = await db.batch([
    db
      .select({ id: plans.id, kind: plans.kind, stage: plans.stage, cycle: plans.cycle, objective: plans.objective, dateWritten: plans.dateWritten, reviewDate: plans.reviewDate })
      .from(plans)
      .where(eq(plans.pupilId, pupilId))
      .orderBy(plans.dateWritten),
    db
      .select({ id: reviews.id, planId: reviews.planId, stage: reviews.stage, reviewDate: reviews.reviewDate, decision: reviews.decision, evaluation: reviews.evaluation })
      .from(reviews)
      .where(eq(reviews.pupilId, pupilId))
      .orderBy(reviews.reviewDate),
    db
      .select({ id: specialistInvolvements.id, service: specialistInvolvements.service, requestedOn: specialistInvolvements.requestedOn, seenOn: specialistInvolvements.seenOn, adviceSummary: specialistInvolvements.adviceSummary })
      .from(specialistInvolvements)
      .where(eq(specialistInvolvements.pupilId, pupilId))
      .orderBy(specialistInvolvements.requestedOn),
    db
      .select({ id: parentMeetings.id, heldOn: parentMeetings.heldOn, outcomesAgreed: parentMeetings.outcomesAgreed })
      .from(parentMeetings)
      .where(eq(parentMeetings.pupilId, pupilId))
      .orderBy(parentMeetings.heldOn),
  ]);
  const cycles = [...new Set(planRows.map((p) => p.cycle))];
  return { cycles, plans: planRows, reviews: reviewRows, specialistInvolvements: specialistRows, parentMeetings: meetingRows };
}

export type Evidence = Awaited<ReturnType<typeof gatherEvidence>>;

export const evidenceReferences = (evidence: Evidence) => [
  ...evidence.plans.map((p) => ({ kind: "plan", id: p.id })),
  ...evidence.reviews.map((r) => ({ kind: "review", id: r.id })),
  ...evidence.specialistInvolvements.map((s) => ({ kind: "specialistInvolvement", id: s.id })),
  ...evidence.parentMeetings.map((m) => ({ kind: "parentMeeting", id: m.id })),
];

/** The school or parents ask the LA to assess; the kind of request is the framework's. */
export const prepareAssessmentRequest =
  (request: AssessmentRequestInput, actor: MoveCommand["actor"], at: string): PrepareForm =>
  async (db, loaded) => {
    const id = crypto.randomUUID();
    const evidence = await gatherEvidence(db, loaded.pupilId);
    const { decision, expectedVersion, reason, ...fields } = request;
    return {
      form: { kind: "assessmentRequest", id },
      statements: [
        db.insert(assessmentRequests).values({
          ...fields,
          id,
          pupilId: loaded.pupilId,
          schoolId: loaded.schoolId,
          laId: loaded.laId,
          kind: frameworkFor(loaded.state.framework).assessmentRequestKind,
          evidence: evidenceReferences(evidence),
          createdByUserId: actor.userId,
          createdAt: at,
        }),
      ],
      facts: { requestedOn: request.requestedOn },
      decision: decisionOf({ decision, expectedVersion, reason }),
    };
  };

/** The LA's decision on a request, recorded on it (laDecision, laDecisionOn, planIssuedOn) with the move it makes. */
export const prepareAuthorityDecision =
  (requestId: string, decision: AuthorityDecisionInput): PrepareForm =>
  async (db, loaded) => {
    const found = await readAssessmentRequest(db, loaded.pupilId, requestId);
    if (!found) return { ok: false, refusal: { code: "record_not_found", message: "No such assessment request for this pupil" } };
    const framework = frameworkFor(loaded.state.framework);
    const move = Object.hasOwn(framework.moves, decision.decision) ? framework.moves[decision.decision] : undefined;
    return {
      form: { kind: "assessmentRequest", id: requestId },
      statements: [
        db
          .update(assessmentRequests)
          .set({
            laDecisionOn: decision.decidedOn,
            ...(move?.assessmentDecision ? { laDecision: move.assessmentDecision } : {}),
            ...(move?.issuesPlan ? { planIssuedOn: decision.planIssuedOn ?? decision.decidedOn } : {}),
          })
          .where(and(eq(assessmentRequests.id, requestId), eq(assessmentRequests.pupilId, loaded.pupilId))),
      ],
      facts: { decidedOn: decision.decidedOn },
      decision: { move: decision.decision, expectedVersion: decision.expectedVersion, reason: decision.reason ?? null },
    };
  };

/** SEND Regulations 2014, reg 10(4): an exception to the time limits, appended in SQL so two never overwrite each other. */
export async function recordAssessmentException(db: Db, pupilId: string, requestId: string, exception: AssessmentExceptionInput): Promise<boolean> {
  const entry = JSON.stringify({ reason: exception.reason, recordedOn: exception.recordedOn });
  const updated = await db
    .update(assessmentRequests)
    .set({ exceptions: sql`json_insert(${assessmentRequests.exceptions}, '$[#]', json(${entry}))` })
    .where(and(eq(assessmentRequests.id, requestId), eq(assessmentRequests.pupilId, pupilId)))
    .returning({ id: assessmentRequests.id });
  return updated.length > 0;
}

export async function listAssessmentRequests(db: Db, pupilId: string) {
  return db.select().from(assessmentRequests).where(eq(assessmentRequests.pupilId, pupilId)).orderBy(desc(assessmentRequests.requestedOn));
}

export async function readAssessmentRequest(db: Db, pupilId: string, requestId: string) {
  return (
    (await db
      .select()
      .from(assessmentRequests)
      .where(and(eq(assessmentRequests.id, requestId), eq(assessmentRequests.pupilId, pupilId)))
      .get()) ?? null
  );
}
