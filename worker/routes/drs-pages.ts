import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId, type DrsStepInput } from "../../schema/inputs";
import { drsStepForm, type DrsStepPage } from "../../schema/staff-forms/drs-step";
import { drsSteps, type DrsParty, type DrsStep } from "../../schema/vocab";
import type { AppEnv } from "../app-env";
import { authoriseDrs } from "../auth/authorise";
import { readReferralScope, referralView } from "../drs/queries";
import { postedFields } from "../forms/http";
import { checkForm, type FormError } from "../forms/shared/check-form";
import { pupilRecord, today } from "../forms/staff-pages";
import { drsReferralStepsPage, drsStepNotOpenPage, drsStepPage, type OpenStep, type ReferralView } from "../forms/templates/drs-steps";
import { emptyForm, withErrors } from "../html";
import { notFound } from "../http/errors";
import { refusalError, writeFailedError } from "../http/refusals";
import { refusalMessage } from "../http/refusal-messages";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";
import type { DrsCaseRefusal } from "../pupil-case/drs";
import { readPupil } from "../pupils/queries";
import { drsStepDefinition, drsStepLabel } from "../workflow/drs-procedure";
import { frameworkFor } from "../workflow/frameworks";

const referralParam = v.object({ referralId: entityId });
const stepParam = v.object({ referralId: entityId, step: v.picklist(drsSteps) });
const day = () => new Date().toISOString().slice(0, 10);

/** The steps that may follow now and are the caller's party's to record, as the procedure defines them. */
const stepsOpenTo = (referral: ReferralView, party: DrsParty): OpenStep[] =>
  referral.nextSteps
    .filter((step) => step.recordedBy.includes(party))
    .map(({ step, label, source }) => ({ step, label, source, takesAgreement: drsStepDefinition(step).takesAgreement === true }));

async function referralFor(c: Context<AppEnv>, referralId: string, action: "read" | "update") {
  const { party, scope } = await authoriseDrs(c, await readReferralScope(c.var.db, referralId), action);
  const [referral, pupil] = await Promise.all([referralView(c.var.db, referralId, day()), readPupil(c.var.db, scope.pupilId)]);
  if (!referral || !pupil) throw notFound("DRS referral");
  return { party, referral, record: await pupilRecord(c, pupil) };
}

/** The answers and signatures the page gave, for a step that takes them; none for any other step. */
function agreementOf(input: DrsStepPage, takesAgreement: boolean): DrsStepInput["agreement"] {
  if (!takesAgreement) return undefined;
  const { parentMediation, parentMediationOn, signedByParentOn, signedBySchoolOn } = input;
  const agreement = {
    ...(parentMediation ? { parentMediation } : {}),
    ...(parentMediationOn ? { parentMediationOn } : {}),
    ...(signedByParentOn ? { signedByParentOn } : {}),
    ...(signedBySchoolOn ? { signedBySchoolOn } : {}),
  };
  return Object.keys(agreement).length ? agreement : undefined;
}

/** The field of the step's page a refusal is about. */
function stepFieldOf(refusal: DrsCaseRefusal): string {
  if (refusal.code === "mediation_not_answered" || refusal.code === "mediation_declined") return "parentMediation";
  if (refusal.code === "form_not_signed") return refusal.missing[0] ?? "signedByParentOn";
  return "happenedOn";
}

/**
 * A DRS referral's page and one page per step, for the party whose step it is (seed 000: the school before the
 * referral, the SEN Support & Monitoring Officer after), dated the day it happened, through the pupil's object as the
 * JSON API records it (worker/routes/drs.ts). Mounted inside staffFormPages, whose middleware signs the caller in.
 */
export const drsPages = new Hono<AppEnv>()
  .get("/drs-referrals/:referralId", validate("param", referralParam), async (c) => {
    const { party, referral, record } = await referralFor(c, c.req.valid("param").referralId, "read");
    const saved = drsSteps.find((step) => step === c.req.query("saved"));
    return c.html(
      drsReferralStepsPage(
        record,
        referral,
        stepsOpenTo(referral, party),
        saved ? `Step recorded: ${drsStepLabel(saved, frameworkFor(record.pupil.framework).words)}` : null,
      ),
    );
  })
  .get("/drs-referrals/:referralId/steps/:step", validate("param", stepParam), async (c) => {
    const { referralId, step } = c.req.valid("param");
    const { party, referral, record } = await referralFor(c, referralId, "read");
    const open = stepsOpenTo(referral, party).find((candidate) => candidate.step === step);
    if (!open) return c.html(drsStepNotOpenPage(record, referral, "notOpen"), 409);
    return c.html(drsStepPage(record, referral, open, emptyForm(today("happenedOn"))));
  })
  .post("/drs-referrals/:referralId/steps/:step", validate("param", stepParam), async (c) => {
    const { referralId, step } = c.req.valid("param");
    const { party, referral, record } = await referralFor(c, referralId, "update");
    const fields = await postedFields(c.req);
    const checked = checkForm(drsStepForm, fields);
    const stepSeen = checked.ok ? checked.output.stepSeen : fields.stepSeen;
    // Someone recorded a step since the page was drawn: this one may no longer follow, and nothing is saved.
    if (stepSeen !== referral.currentStep) return c.html(drsStepNotOpenPage(record, referral, "changed"), 409);
    const open = stepsOpenTo(referral, party).find((candidate) => candidate.step === step);
    if (!open) return c.html(drsStepNotOpenPage(record, referral, "notOpen"), 409);
    const rerender = (errors: FormError[]) => c.html(drsStepPage(record, referral, open, withErrors(fields, errors)), 422);
    if (!checked.ok) return rerender(checked.errors);
    const input: DrsStepInput = {
      step: step satisfies DrsStep,
      happenedOn: checked.output.happenedOn,
      note: checked.output.note,
      agreement: agreementOf(checked.output, open.takesAgreement),
    };
    const actor = { userId: c.var.caller.userId, party };
    const outcome = await pupilCaseFor(c.env, record.pupil.id).recordDrsStep(record.pupil.id, referralId, input, actor, new Date().toISOString());
    if (!outcome.ok && "refusal" in outcome) {
      const { refusal } = outcome;
      if (refusal.code === "step_not_allowed" || refusal.code === "referral_changed") return c.html(drsStepNotOpenPage(record, referral, "changed"), 409);
      if (refusal.code === "wrong_party" || refusal.code === "referral_not_found" || refusal.code === "pupil_not_found") throw refusalError(refusal);
      return rerender([{ field: stepFieldOf(refusal), message: refusalMessage(refusal) }]);
    }
    if (!outcome.ok) throw writeFailedError(outcome.writeFailed.message);
    return c.redirect(`/forms/drs-referrals/${referralId}?saved=${step}`, 303);
  });
