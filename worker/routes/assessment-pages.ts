import { Hono, type Context } from "hono";
import { pupilFormParam } from "../../schema/inputs";
import { assessmentExceptionForm, authorityDecisionForm, type RequestDateBounds } from "../../schema/staff-forms/authority-decision";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { pupilAccess } from "../auth/policy";
import { deadlineView } from "../drs/queries";
import { postedFields } from "../forms/http";
import { checkForm, type FormError } from "../forms/shared/check-form";
import { pupilRecord, refusalsAsErrors, today } from "../forms/staff-pages";
import {
  assessmentExceptionPage,
  assessmentRequestViewPage,
  authorityDecisionPage,
  timeLimitExceptionLabels,
  type AssessmentRequestRow,
} from "../forms/templates/assessment-decision";
import { decisionNotSavedPage } from "../forms/templates/decisions-open";
import { emptyForm, withErrors } from "../html";
import { notFound } from "../http/errors";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import { evidenceOfRequest, readAssessmentRequest, recordAssessmentException, requestClocks } from "../records/assessment-requests";
import { readPupil, type PupilRow } from "../pupils/queries";
import { frameworkFor } from "../workflow/frameworks";
import { assessmentRequestClocks } from "../workflow/open-decisions";
import { decisionsOnForm } from "../workflow/transition";

const day = () => new Date().toISOString().slice(0, 10);

/** The LA's decisions the framework records on a request at the pupil's stage, in its words; none if the caller makes none. */
function authorityDecisions(c: Context<AppEnv>, pupil: PupilRow) {
  if (pupilAccess(c.var.caller, pupil, true, "decideForAuthority") !== "granted") return [];
  const framework = frameworkFor(pupil.framework);
  return decisionsOnForm(framework, pupil.stage, "assessmentRequest", "authority").map((decision) => ({ decision, label: framework.moves[decision]!.label }));
}

async function requestOf(c: Context<AppEnv>, pupil: PupilRow, formId: string): Promise<AssessmentRequestRow> {
  const request = await readAssessmentRequest(c.var.db, pupil.id, formId);
  if (!request) throw notFound("Assessment request");
  return request;
}

const boundsOf = (request: AssessmentRequestRow): RequestDateBounds => ({ requestedOn: request.requestedOn, today: day() });
const requestHref = (pupil: PupilRow, request: AssessmentRequestRow) => `/forms/pupils/${pupil.id}/assessment-requests/${request.id}`;
const savedWords = { exception: "Exception to the time limits recorded" } as const;

/**
 * An assessment request as a page (its reasons, the evidence it carries, its state and deadlines), and the LA
 * officer's two forms on it: the LA's decision, through the pupil's object as the JSON API records it
 * (worker/routes/assessments.ts), and an exception to the time limits (SEND Regulations 2014, reg 10(4)).
 * Mounted inside staffFormPages, whose middleware signs the caller in.
 */
export const assessmentPages = new Hono<AppEnv>()
  .get("/pupils/:id/assessment-requests/:formId", validate("param", pupilFormParam), async (c) => {
    const { id, formId } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "read");
    const request = await requestOf(c, pupil, formId);
    const [evidence, clocks] = await Promise.all([
      evidenceOfRequest(c.var.db, pupil.id, request.evidence),
      requestClocks(c.var.db, pupil.id, assessmentRequestClocks(frameworkFor(pupil.framework)), request.requestedOn),
    ]);
    const saved = c.req.query("saved");
    return c.html(
      assessmentRequestViewPage(await pupilRecord(c, pupil), {
        request,
        evidence,
        deadlines: clocks.map((clock) => deadlineView(clock, day())),
        decisions: authorityDecisions(c, pupil),
        mayRecordExceptions: pupilAccess(c.var.caller, pupil, true, "decideForAuthority") === "granted",
        saved: saved === "exception" ? savedWords.exception : null,
      }),
    );
  })
  .get("/pupils/:id/assessment-requests/:formId/decision", validate("param", pupilFormParam), async (c) => {
    const { id, formId } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "decideForAuthority");
    const request = await requestOf(c, pupil, formId);
    const record = await pupilRecord(c, pupil);
    const decisions = authorityDecisions(c, pupil);
    if (!decisions.length) return c.html(decisionNotSavedPage(record, "notOpen"), 409);
    return c.html(authorityDecisionPage(record, request, decisions, pupil.version, emptyForm(today("decidedOn"))));
  })
  .post("/pupils/:id/assessment-requests/:formId/decision", validate("param", pupilFormParam), async (c) => {
    const { id, formId } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "decideForAuthority");
    const request = await requestOf(c, pupil, formId);
    const record = await pupilRecord(c, pupil);
    const fields = await postedFields(c.req);
    const checked = checkForm(authorityDecisionForm(boundsOf(request)), fields);
    const decisions = authorityDecisions(c, pupil);
    const versionSeen = checked.ok ? checked.output.expectedVersion : Number(fields.expectedVersion);
    // The pupil moved on since the page was drawn: the decision may no longer be open, and nothing is saved.
    if (versionSeen !== pupil.version) return c.html(decisionNotSavedPage(record, "changed"), 409);
    if (!decisions.length) return c.html(decisionNotSavedPage(record, "notOpen"), 409);
    const rerender = (errors: FormError[]) => c.html(authorityDecisionPage(record, request, decisions, pupil.version, withErrors(fields, errors)), 422);
    if (!checked.ok) return rerender(checked.errors);
    const saved = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "authorityDecision", requestId: request.id, input: checked.output }));
    if (!saved.ok) {
      const now = await readPupil(c.var.db, pupil.id);
      if (now && now.version !== pupil.version) return c.html(decisionNotSavedPage({ ...record, pupil: now }, "changed"), 409);
      return rerender(saved.errors);
    }
    return c.redirect(`/forms/pupils/${pupil.id}?saved=${encodeURIComponent(checked.output.decision)}`, 303);
  })
  .get("/pupils/:id/assessment-requests/:formId/exception", validate("param", pupilFormParam), async (c) => {
    const { id, formId } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "decideForAuthority");
    const request = await requestOf(c, pupil, formId);
    return c.html(assessmentExceptionPage(await pupilRecord(c, pupil), request, emptyForm(today("recordedOn"))));
  })
  .post("/pupils/:id/assessment-requests/:formId/exception", validate("param", pupilFormParam), async (c) => {
    const { id, formId } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "decideForAuthority");
    const request = await requestOf(c, pupil, formId);
    const fields = await postedFields(c.req);
    const checked = checkForm(assessmentExceptionForm(boundsOf(request)), fields);
    if (!checked.ok) return c.html(assessmentExceptionPage(await pupilRecord(c, pupil), request, withErrors(fields, checked.errors)), 422);
    const { ground, details, recordedOn } = checked.output;
    // Stored as the API stores it: the reason in words, the regulation's ground first.
    const reason = details ? `${timeLimitExceptionLabels[ground].label}: ${details}` : timeLimitExceptionLabels[ground].label;
    if (!(await recordAssessmentException(c.var.db, pupil.id, request.id, { reason, recordedOn }))) throw notFound("Assessment request");
    return c.redirect(`${requestHref(pupil, request)}?saved=exception`, 303);
  });
