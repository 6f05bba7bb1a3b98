import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId, type EhcStepInput } from "../../schema/inputs";
import { ehcStepForm, type EhcStepPage } from "../../schema/staff-forms/ehc-step";
import { ehcSteps } from "../../schema/vocab";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { ehcStepsOpenTo } from "../forms/ehc-step-links";
import { postedFields } from "../forms/http";
import { checkForm, type FormError } from "../forms/shared/check-form";
import { pupilRecord, today } from "../forms/staff-pages";
import { ehcStepNotSavedPage, ehcStepPage } from "../forms/templates/ehc-steps";
import { emptyForm, withErrors } from "../html";
import { refusalError, writeFailedError } from "../http/refusals";
import { refusalMessage } from "../http/refusal-messages";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";
import { type PupilRow, readPupil, runningClocksOf } from "../pupils/queries";
import { latestEhcStepId } from "../records/ehc-steps";

const stepParam = v.object({ id: entityId, step: v.picklist(ehcSteps) });

/** What the page was drawn from: the pupil's version and the step recorded last (a step does not move the version). */
async function caseSeen(c: Context<AppEnv>, pupil: PupilRow) {
  const [running, latest] = await Promise.all([runningClocksOf(c.var.db, pupil.id), latestEhcStepId(c.var.db, pupil.id)]);
  return { running, seen: `${pupil.version}.${latest ?? "none"}` };
}

/** The page's answers as the step's input: the move only for a step that takes one, and then both parts of it. */
function inputOf(
  step: EhcStepInput["step"],
  page: EhcStepPage,
  takesTransfer: boolean,
): { ok: true; input: EhcStepInput } | { ok: false; errors: FormError[] } {
  if (!takesTransfer) return { ok: true, input: { step, happenedOn: page.happenedOn } };
  const errors: FormError[] = [
    ...(page.transferOn ? [] : [{ field: "transferOn", message: "Enter the date the child moves school" }]),
    ...(page.toPostSixteen ? [] : [{ field: "toPostSixteen", message: "Select whether the move is to post-16 education" }]),
  ];
  if (!page.transferOn || !page.toPostSixteen) return { ok: false, errors };
  return { ok: true, input: { step, happenedOn: page.happenedOn, transfer: { transferOn: page.transferOn, toPostSixteen: page.toPostSixteen === "yes" } } };
}

/**
 * One page per step of the EHC process (or of a 2001 Code Statement) awaited now, for the party whose step it is
 * (worker/workflow/ehc-cycle.ts), dated the day it happened, through the pupil's object as the JSON API records it
 * (worker/routes/ehc-steps.ts). Mounted inside staffFormPages, whose middleware signs the caller in.
 */
export const ehcStepPages = new Hono<AppEnv>()
  .get("/pupils/:id/ehc-steps/:step", validate("param", stepParam), async (c) => {
    const { id, step } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "recordEhcStep", "ehcStep");
    const [record, { running, seen }] = await Promise.all([pupilRecord(c, pupil), caseSeen(c, pupil)]);
    const open = ehcStepsOpenTo(c.var.caller, pupil, running).find((candidate) => candidate.step === step);
    if (!open) return c.html(ehcStepNotSavedPage(record, "notOpen"), 409);
    return c.html(ehcStepPage(record, open, seen, emptyForm(today("happenedOn"))));
  })
  .post("/pupils/:id/ehc-steps/:step", validate("param", stepParam), async (c) => {
    const { id, step } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "recordEhcStep", "ehcStep");
    const fields = await postedFields(c.req);
    const [record, { running, seen }] = await Promise.all([pupilRecord(c, pupil), caseSeen(c, pupil)]);
    const checked = checkForm(ehcStepForm, fields);
    // Someone recorded a step, or changed the case, since the page was drawn: nothing is saved.
    if ((checked.ok ? checked.output.seen : fields.seen) !== seen) return c.html(ehcStepNotSavedPage(record, "changed"), 409);
    const open = ehcStepsOpenTo(c.var.caller, pupil, running).find((candidate) => candidate.step === step);
    if (!open) return c.html(ehcStepNotSavedPage(record, "notOpen"), 409);
    const rerender = (errors: FormError[]) => c.html(ehcStepPage(record, open, seen, withErrors(fields, errors)), 422);
    if (!checked.ok) return rerender(checked.errors);
    const input = inputOf(step, checked.output, open.takesTransfer);
    if (!input.ok) return rerender(input.errors);
    const actor = { userId: c.var.caller.userId, role: c.var.caller.role };
    const outcome = await pupilCaseFor(c.env, pupil.id).recordEhcStep(pupil.id, input.input, actor, new Date().toISOString());
    if (!outcome.ok && "refusal" in outcome) {
      const { refusal } = outcome;
      if (refusal.code === "ehc_step_date_invalid")
        return rerender([{ field: refusal.field === "transfer.transferOn" ? "transferOn" : "happenedOn", message: refusal.message }]);
      if (refusal.code === "ehc_step_before_previous" || refusal.code === "no_appealable_decision")
        return rerender([{ field: "happenedOn", message: refusalMessage(refusal) }]);
      if (refusal.code === "ehc_step_out_of_order" || refusal.code === "ehc_step_not_in_framework") return c.html(ehcStepNotSavedPage(record, "notOpen"), 409);
      const now = await readPupil(c.var.db, pupil.id);
      if (now && now.version !== pupil.version) return c.html(ehcStepNotSavedPage(record, "changed"), 409);
      throw refusalError(refusal);
    }
    if (!outcome.ok) throw writeFailedError(outcome.writeFailed.message);
    return c.redirect(`/forms/pupils/${pupil.id}?ehcStep=${outcome.stepId}`, 303);
  });
