import { Hono } from "hono";
import { parentMeetingInput, parentViewsInput, pupilFormParam, pupilIdParam, specialistInvolvementInput } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseAlso, authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { withOneTimeKey } from "../http/one-time-key";
import { describeRoute } from "../http/openapi";
import { refusalError } from "../http/refusals";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import { listParentMeetings, listSpecialistInvolvements, readParentMeeting, readSpecialistInvolvement } from "../records/meetings";
import { listParentViews, recordParentViews } from "../records/parent-views";

const tags = ["Meetings and advice"];
const formResponses = {
  201: "The record, and the move its decision made",
  400: "Invalid body",
  403: "Your role may not record this or make this decision",
  404: "Not found",
  409: "Stale version, or the decision is not open at the current stage",
  422: "The decision is not made on this form",
  503: "Not saved; retry",
};

/** Meetings with parents (6.65-6.71), specialists involved (6.58-6.59) and parents' views (6.54), under /pupils. */
export const meetingRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .post(
    "/:id/parent-meetings",
    describeRoute({
      summary: "Record a meeting with the parents and what was agreed; it may record its decision (Jersey: meetParents, reviewReportsRecommendations)",
      tags,
      body: parentMeetingInput,
      responses: formResponses,
    }),
    validate("param", pupilIdParam),
    validate("json", parentMeetingInput),
    async (c) => {
      const input = withOneTimeKey(c, c.req.valid("json"));
      const pupil = await authorisePupil(c, c.req.valid("param").id, "recordMeeting");
      if (input.decision) authoriseAlso(c, pupil, "move");
      const { formId, moved } = await submitToCase(c, pupil.id, { kind: "parentMeeting", input });
      return c.json({ parentMeeting: await readParentMeeting(c.var.db, pupil.id, formId), moved }, 201);
    },
  )
  .get(
    "/:id/parent-meetings",
    describeRoute({ summary: "The pupil's meetings with parents, newest first", tags, responses: { 200: "The meetings", 404: "Not found" } }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ parentMeetings: await listParentMeetings(c.var.db, pupil.id) });
    },
  )
  .get(
    "/:id/parent-meetings/:formId",
    describeRoute({ summary: "One meeting with parents", tags, responses: { 200: "The meeting", 404: "Not found" } }),
    validate("param", pupilFormParam),
    async (c) => {
      const { id, formId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "read");
      const parentMeeting = await readParentMeeting(c.var.db, pupil.id, formId);
      if (!parentMeeting) throw notFound("Parent meeting");
      return c.json({ parentMeeting });
    },
  )
  .post(
    "/:id/specialist-involvements",
    describeRoute({
      summary: "Record specialists involved and their advice; it may record its decision (Jersey: seekExternalAdvice)",
      tags,
      body: specialistInvolvementInput,
      responses: formResponses,
    }),
    validate("param", pupilIdParam),
    validate("json", specialistInvolvementInput),
    async (c) => {
      const input = withOneTimeKey(c, c.req.valid("json"));
      const pupil = await authorisePupil(c, c.req.valid("param").id, "recordSpecialistInvolvement");
      if (input.decision) authoriseAlso(c, pupil, "move");
      const { formId, moved } = await submitToCase(c, pupil.id, { kind: "specialistInvolvement", input });
      return c.json({ specialistInvolvement: await readSpecialistInvolvement(c.var.db, pupil.id, formId), moved }, 201);
    },
  )
  .get(
    "/:id/specialist-involvements",
    describeRoute({ summary: "Specialists involved with the pupil, newest first", tags, responses: { 200: "The involvements", 404: "Not found" } }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ specialistInvolvements: await listSpecialistInvolvements(c.var.db, pupil.id) });
    },
  )
  .get(
    "/:id/specialist-involvements/:formId",
    describeRoute({ summary: "One involvement of specialists", tags, responses: { 200: "The involvement", 404: "Not found" } }),
    validate("param", pupilFormParam),
    async (c) => {
      const { id, formId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "read");
      const specialistInvolvement = await readSpecialistInvolvement(c.var.db, pupil.id, formId);
      if (!specialistInvolvement) throw notFound("Specialist involvement");
      return c.json({ specialistInvolvement });
    },
  )
  .post(
    "/:id/parent-views",
    describeRoute({
      summary: "Take down a parent's views before a review",
      tags,
      body: parentViewsInput,
      responses: {
        201: "The views",
        400: "Invalid body",
        403: "Your role may not",
        404: "Not found",
        409: "The record is closed",
        422: "The plan is not this pupil's",
      },
    }),
    validate("param", pupilIdParam),
    validate("json", parentViewsInput),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "recordParentViews");
      const stored = await recordParentViews(
        c.var.db,
        pupil,
        withOneTimeKey(c, c.req.valid("json")),
        { recordedByUserId: c.var.caller.userId },
        new Date().toISOString(),
      );
      if (!stored.ok) throw refusalError(stored.refusal);
      return c.json({ parentViews: stored.views }, 201);
    },
  )
  .get(
    "/:id/parent-views",
    describeRoute({ summary: "Parents' views given before reviews, newest first", tags, responses: { 200: "The views", 404: "Not found" } }),
    validate("param", pupilIdParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ parentViews: await listParentViews(c.var.db, pupil.id) });
    },
  );
