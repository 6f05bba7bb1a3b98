import { Hono, type Context } from "hono";
import * as v from "valibot";
import { copyToParentsInput, pupilFormParam } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { refusalError } from "../http/refusals";
import { validate } from "../http/validate";
import { refuseIfClosed } from "../records/closed";
import { recordCopyToParents, type CopiedRecord } from "../records/copies";

const tags = ["Copies to parents"];

const doc = (what: string) =>
  describeRoute({
    summary: `Record the date a copy of the ${what} was given or sent to the parents`,
    tags,
    body: copyToParentsInput,
    responses: { 200: "Recorded", 400: "Invalid body", 403: "Your role may not", 404: "No such record for this pupil", 409: "The record is closed" },
  });

type CopyContext = Context<AppEnv, string, { out: { param: v.InferOutput<typeof pupilFormParam>; json: v.InferOutput<typeof copyToParentsInput> } }>;

const recordCopy = (record: CopiedRecord) => async (c: CopyContext) => {
  const { id, formId } = c.req.valid("param");
  const pupil = await authorisePupil(c, id, "recordCopyToParents");
  const closed = refuseIfClosed(pupil);
  if (closed) throw refusalError(closed.refusal);
  const { on } = c.req.valid("json");
  if (!(await recordCopyToParents(c.var.db, pupil.id, record, formId, on))) throw notFound("Record");
  return c.json({ record, formId, copyToParentsOn: on });
};

/** "Copy given to parent on" / "Copy sent to parents/carer on" (seed 000; SEND Code 6.71), under /pupils. */
export const copyRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .post(
    "/:id/concerns/:formId/copy-to-parents",
    doc("Record of Concern"),
    validate("param", pupilFormParam),
    validate("json", copyToParentsInput),
    recordCopy("concerns"),
  )
  .post("/:id/plans/:formId/copy-to-parents", doc("plan"), validate("param", pupilFormParam), validate("json", copyToParentsInput), recordCopy("plans"))
  .post("/:id/reviews/:formId/copy-to-parents", doc("review"), validate("param", pupilFormParam), validate("json", copyToParentsInput), recordCopy("reviews"))
  .post(
    "/:id/parent-meetings/:formId/copy-to-parents",
    doc("record of the meeting"),
    validate("param", pupilFormParam),
    validate("json", copyToParentsInput),
    recordCopy("parent-meetings"),
  );
