import { Hono } from "hono";
import * as v from "valibot";
import { entityId, recordClosure } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";
import { refusalError, writeFailedError } from "../http/refusals";
import { pupilCaseFor } from "../pupil-case";
import { pupilView } from "../pupils/queries";
import { subjectAccessExport } from "../records/subject-access";

const tags = ["Data protection"];
const pupilParam = v.object({ id: entityId });

export const dataProtectionRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:id/export",
    describeRoute({
      summary: "Subject access export: everything held about the pupil, table by table, with who read it (printable at /print/pupils/{id}/export)",
      tags,
      responses: { 200: "The whole record as JSON", 403: "SENCO or head only", 404: "Not found" },
    }),
    validate("param", pupilParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "exportRecord");
      c.header("Content-Disposition", `attachment; filename="pupil-${pupil.id}.json"`);
      return c.json(await subjectAccessExport(c.var.db, pupil.id, new Date().toISOString()));
    },
  )
  .post(
    "/:id/close",
    describeRoute({
      summary: "Close the pupil's record: no more moves, clocks stopped; it is erased once the LA's retention period has run",
      tags,
      body: recordClosure,
      responses: { 200: "The closed record", 400: "Invalid body", 403: "SENCO or head only", 404: "Not found", 409: "Already closed, or moved meanwhile" },
    }),
    validate("param", pupilParam),
    validate("json", recordClosure),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "closeRecord");
      const actor = { userId: c.var.caller.userId, role: c.var.caller.role };
      const outcome = await pupilCaseFor(c.env, pupil.id).closeRecord(pupil.id, actor, c.req.valid("json").reason, new Date().toISOString());
      if (!outcome.ok) throw "refusal" in outcome ? refusalError(outcome.refusal) : writeFailedError(outcome.writeFailed.message);
      return c.json({ pupil: await pupilView(c.var.db, outcome.after.pupil) });
    },
  );
