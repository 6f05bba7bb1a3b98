import { Hono } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { emptyForm, withErrors } from "../html";
import { postedFields } from "../forms/http";
import { checkForm, type FormError } from "../forms/shared/check-form";
import { refusalMessage } from "../http/refusal-messages";
import { assessmentRequestForm } from "../../schema/staff-forms/assessment-request";
import { drsReferralForm } from "../../schema/staff-forms/drs-referral";
import { parentViewsForm } from "../../schema/staff-forms/parent-views";
import { pupilRecord, refusalsAsErrors, today } from "../forms/staff-pages";
import { assessmentRequestPage, requestTitles } from "../forms/templates/assessment-request";
import { parentViewsPage } from "../forms/templates/parent-views";
import { drsReferralPage } from "../forms/templates/drs-referral";
import { authoriseDrs } from "../auth/authorise";
import { readPupil, type PupilRow } from "../pupils/queries";
import { refusalError, writeFailedError } from "../http/refusals";
import { pupilCaseFor } from "../pupil-case";
import type { DrsCaseRefusal } from "../pupil-case/drs";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import { gatherEvidence } from "../records/assessment-requests";
import { recordParentViews } from "../records/parent-views";
import { listPlans } from "../records/plans";
import { frameworkFor } from "../workflow/frameworks";
import { decisionsOnForm } from "../workflow/transition";
import type { Context } from "hono";

const pupilParam = v.object({ id: entityId });

/** The field of the referral form a refusal is about: the party that declined or has not answered, the missing signature. */
function drsFieldOf(refusal: DrsCaseRefusal): string {
  const party = "declinedBy" in refusal ? refusal.declinedBy[0] : "awaiting" in refusal ? refusal.awaiting[0] : undefined;
  if (party) return party === "school" ? "schoolMediation" : "parentMediation";
  return "missing" in refusal && refusal.missing[0] ? refusal.missing[0] : "parentMediation";
}

async function requestContext(c: Context<AppEnv>, pupil: PupilRow) {
  const framework = frameworkFor(pupil.framework);
  const decisions = decisionsOnForm(framework, pupil.stage, "assessmentRequest", "school").map((decision) => ({
    decision,
    label: framework.moves[decision]!.label,
  }));
  return { evidence: await gatherEvidence(c.var.db, pupil.id), decisions, title: requestTitles[framework.assessmentRequestKind] };
}

/**
 * The parents' views before a review, the request for assessment that gathers the evidence already recorded, and
 * the DRS referral.
 * Mounted inside staffFormPages, whose middleware signs the caller in.
 */
export const staffEvidencePages = new Hono<AppEnv>()
  .get("/pupils/:id/parent-views", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordParentViews");
    const [plan] = await listPlans(c.var.db, pupil.id);
    return c.html(parentViewsPage(await pupilRecord(c, pupil), emptyForm(), plan ?? null));
  })
  .post("/pupils/:id/parent-views", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordParentViews");
    const fields = await postedFields(c.req);
    const checked = checkForm(parentViewsForm, fields);
    const rerender = async (errors: FormError[]) => {
      const [plan] = await listPlans(c.var.db, pupil.id);
      return c.html(parentViewsPage(await pupilRecord(c, pupil), withErrors(fields, errors), plan ?? null), 422);
    };
    // The rule "at least one answer" belongs to the whole form: it links to the first question.
    if (!checked.ok) return rerender(checked.errors.map((error) => (error.field ? error : { ...error, field: "whatIsGoingWell" })));
    const stored = await recordParentViews(c.var.db, pupil, checked.output, { recordedByUserId: c.var.caller.userId }, new Date().toISOString());
    if (!stored.ok) return rerender([{ field: "field" in stored.refusal ? stored.refusal.field : "whatIsGoingWell", message: stored.refusal.message }]);
    return c.redirect(`/forms/pupils/${pupil.id}/review`, 303);
  })
  .get("/pupils/:id/assessment-request", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "requestAssessment");
    return c.html(
      assessmentRequestPage(await pupilRecord(c, pupil), emptyForm({ requestedBy: "school", ...today("requestedOn") }), await requestContext(c, pupil)),
    );
  })
  .post("/pupils/:id/assessment-request", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "requestAssessment");
    const fields = await postedFields(c.req);
    const checked = checkForm(assessmentRequestForm, fields);
    const rerender = async (errors: FormError[]) =>
      c.html(assessmentRequestPage(await pupilRecord(c, pupil), withErrors(fields, errors), await requestContext(c, pupil)), 422);
    if (!checked.ok) return rerender(checked.errors);
    const saved = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "assessmentRequest", input: checked.output }));
    if (!saved.ok) return rerender(saved.errors);
    return c.redirect(`/forms/pupils/${pupil.id}?saved=assessmentRequest&record=${saved.value.formId}`, 303);
  })
  .get("/pupils/:id/drs-referral", validate("param", pupilParam), async (c) => {
    const { scope: pupil } = await authoriseDrs(c, await readPupil(c.var.db, c.req.valid("param").id), "read", "Pupil");
    return c.html(drsReferralPage(await pupilRecord(c, pupil), emptyForm({ pupilId: pupil.id })));
  })
  .post("/pupils/:id/drs-referral", validate("param", pupilParam), async (c) => {
    const { party, scope: pupil } = await authoriseDrs(c, await readPupil(c.var.db, c.req.valid("param").id), "create", "Pupil");
    const fields = { ...(await postedFields(c.req)), pupilId: pupil.id };
    const rerender = async (errors: FormError[]) => c.html(drsReferralPage(await pupilRecord(c, pupil), withErrors(fields, errors)), 422);
    const checked = checkForm(drsReferralForm, fields);
    if (!checked.ok) return rerender(checked.errors);
    const outcome = await pupilCaseFor(c.env, pupil.id).openDrsReferral(checked.output, { userId: c.var.caller.userId, party }, new Date().toISOString());
    if (!outcome.ok && "refusal" in outcome) {
      if (outcome.refusal.code === "wrong_party" || outcome.refusal.code === "pupil_not_found") throw refusalError(outcome.refusal);
      return rerender([{ field: drsFieldOf(outcome.refusal), message: refusalMessage(outcome.refusal) }]);
    }
    if (!outcome.ok) throw writeFailedError(outcome.writeFailed.message);
    return c.redirect(`/print/pupils/${pupil.id}/drs-referrals/${outcome.referralId}`, 303);
  });
