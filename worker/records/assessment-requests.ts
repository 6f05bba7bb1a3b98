import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { AssessmentExceptionInput, AssessmentRequestInput, AuthorityDecisionInput } from "../../schema/inputs";
import { assessmentRequests, clocks, parentMeetings, plans, reviews, specialistInvolvements } from "../../schema/tables";
import type { Db } from "../app-env";
import type { PreparedForm } from "../pupil-case/forms";
import type { CaseActor } from "../workflow/decide";
import { decisionOf } from "./decisions";

/**
 * The evidence of SEN support the LA expects with a request (SEND Code 6.63, 6.73): everything already recorded
 * for the pupil, gathered so nobody types it twice.
 */
export async function gatherEvidence(db: Db, pupilId: string) {
  const [planRows, reviewRows, specialistRows, meetingRows] = await db.batch([
    db
      .select({
        id: plans.id,
        kind: plans.kind,
        stage: plans.stage,
        cycle: plans.cycle,
        objective: plans.objective,
        dateWritten: plans.dateWritten,
        reviewDate: plans.reviewDate,
      })
      .from(plans)
      .where(eq(plans.pupilId, pupilId))
      .orderBy(plans.dateWritten),
    db
      .select({
        id: reviews.id,
        planId: reviews.planId,
        stage: reviews.stage,
        reviewDate: reviews.reviewDate,
        decision: reviews.decision,
        evaluation: reviews.evaluation,
      })
      .from(reviews)
      .where(eq(reviews.pupilId, pupilId))
      .orderBy(reviews.reviewDate),
    db
      .select({
        id: specialistInvolvements.id,
        service: specialistInvolvements.service,
        requestedOn: specialistInvolvements.requestedOn,
        seenOn: specialistInvolvements.seenOn,
        adviceSummary: specialistInvolvements.adviceSummary,
      })
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

/** The evidence a request carries: the records it named when it was made, as they read now. */
export async function evidenceOfRequest(db: Db, pupilId: string, references: readonly { kind: string; id: string }[]): Promise<Evidence> {
  const all = await gatherEvidence(db, pupilId);
  const named = new Set(references.map((reference) => `${reference.kind}:${reference.id}`));
  const carried = (kind: string) => (row: { id: string }) => named.has(`${kind}:${row.id}`);
  const planRows = all.plans.filter(carried("plan"));
  return {
    cycles: [...new Set(planRows.map((p) => p.cycle))],
    plans: planRows,
    reviews: all.reviews.filter(carried("review")),
    specialistInvolvements: all.specialistInvolvements.filter(carried("specialistInvolvement")),
    parentMeetings: all.parentMeetings.filter(carried("parentMeeting")),
  };
}

/** The statutory clocks of a request (those its framework starts or stops on it) from the day it was made, soonest due first. */
export async function requestClocks(db: Db, pupilId: string, kinds: readonly string[], requestedOn: string) {
  if (kinds.length === 0) return [];
  return db
    .select({ kind: clocks.kind, startedOn: clocks.startedOn, dueOn: clocks.dueOn, stoppedAt: clocks.stoppedAt })
    .from(clocks)
    .where(and(eq(clocks.pupilId, pupilId), inArray(clocks.kind, [...kinds]), gte(clocks.startedOn, requestedOn)))
    .orderBy(asc(clocks.dueOn));
}

export const evidenceReferences = (evidence: Evidence) => [
  ...evidence.plans.map((p) => ({ kind: "plan", id: p.id })),
  ...evidence.reviews.map((r) => ({ kind: "review", id: r.id })),
  ...evidence.specialistInvolvements.map((s) => ({ kind: "specialistInvolvement", id: s.id })),
  ...evidence.parentMeetings.map((m) => ({ kind: "parentMeeting", id: m.id })),
];

/** The school or parents ask the LA to assess: the request is opened by the decider, of its framework's kind, with the evidence gathered beforehand. */
export function prepareAssessmentRequest(request: AssessmentRequestInput, evidence: Evidence, actor: CaseActor): PreparedForm {
  const id = crypto.randomUUID();
  const { decision, expectedVersion, reason, requestedBy, requestedOn, reasons } = request;
  const opening = {
    id,
    requestedBy,
    requestedOn,
    parentsConsultedOn: request.parentsConsultedOn ?? null,
    reasons,
    evidence: evidenceReferences(evidence),
    createdByUserId: actor.userId,
    idempotencyKey: request.idempotencyKey ?? null,
  };
  return {
    facts: { kind: "assessmentRequest", id, requestedOn, opening },
    decision: decisionOf({ decision, expectedVersion, reason }),
    occurredOn: requestedOn,
    references: () => [],
    rows: () => [],
  };
}

/**
 * The LA's decision on a request. What it records on the request (laDecision, laDecisionOn, planIssuedOn) is the
 * workflow's to say (transition.ts): this form brings no rows of its own.
 */
export function prepareAuthorityDecision(requestId: string, decision: AuthorityDecisionInput): PreparedForm {
  return {
    facts: { kind: "assessmentRequest", id: requestId, decidedOn: decision.decidedOn, planIssuedOn: decision.planIssuedOn ?? null },
    decision: { move: decision.decision, expectedVersion: decision.expectedVersion, reason: decision.reason ?? null },
    occurredOn: decision.decidedOn,
    references: (db, pupilId) => [
      {
        exists: db
          .select({ id: assessmentRequests.id })
          .from(assessmentRequests)
          .where(and(eq(assessmentRequests.id, requestId), eq(assessmentRequests.pupilId, pupilId))),
        refusal: { code: "record_not_found", message: "No such assessment request for this pupil" },
      },
    ],
    rows: () => [],
  };
}

/**
 * SEND Regulations 2014, reg 10(4): an exception to the time limits, appended in SQL so two never overwrite each other.
 * The same exception on the same day is kept once, so a form sent twice records it once.
 */
export async function recordAssessmentException(db: Db, pupilId: string, requestId: string, exception: AssessmentExceptionInput): Promise<boolean> {
  const entry = JSON.stringify({ reason: exception.reason, recordedOn: exception.recordedOn });
  const exceptions = assessmentRequests.exceptions;
  const updated = await db
    .update(assessmentRequests)
    .set({
      exceptions: sql`CASE WHEN EXISTS (SELECT 1 FROM json_each(${exceptions}) WHERE json_extract(value, '$.reason') = ${exception.reason} AND json_extract(value, '$.recordedOn') = ${exception.recordedOn}) THEN ${exceptions} ELSE json_insert(${exceptions}, '$[#]', json(${entry})) END`,
    })
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
