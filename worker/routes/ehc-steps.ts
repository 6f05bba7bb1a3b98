import { Hono } from "hono";
import * as v from "valibot";
import { ehcStepInput, entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { describeRoute } from "../http/openapi";
import { refusalError, writeFailedError } from "../http/refusals";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";

const tags = ["EHC process"];
const pupilParam = v.object({ id: entityId });

export const ehcStepRoutes = new Hono<AppEnv>().use(requireStaff()).post(
  "/:id/ehc-steps",
  describeRoute({
    summary: "Record a step of the EHC process on the day it happened: mediation, the draft plan, the annual review and its sequels, a phase transfer",
    tags,
    body: ehcStepInput,
    responses: {
      201: "The step, with the day it happened",
      400: "Invalid body",
      403: "Not your role",
      404: "Not found",
      409: "The step is not awaited for the pupil now, or not of the pupil's framework",
      422: "A date that cannot be true of the step",
      503: "Not saved; retry",
    },
  }),
  validate("param", pupilParam),
  validate("json", ehcStepInput),
  async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordEhcStep");
    const actor = { userId: c.var.caller.userId, role: c.var.caller.role };
    const outcome = await pupilCaseFor(c.env, pupil.id).recordEhcStep(pupil.id, c.req.valid("json"), actor, new Date().toISOString());
    if (!outcome.ok) throw "refusal" in outcome ? refusalError(outcome.refusal) : writeFailedError(outcome.writeFailed.message);
    return c.json({ stepId: outcome.stepId, happenedOn: outcome.happenedOn }, 201);
  },
);
