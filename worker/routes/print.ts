import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { pupilFormParam } from "../../schema/inputs";
import { recordsOfConcern } from "../../schema/tables";
import type { AppEnv } from "../app-env";
import { auditOnAnswer } from "../audit/record";
import { authorisePupil, authorisePupilChange } from "../auth/authorise";
import { pupilAccess } from "../auth/policy";
import { pupilCaseFor } from "../pupil-case";
import { refusalError, writeFailedError } from "../http/refusals";
import { requireStaff } from "../auth/require-staff";
import { emptyForm, type FormState } from "../html";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import { copyToParentsForm } from "../../schema/staff-forms/copy-to-parents";
import { moveForm } from "../../schema/staff-forms/move";
import { pupilRecord, refusalsAsErrors, staffPages, today } from "../forms/staff-pages";
import { concernPrint } from "../forms/templates/print-concern";
import { planPrint } from "../forms/templates/print-plan";
import { reviewPrint } from "../forms/templates/print-review";
import { drsReferralPrint } from "../forms/templates/drs-referral";
import { readDrsReferral, recordDrsCopyToParents } from "../forms/drs/referral";
import { notFound } from "../http/errors";
import { validate } from "../http/validate";
import { recordCopyToParents } from "../records/copies";
import { readPlan } from "../records/plans";
import { readReview } from "../records/reviews";
import { refuseIfClosed } from "../records/closed";
import type { PupilRow } from "../pupils/queries";
import type { Db } from "../app-env";

type PrintContext = Context<AppEnv, string, { out: { param: v.InferOutput<typeof pupilFormParam> } }>;

const readConcern = async (db: Db, pupilId: string, concernId: string) =>
  (await db
    .select()
    .from(recordsOfConcern)
    .where(and(eq(recordsOfConcern.id, concernId), eq(recordsOfConcern.pupilId, pupilId)))
    .get()) ?? null;

/** Each printable record: how to read it and how to lay it out (the seed form's layout). */
const printable = {
  concerns: async (c: PrintContext, pupil: PupilRow, formId: string, copyForm: FormState, actionState: FormState = emptyForm()) => {
    const concern = await readConcern(c.var.db, pupil.id, formId);
    const mayDecide = pupilAccess(c.var.caller, pupil, true, "move") === "granted";
    return concern && concernPrint(await pupilRecord(c, pupil), concern, copyForm, mayDecide ? { version: pupil.version, state: actionState } : undefined);
  },
  plans: async (c: PrintContext, pupil: PupilRow, formId: string, copyForm: FormState) => {
    const plan = await readPlan(c.var.db, pupil.id, formId);
    return plan && planPrint(await pupilRecord(c, pupil), plan, copyForm);
  },
  reviews: async (c: PrintContext, pupil: PupilRow, formId: string, copyForm: FormState) => {
    const review = await readReview(c.var.db, pupil.id, formId);
    return review && reviewPrint(await pupilRecord(c, pupil), review, copyForm);
  },
  "drs-referrals": async (c: PrintContext, pupil: PupilRow, formId: string, copyForm: FormState) => {
    const referral = await readDrsReferral(c.var.db, pupil.id, formId);
    return referral && drsReferralPrint(await pupilRecord(c, pupil), referral, copyForm);
  },
};

const show = (record: keyof typeof printable) => async (c: PrintContext) => {
  const { id, formId } = c.req.valid("param");
  const pupil = await authorisePupil(c, id, "read");
  const view = await printable[record](c, pupil, formId, emptyForm(today("on")));
  if (!view) throw notFound("Record");
  return c.html(view);
};

/** The date a copy went to the parents, from the form under the print view; a bad date re-renders the view with 422. */
const recordCopy = (record: keyof typeof printable) => async (c: PrintContext) => {
  const { id, formId } = c.req.valid("param");
  const pupil = await authorisePupil(c, id, "recordCopyToParents");
  const fields = await postedFields(c.req);
  const checked = checkForm(copyToParentsForm, fields);
  const closed = refuseIfClosed(pupil);
  const errors = closed ? [{ field: "on.day", message: closed.refusal.message }] : checked.ok ? [] : checked.errors;
  if (!checked.ok || closed) {
    const view = await printable[record](c, pupil, formId, { values: fields, errors });
    if (!view) throw notFound("Record");
    return c.html(view, closed ? 409 : 422);
  }
  const on = checked.output.on;
  const recorded =
    record === "drs-referrals"
      ? await recordDrsCopyToParents(c.var.db, pupil.id, formId, on)
      : await recordCopyToParents(c.var.db, pupil.id, record, formId, on);
  if (!recorded) throw notFound("Record");
  return c.redirect(`/print/pupils/${pupil.id}/${record}/${formId}`, 303);
};

/** "Action following discussion with the SEN Co-ordinator" (seed 000): the move, decided on this Record of Concern. */
async function recordSencoAction(c: PrintContext) {
  const { id, formId } = c.req.valid("param");
  const { pupil, audit } = await authorisePupilChange(c, id, "move");
  const fields = await postedFields(c.req);
  const checked = checkForm(moveForm, fields);
  const rerender = async (errors: { field: string; message: string }[]) => {
    const view = await printable.concerns(c, pupil, formId, emptyForm(today("on")), { values: fields, errors });
    if (!view) throw notFound("Record");
    return c.html(view, 422);
  };
  if (!checked.ok) {
    // Nothing goes to the pupil's object, so its audit entry is written here.
    auditOnAnswer(c, audit);
    return rerender(checked.errors);
  }
  const command = {
    ...checked.output,
    reason: checked.output.reason ?? null,
    actor: { userId: c.var.caller.userId, role: c.var.caller.role },
    form: { kind: "recordOfConcern" as const, id: formId },
  };
  const moved = await refusalsAsErrors(async () => {
    const outcome = await pupilCaseFor(c.env, pupil.id).move(pupil.id, command, new Date().toISOString(), audit);
    if (!outcome.ok) throw "refusal" in outcome ? refusalError(outcome.refusal) : writeFailedError(outcome.writeFailed.message);
  });
  if (!moved.ok) return rerender(moved.errors.map((error) => ({ ...error, field: "move" })));
  return c.redirect(`/forms/pupils/${pupil.id}?saved=${encodeURIComponent(command.move)}`, 303);
}

/** Print views laid out like their seed forms (print CSS; the browser saves them as PDF). */
export const printPages = new Hono<AppEnv>()
  .use(staffPages())
  .use(requireStaff())
  .get("/pupils/:id/concerns/:formId", validate("param", pupilFormParam), show("concerns"))
  .post("/pupils/:id/concerns/:formId/copy-to-parents", validate("param", pupilFormParam), recordCopy("concerns"))
  .post("/pupils/:id/concerns/:formId/senco-action", validate("param", pupilFormParam), recordSencoAction)
  .get("/pupils/:id/plans/:formId", validate("param", pupilFormParam), show("plans"))
  .post("/pupils/:id/plans/:formId/copy-to-parents", validate("param", pupilFormParam), recordCopy("plans"))
  .get("/pupils/:id/reviews/:formId", validate("param", pupilFormParam), show("reviews"))
  .post("/pupils/:id/reviews/:formId/copy-to-parents", validate("param", pupilFormParam), recordCopy("reviews"))
  .get("/pupils/:id/drs-referrals/:formId", validate("param", pupilFormParam), show("drs-referrals"))
  .post("/pupils/:id/drs-referrals/:formId/copy-to-parents", validate("param", pupilFormParam), recordCopy("drs-referrals"));
