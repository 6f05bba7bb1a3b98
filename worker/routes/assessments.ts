import { Hono } from "hono";
import { assessmentExceptionInput, assessmentRequestInput, authorityDecisionInput, pupilFormParam, pupilIdParam } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseAlso, authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { withOneTimeKey } from "../http/one-time-key";
import { describeRoute } from "../http/openapi";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import { gatherEvidence, listAssessmentRequests, readAssessmentRequest, recordAssessmentException } from "../records/assessment-requests";

const tags = ["Assessment requests"];

/**
 * Requests for statutory (2001), EHC needs (2014) or Exceptional Action (Jersey) assessment, and the authority's
 * decisions on them, under /pupils. The school asks; only an officer of the pupil's LA decides.
 */
export const assessmentRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:id/assessment-evidence",
    describeRoute({
      summary: "Preview the evidence of SEN support a request would carry: cycles, plans, reviews, specialists involved, meetings with parents",
      tags,
      responses: { 200: "The evidence", 404: "Not found" },
    }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ currentCycle: pupil.cycle, evidence: await gatherEvidence(c.var.db, pupil.id) });
    },
  )
  .post(
    "/:id/assessment-requests",
    describeRoute({
      summary:
        "Request an assessment, with the evidence gathered from what is recorded; it may record the decision to request (e.g. requestEhcNeedsAssessment)",
      tags,
      body: assessmentRequestInput,
      responses: {
        201: "The request and the move it made",
        400: "Invalid body",
        403: "Only the school's SENCO or head",
        404: "Not found",
        409: "Stale version, or the decision is not open at the current stage",
        422: "The decision is not made on an assessment request",
        503: "Not saved; retry",
      },
    }),
    validate("param", pupilIdParam),
    validate("json", assessmentRequestInput),
    async (c) => {
      const input = withOneTimeKey(c, c.req.valid("json"));
      const pupil = await authorisePupil(c, c.req.valid("param").id, "requestAssessment");
      if (input.decision) authoriseAlso(c, pupil, "move");
      const { formId, moved } = await submitToCase(c, pupil.id, { kind: "assessmentRequest", input });
      return c.json({ assessmentRequest: await readAssessmentRequest(c.var.db, pupil.id, formId), moved }, 201);
    },
  )
  .get(
    "/:id/assessment-requests",
    describeRoute({ summary: "The pupil's assessment requests, newest first", tags, responses: { 200: "The requests", 404: "Not found" } }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ assessmentRequests: await listAssessmentRequests(c.var.db, pupil.id) });
    },
  )
  .get(
    "/:id/assessment-requests/:formId",
    describeRoute({
      summary: "One assessment request with its evidence and the authority's decisions",
      tags,
      responses: { 200: "The request", 404: "Not found" },
    }),
    validate("param", pupilFormParam),
    async (c) => {
      const { id, formId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "read");
      const request = await readAssessmentRequest(c.var.db, pupil.id, formId);
      if (!request) throw notFound("Assessment request");
      return c.json({ assessmentRequest: request });
    },
  )
  .post(
    "/:id/assessment-requests/:formId/decision",
    describeRoute({
      summary: "The local authority's decision on the request (agree or refuse to assess, issue a plan or not, grant a Record of Need): LA officers only",
      tags,
      body: authorityDecisionInput,
      responses: {
        200: "The request as decided and the move made",
        400: "Invalid body",
        403: "Only an officer of the pupil's LA decides",
        404: "Not found",
        409: "Stale version, or the decision is not open at the current stage",
        422: "The decision is not made on an assessment request",
        503: "Not saved; retry",
      },
    }),
    validate("param", pupilFormParam),
    validate("json", authorityDecisionInput),
    async (c) => {
      const { id, formId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "decideForAuthority");
      const { moved } = await submitToCase(c, pupil.id, { kind: "authorityDecision", requestId: formId, input: c.req.valid("json") });
      return c.json({ assessmentRequest: await readAssessmentRequest(c.var.db, pupil.id, formId), moved });
    },
  )
  .post(
    "/:id/assessment-requests/:formId/exceptions",
    describeRoute({
      summary: "Record an exception to the time limits with its reason (SEND Regulations 2014, reg 10(4)): LA officers only",
      tags,
      body: assessmentExceptionInput,
      responses: { 200: "The request with its exceptions", 400: "Invalid body", 403: "Only an officer of the pupil's LA", 404: "Not found" },
    }),
    validate("param", pupilFormParam),
    validate("json", assessmentExceptionInput),
    async (c) => {
      const { id, formId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "decideForAuthority");
      if (!(await recordAssessmentException(c.var.db, pupil.id, formId, c.req.valid("json")))) throw notFound("Assessment request");
      return c.json({ assessmentRequest: await readAssessmentRequest(c.var.db, pupil.id, formId) });
    },
  );
