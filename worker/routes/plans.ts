import { Hono } from "hono";
import { planInput, pupilFormParam, pupilIdParam } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseAlso, authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { withOneTimeKey } from "../http/one-time-key";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import { listPlans, readPlan } from "../records/plans";

const tags = ["Plans"];

/** Plans (IEP / IBP, seed 000; the 2014 and Jersey plan), mounted under /pupils. */
export const planRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .post(
    "/:id/plans",
    describeRoute({
      summary: "Write a plan with 3 to 5 SMART targets for the pupil's current stage and cycle; it may record the decision it was written for (e.g. agreePlan)",
      tags,
      body: planInput,
      responses: {
        201: "The plan with its targets, and the move it made",
        400: "Invalid body",
        403: "Your role may not write plans or make this decision",
        404: "Not found",
        409: "Stale version, or the decision is not open at the current stage",
        422: "The decision is not made on a plan, or an intervention is not the school's",
        503: "Not saved; retry",
      },
    }),
    validate("param", pupilIdParam),
    validate("json", planInput),
    async (c) => {
      const input = withOneTimeKey(c, c.req.valid("json"));
      const pupil = await authorisePupil(c, c.req.valid("param").id, "writePlan");
      if (input.decision) authoriseAlso(c, pupil, "move");
      const { formId, moved } = await submitToCase(c, pupil.id, { kind: "plan", input });
      return c.json({ plan: await readPlan(c.var.db, pupil.id, formId), moved }, 201);
    },
  )
  .get(
    "/:id/plans",
    describeRoute({ summary: "The pupil's plans, newest first", tags, responses: { 200: "The plans", 404: "Not found" } }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ plans: await listPlans(c.var.db, pupil.id) });
    },
  )
  .get(
    "/:id/plans/:formId",
    describeRoute({ summary: "One plan with its targets and their outcomes", tags, responses: { 200: "The plan", 404: "Not found" } }),
    validate("param", pupilFormParam),
    async (c) => {
      const { id, formId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "read");
      const plan = await readPlan(c.var.db, pupil.id, formId);
      if (!plan) throw notFound("Plan");
      return c.json({ plan });
    },
  );
