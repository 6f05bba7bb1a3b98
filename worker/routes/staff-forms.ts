import { Hono } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseAlso, authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { emptyForm, withErrors } from "../html";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import { planForm } from "../../schema/staff-forms/plan";
import { recordOfConcernForm } from "../../schema/staff-forms/concern";
import { reviewForm } from "../../schema/staff-forms/review";
import { formsOpenTo, pupilRecord, refusalsAsErrors, registerOf, staffPages, today } from "../forms/staff-pages";
import { pupilFilePage } from "../forms/templates/pupil-file";
import { notFound } from "../http/errors";
import { pupilFile } from "../pupils/file";
import { planPage } from "../forms/templates/plan";
import { reviewPage } from "../forms/templates/review";
import { staffConcernPage } from "../forms/templates/staff-concern";
import { enrolPages } from "./enrol-pages";
import { findPages } from "./find-pages";
import { registerImportPages } from "./register-import-pages";
import { transferPages } from "./transfer-pages";
import { ctfPages } from "./ctf-pages";
import { auditPages } from "./audit-pages";
import { interventionPages } from "./intervention-pages";
import { decisionPages } from "./decision-pages";
import { assessmentPages } from "./assessment-pages";
import { drsPages } from "./drs-pages";
import { ehcStepPages } from "./ehc-step-pages";
import { dueAfterStep, ehcStepsOpenTo, processName } from "../forms/ehc-step-links";
import { ehcStepSavedBanner, ehcStepsOpenSection } from "../forms/templates/ehc-steps";
import { readEhcStep } from "../records/ehc-steps";
import { ehcStepRules } from "../workflow/ehc-cycle";
import { html } from "hono/html";
import { taskPages } from "./task-pages";
import { dayOf } from "../dashboards/words";
import { decisionLinks, savedSummary } from "../forms/decision-links";
import { decisionsOpenSection, savedBanner } from "../forms/templates/decisions-open";
import { pupilName } from "../forms/templates/pupil-summary";
import type { PupilFile } from "../pupils/file";
import type { StaffCaller } from "../app-env";
import { laSettingsPages } from "./la-settings-pages";
import { parentConcernPages } from "./parent-concern-pages";
import { staffEvidencePages } from "./staff-forms-evidence";
import { recordPages, recordsOf } from "./record-pages";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import { listParentViews } from "../records/parent-views";
import { listPlans, readPlan } from "../records/plans";
import { reviewOptions } from "../records/reviews";
import { frameworkFor } from "../workflow/frameworks";
import { decisionsOnForm } from "../workflow/transition";
import type { Context } from "hono";
import type { PupilRow } from "../pupils/queries";

const pupilParam = v.object({ id: entityId });

function planDecisions(pupil: PupilRow) {
  const framework = frameworkFor(pupil.framework);
  return decisionsOnForm(framework, pupil.stage, "plan", "school").map((decision) => ({ decision, label: framework.moves[decision]!.label }));
}

async function reviewContext(c: Context<AppEnv>, pupil: PupilRow) {
  const [latest] = await listPlans(c.var.db, pupil.id);
  const plan = latest ? await readPlan(c.var.db, pupil.id, latest.id) : null;
  const views = (await listParentViews(c.var.db, pupil.id)).filter((view) => !plan || view.planId === plan.id || view.planId === null);
  return { plan, views, decisions: reviewOptions(frameworkFor(pupil.framework), pupil.stage, "school") };
}

type StepSaved = Awaited<ReturnType<typeof readEhcStep>>;

/**
 * The pupil's page as the hub: the decisions and the steps of the statutory process open to the caller now, and the
 * banner after a save (a form or decision, or a step with what it made due).
 */
function pupilHub(caller: StaffCaller, file: PupilFile, saved: string | undefined, formId: string | null, stepSaved: StepSaved) {
  const record = { pupil: file.pupil, school: file.school };
  const summary = saved ? savedSummary(file.pupil, saved, formId) : null;
  const stepBanner =
    stepSaved && ehcStepSavedBanner(ehcStepRules[stepSaved.step].label, stepSaved.happenedOn, dueAfterStep(stepSaved.step, stepSaved.happenedOn, file.running));
  return {
    banner: stepBanner ?? (summary ? savedBanner({ ...summary, pupil: pupilName(record) }) : null),
    decisions: html`${decisionsOpenSection(
      record,
      decisionLinks(caller, file.pupil, { concernId: file.concerns[0]?.id, requestId: file.assessmentRequests[0]?.id, reviewId: file.reviews[0]?.id }),
    )}
${ehcStepsOpenSection(record, ehcStepsOpenTo(caller, file.pupil, file.running), processName(file.pupil))}`,
  };
}

/** The staff forms (signed in): each page is its seed form; a post goes through the same domain functions as the API. */
export const staffFormPages = new Hono<AppEnv>()
  .use(staffPages())
  .use(requireStaff())
  .route("/", staffEvidencePages)
  .route("/", recordPages)
  .route("/", parentConcernPages)
  .route("/", enrolPages)
  .route("/", findPages)
  .route("/", registerImportPages)
  .route("/", transferPages)
  .route("/", ctfPages)
  .route("/", laSettingsPages)
  .route("/", auditPages)
  .route("/", interventionPages)
  .route("/", decisionPages)
  .route("/", assessmentPages)
  .route("/", drsPages)
  .route("/", ehcStepPages)
  .route("/", taskPages)
  .get("/pupils/:id", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "read", "pupil");
    const file = await pupilFile(c.var.db, pupil, dayOf(new Date()));
    if (!file) throw notFound("School");
    const stepId = c.req.query("ehcStep");
    const stepSaved = stepId && /^[\w-]{1,64}$/.test(stepId) ? await readEhcStep(c.var.db, pupil.id, stepId) : null;
    return c.html(
      pupilFilePage(
        file,
        formsOpenTo(c.var.caller, pupil),
        registerOf(c.var.caller, file.school),
        pupilHub(c.var.caller, file, c.req.query("saved"), c.req.query("record") ?? null, stepSaved),
        await recordsOf(c, pupil),
      ),
    );
  })
  .get("/pupils/:id/concern", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "raiseConcern");
    return c.html(staffConcernPage(await pupilRecord(c, pupil), emptyForm()));
  })
  .post("/pupils/:id/concern", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "raiseConcern");
    const fields = await postedFields(c.req);
    const checked = checkForm(recordOfConcernForm, fields);
    const rerender = async (errors: { field: string; message: string }[]) =>
      c.html(staffConcernPage(await pupilRecord(c, pupil), withErrors(fields, errors)), 422);
    if (!checked.ok) return rerender(checked.errors);
    const saved = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "recordOfConcern", input: checked.output }));
    if (!saved.ok) return rerender(saved.errors);
    return c.redirect(`/forms/pupils/${pupil.id}?saved=recordOfConcern&record=${saved.value.formId}`, 303);
  })
  .get("/pupils/:id/plan", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "writePlan");
    return c.html(planPage(await pupilRecord(c, pupil), emptyForm({ kind: "iep", ...today("dateWritten") }), planDecisions(pupil)));
  })
  .post("/pupils/:id/plan", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "writePlan");
    const fields = await postedFields(c.req);
    const checked = checkForm(planForm, fields);
    const rerender = async (errors: { field: string; message: string }[]) =>
      c.html(planPage(await pupilRecord(c, pupil), withErrors(fields, errors), planDecisions(pupil)), 422);
    if (!checked.ok) return rerender(checked.errors);
    if (checked.output.decision) authoriseAlso(c, pupil, "move");
    const saved = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "plan", input: checked.output }));
    if (!saved.ok) return rerender(saved.errors);
    return c.redirect(`/forms/pupils/${pupil.id}?saved=plan&record=${saved.value.formId}`, 303);
  })
  .get("/pupils/:id/review", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordReview");
    return c.html(
      reviewPage(await pupilRecord(c, pupil), emptyForm({ ...today("reviewDate"), areasOfConcern: pupil.areasOfNeed }), await reviewContext(c, pupil)),
    );
  })
  .post("/pupils/:id/review", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordReview");
    authoriseAlso(c, pupil, "move");
    const fields = await postedFields(c.req);
    const checked = checkForm(reviewForm, fields);
    const rerender = async (errors: { field: string; message: string }[]) =>
      c.html(reviewPage(await pupilRecord(c, pupil), withErrors(fields, errors), await reviewContext(c, pupil)), 422);
    // Where the framework opens decisions at this stage, the review records one of them: said with the other errors at once.
    const decisionMissing = !fields.decision && reviewOptions(frameworkFor(pupil.framework), pupil.stage, "school").length > 0;
    const missing = decisionMissing ? [{ field: "decision", message: "Choose the decision following this review" }] : [];
    if (!checked.ok) return rerender([...checked.errors.filter((error) => error.field !== "decision"), ...missing]);
    if (decisionMissing) return rerender(missing);
    const saved = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "review", input: checked.output }));
    if (!saved.ok) return rerender(saved.errors);
    return c.redirect(`/forms/pupils/${pupil.id}?saved=review&record=${saved.value.formId}`, 303);
  });
