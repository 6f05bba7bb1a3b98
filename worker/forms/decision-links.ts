import type { StaffCaller } from "../app-env";
import { pupilAccess } from "../auth/policy";
import type { PupilRow } from "../pupils/queries";
import { formKinds, type FormKind } from "../../schema/vocab";
import { frameworkFor } from "../workflow/frameworks";
import { followsLatestReview, nextDecision, openDecisions } from "../workflow/open-decisions";
import { isMoveOf } from "../workflow/ids";
import { partyOf } from "../workflow/transition";
import type { DecisionLink } from "./templates/decisions-open";

/** Each form kind's name and the page of the pupil's forms that records it (null: no page records it yet). */
const formPages: Record<FormKind, { name: string; saved: string; path: string | null; print?: string }> = {
  recordOfConcern: { name: "Record of Concern", saved: "Record of Concern recorded", path: "concern", print: "concerns" },
  plan: { name: "plan", saved: "Plan recorded", path: "plan", print: "plans" },
  review: { name: "review of progress", saved: "Review recorded", path: "review", print: "reviews" },
  parentMeeting: { name: "record of the meeting with parents", saved: "Meeting with parents recorded", path: "parent-meeting" },
  specialistInvolvement: { name: "record of specialist involvement", saved: "Specialist involvement recorded", path: "specialist-involvement" },
  assessmentRequest: { name: "assessment request", saved: "Assessment request recorded", path: "assessment-request" },
};

/**
 * The decisions open to the caller now, each linked to the page that records it: a form's page, the saved Record of
 * Concern where the SENCO's action is recorded on it, the LA's decision page on the latest assessment request, or the
 * confirmation page of a decision with no form (or of the LA's decision following the latest review).
 */
export function decisionLinks(
  caller: StaffCaller,
  pupil: PupilRow,
  latest: { concernId?: string | null; requestId?: string | null; reviewId?: string | null } = {},
): DecisionLink[] {
  const latestConcernId = latest.concernId ?? null;
  if (pupilAccess(caller, pupil, true, "move") !== "granted") return [];
  const framework = frameworkFor(pupil.framework);
  const party = partyOf(caller.role);
  return openDecisions(framework, pupil.stage, party, pupil.cycle).map((decision) => {
    const base = `/forms/pupils/${pupil.id}`;
    if (decision.form === null) return { ...decision, href: `${base}/decisions/${decision.move}`, formName: null };
    const page = formPages[decision.form];
    // A concern raised from where a case starts is a new Record of Concern; any later action is taken on the one saved.
    const decidesOnSavedConcern =
      decision.form === "recordOfConcern" && latestConcernId !== null && !framework.moves[decision.move]?.from.includes(framework.initialStage);
    if (decidesOnSavedConcern) return { ...decision, href: `/print/pupils/${pupil.id}/concerns/${latestConcernId}#senco-action`, formName: page.name };
    // The LA decides on the request the school made: on the latest request's own decision page.
    if (decision.form === "assessmentRequest" && party === "authority") {
      return {
        ...decision,
        href: latest.requestId ? `${base}/assessment-requests/${latest.requestId}/decision` : null,
        formName: "LA's decision on the assessment request",
      };
    }
    // The LA decides on the school's latest review (keeping or ceasing a plan): a confirmation page citing it.
    if (followsLatestReview(decision, party))
      return { ...decision, href: latest.reviewId ? `${base}/decisions/${decision.move}` : null, formName: "LA's decision following the latest review" };
    // The school's form pages record the school's decisions.
    const href = page.path && party === "school" ? `${base}/${page.path}` : null;
    return { ...decision, href, formName: page.name };
  });
}

/** The banner after a save (a form kind, or a decision of the pupil's framework): what, the stage now, and what is next. */
export function savedSummary(
  pupil: PupilRow,
  saved: string,
  formId: string | null,
): { what: string; stage: string; next: string | null; printHref: string | null } | null {
  const framework = frameworkFor(pupil.framework);
  const form = formKinds.find((kind) => kind === saved);
  const print = form && formPages[form].print;
  // The print view checks the record is this pupil's: a made-up id here is only a link to a "not found" page.
  const printHref = print && formId && /^[\w-]{1,64}$/.test(formId) ? `/print/pupils/${pupil.id}/${print}/${formId}` : null;
  const what = form ? formPages[form].saved : isMoveOf(framework, saved) ? `Decision recorded: ${framework.moves[saved]!.label}` : null;
  if (!what) return null;
  const next = nextDecision(framework, pupil.stage);
  return { what, stage: framework.stages[pupil.stage]?.label ?? pupil.stage, next: next ? next.label : null, printHref };
}
