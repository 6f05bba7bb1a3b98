import type {
  AssessmentRequestInput,
  AuthorityDecisionInput,
  ParentMeetingInput,
  PlanInput,
  RecordOfConcernInput,
  ReviewInput,
  SpecialistInvolvementInput,
} from "../../schema/inputs";
import type { Db } from "../app-env";
import type { PreparedForm } from "../pupil-case/forms";
import type { CaseActor } from "../workflow/decide";
import { asksForAssessment } from "../workflow/frameworks";
import { gatherEvidence, prepareAssessmentRequest, prepareAuthorityDecision } from "./assessment-requests";
import { prepareConcern, prepareParentConcernMatch } from "./concerns";
import { prepareParentMeeting, prepareSpecialistInvolvement } from "./meetings";
import { preparePlan } from "./plans";
import { prepareReview } from "./reviews";

/** Every form a pupil's Durable Object writes, as plain data so it crosses the RPC boundary. */
export type FormSubmission =
  | { kind: "recordOfConcern"; input: RecordOfConcernInput }
  | { kind: "plan"; input: PlanInput }
  | { kind: "review"; input: ReviewInput }
  | { kind: "parentMeeting"; input: ParentMeetingInput }
  | { kind: "specialistInvolvement"; input: SpecialistInvolvementInput }
  | { kind: "assessmentRequest"; input: AssessmentRequestInput }
  | { kind: "authorityDecision"; requestId: string; input: AuthorityDecisionInput }
  | { kind: "parentConcernMatch"; concernId: string };

/**
 * The form as rows and facts, built before the pupil's queue is taken. Only a request for assessment (on its own form,
 * or by a review's decision) reads D1 here: the evidence it carries is everything already recorded, gathered once
 * rather than inside the queue.
 */
export async function prepareSubmission(db: Db, pupilId: string, submission: FormSubmission, actor: CaseActor, at: string): Promise<PreparedForm> {
  switch (submission.kind) {
    case "recordOfConcern":
      return prepareConcern(submission.input, actor, at);
    case "plan":
      return preparePlan(submission.input, actor, at);
    case "review":
      return prepareReview(
        submission.input,
        actor,
        at,
        submission.input.decision && asksForAssessment(submission.input.decision) ? await gatherEvidence(db, pupilId) : null,
      );
    case "parentMeeting":
      return prepareParentMeeting(submission.input, actor, at);
    case "specialistInvolvement":
      return prepareSpecialistInvolvement(submission.input, actor, at);
    case "assessmentRequest":
      return prepareAssessmentRequest(submission.input, await gatherEvidence(db, pupilId), actor);
    case "authorityDecision":
      return prepareAuthorityDecision(submission.requestId, submission.input);
    case "parentConcernMatch":
      return prepareParentConcernMatch(submission.concernId, at);
  }
}
