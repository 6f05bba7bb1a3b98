import { Hono } from "hono";
import { pupilFormParam, pupilIdParam, reviewInput } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseAlso, authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { withOneTimeKey } from "../http/one-time-key";
import { describeRoute } from "../http/openapi";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import { listReviews, readReview, reviewOptions } from "../records/reviews";
import { frameworkFor } from "../workflow/frameworks";

const tags = ["Reviews"];

/** Reviews of progress (seed 000; the 2014 and Jersey reviews), mounted under /pupils. */
export const reviewRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:id/review-options",
    describeRoute({
      summary: "The decisions a review can record now, for your side (school or authority), worded as the seed form prints them",
      tags,
      responses: { 200: "The stage, the version and the decisions open", 404: "Not found" },
    }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      const framework = frameworkFor(pupil.framework);
      const decidedBy = c.var.caller.role === "laOfficer" ? "authority" : "school";
      return c.json({
        stage: pupil.stage,
        stageLabel: framework.stages[pupil.stage]?.label ?? pupil.stage,
        version: pupil.version,
        decisions: reviewOptions(framework, pupil.stage, decidedBy),
      });
    },
  )
  .post(
    "/:id/reviews",
    describeRoute({
      summary: "Record a review of progress, the outcome of each target of the plan under review, and its decision",
      tags,
      body: reviewInput,
      responses: {
        201: "The review and the move its decision made",
        400: "Invalid body",
        403: "Your role may not record reviews or make this decision",
        404: "Not found",
        409: "Stale version, or the decision is not open at the current stage",
        422: "The decision is not made on a review, or the plan or a target is not this pupil's",
        503: "Not saved; retry",
      },
    }),
    validate("param", pupilIdParam),
    validate("json", reviewInput),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "recordReview");
      authoriseAlso(c, pupil, "move");
      const { formId, moved } = await submitToCase(c, pupil.id, { kind: "review", input: withOneTimeKey(c, c.req.valid("json")) });
      return c.json({ review: await readReview(c.var.db, pupil.id, formId), moved }, 201);
    },
  )
  .get(
    "/:id/reviews",
    describeRoute({ summary: "The pupil's reviews, newest first", tags, responses: { 200: "The reviews", 404: "Not found" } }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ reviews: await listReviews(c.var.db, pupil.id) });
    },
  )
  .get(
    "/:id/reviews/:formId",
    describeRoute({ summary: "One review", tags, responses: { 200: "The review", 404: "Not found" } }),
    validate("param", pupilFormParam),
    async (c) => {
      const { id, formId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "read");
      const review = await readReview(c.var.db, pupil.id, formId);
      if (!review) throw notFound("Review");
      return c.json({ review });
    },
  );
