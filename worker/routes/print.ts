import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { pupilFormParam } from "../../schema/inputs";
import { recordsOfConcern } from "../../schema/tables";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { emptyForm, type FormState } from "../forms/components";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import { staffFormDefinitions } from "../forms/shared/staff-definitions";
import { pupilRecord, staffPages, today } from "../forms/staff-pages";
import { concernPrint } from "../forms/templates/print-concern";
import { planPrint } from "../forms/templates/print-plan";
import { reviewPrint } from "../forms/templates/print-review";
import { notFound } from "../http/errors";
import { validate } from "../http/validate";
import { recordCopyToParents, type CopiedRecord } from "../records/copies";
import { readPlan } from "../records/plans";
import { readReview } from "../records/reviews";
import type { PupilRow } from "../pupils/queries";
import type { Db } from "../app-env";

type PrintContext = Context<AppEnv, string, { out: { param: v.InferOutput<typeof pupilFormParam> } }>;

const readConcern = async (db: Db, pupilId: string, concernId: string) =>
  (await db.select().from(recordsOfConcern).where(and(eq(recordsOfConcern.id, concernId), eq(recordsOfConcern.pupilId, pupilId))).get()) ?? null;

/** Each printable record: how to read it and how to lay it out (the seed form's layout). */
const printable = {
  concerns: async (c: PrintContext, pupil: PupilRow, formId: string, copyForm: FormState) => {
    const concern = await readConcern(c.var.db, pupil.id, formId);
    return concern && concernPrint(await pupilRecord(c, pupil), concern, copyForm);
  },
  plans: async (c: PrintContext, pupil: PupilRow, formId: string, copyForm: FormState) => {
    const plan = await readPlan(c.var.db, pupil.id, formId);
    return plan && planPrint(await pupilRecord(c, pupil), plan, copyForm);
  },
  reviews: async (c: PrintContext, pupil: PupilRow, formId: string, copyForm: FormState) => {
    const review = await readReview(c.var.db, pupil.id, formId);
    return review && reviewPrint(await pupilRecord(c, pupil), review, copyForm);
  },
} satisfies Partial<Record<CopiedRecord, unknown>>;

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
  const fields = await postedFields(c);
  const checked = checkForm(staffFormDefinitions.copyToParents, fields);
  if (!checked.ok) {
    const view = await printable[record](c, pupil, formId, { values: fields, errors: checked.errors });
    if (!view) throw notFound("Record");
    return c.html(view, 422);
  }
  if (!(await recordCopyToParents(c.var.db, pupil.id, record, formId, checked.output.on))) throw notFound("Record");
  return c.redirect(`/print/pupils/${pupil.id}/${record}/${formId}`, 303);
};

/** Print views laid out like their seed forms (print CSS; the browser saves them as PDF). */
export const printPages = new Hono<AppEnv>()
  .use(staffPages())
  .use(requireStaff())
  .get("/pupils/:id/concerns/:formId", validate("param", pupilFormParam), show("concerns"))
  .post("/pupils/:id/concerns/:formId/copy-to-parents", validate("param", pupilFormParam), recordCopy("concerns"))
  .get("/pupils/:id/plans/:formId", validate("param", pupilFormParam), show("plans"))
  .post("/pupils/:id/plans/:formId/copy-to-parents", validate("param", pupilFormParam), recordCopy("plans"))
  .get("/pupils/:id/reviews/:formId", validate("param", pupilFormParam), show("reviews"))
  .post("/pupils/:id/reviews/:formId/copy-to-parents", validate("param", pupilFormParam), recordCopy("reviews"));
