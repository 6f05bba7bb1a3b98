import { Hono } from "hono";
import * as v from "valibot";
import { entityId, moveRequest, pupilEnrolment, recordOfConcern } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authorisePupil, authorisePupilChange, authoriseSchool } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { describeRoute } from "../http/openapi";
import { withOneTimeKey } from "../http/one-time-key";
import { formStoredBySameKey } from "../records/one-time-keys";
import { recordRefusalError, refusalError, writeFailedError } from "../http/refusals";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";
import { enrolPupil } from "../pupils/enrol";
import { describePupil, listPupils, pupilView, readHistory, readPupil } from "../pupils/queries";

const pupilParam = v.object({ id: entityId });
const pupilListQuery = v.object({
  schoolId: v.optional(entityId),
  stage: v.optional(v.pipe(v.string(), v.maxLength(64))),
  after: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200)), "50"),
});

const tags = ["Pupils"];
const now = () => new Date().toISOString();

export const pupilRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/",
    describeRoute({
      summary: "List the pupils you may see, by name, a page at a time",
      tags,
      query: pupilListQuery,
      responses: { 200: "A page of pupils", 400: "Bad query" },
    }),
    validate("query", pupilListQuery),
    async (c) => {
      const query = c.req.valid("query");
      await auditStaff(c, { action: "read", resource: "pupilList", schoolId: query.schoolId ?? null, laId: c.var.caller.laId });
      return c.json(await listPupils(c.var.db, c.var.caller, { ...query, limit: query.limit }));
    },
  )
  .post(
    "/",
    describeRoute({
      summary: "Enrol a pupil at their school's framework's first stage, or at the stage an existing register records",
      tags,
      body: pupilEnrolment,
      responses: { 201: "The pupil", 400: "Invalid body", 403: "Your role may not add pupils", 404: "No such school", 409: "UPN already recorded" },
    }),
    validate("json", pupilEnrolment),
    async (c) => {
      const enrolment = c.req.valid("json");
      const school = await authoriseSchool(c, enrolment.schoolId, "addPupil");
      const enrolled = await enrolPupil(c.var.db, school, enrolment, c.var.caller, now());
      const pupilId = enrolled.ok ? enrolled.id : null;
      auditStaff(c, { action: "create", resource: "pupil", resourceId: pupilId, pupilId, schoolId: school.id, laId: school.laId });
      if (!enrolled.ok) throw recordRefusalError(enrolled.refusal);
      const pupil = await readPupil(c.var.db, enrolled.id);
      return c.json({ pupil: pupil && (await pupilView(c.var.db, pupil)) }, 201);
    },
  )
  .get(
    "/:id",
    describeRoute({ summary: "A pupil: stage, census code, open decisions and running clocks", tags, responses: { 200: "The pupil", 404: "Not found" } }),
    validate("param", pupilParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ pupil: await pupilView(c.var.db, pupil) });
    },
  )
  .get(
    "/:id/history",
    describeRoute({
      summary: "Every move of the pupil: who, when, from, to, why and on which form",
      tags,
      responses: { 200: "The events in order", 404: "Not found" },
    }),
    validate("param", pupilParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "read");
      return c.json({ pupilId: pupil.id, version: pupil.version, events: await readHistory(c.var.db, pupil.id) });
    },
  )
  .post(
    "/:id/concerns",
    describeRoute({
      summary: "Raise a Record of Concern (seed 000); moves the pupil where the framework says a concern does",
      tags,
      body: recordOfConcern,
      responses: { 201: "The concern, and the move it made", 400: "Invalid body", 404: "Not found", 503: "Not saved; retry" },
    }),
    validate("param", pupilParam),
    validate("json", recordOfConcern),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "raiseConcern");
      const actor = { userId: c.var.caller.userId, role: c.var.caller.role };
      const submission = { kind: "recordOfConcern", input: withOneTimeKey(c, c.req.valid("json")) } as const;
      const outcome = await pupilCaseFor(c.env, pupil.id).submitForm(pupil.id, submission, actor, now());
      if (!outcome.ok) {
        // A double submission: the first one's concern is the answer.
        const earlier = await formStoredBySameKey(c.var.db, pupil.id, submission);
        if (earlier) return c.json({ concernId: earlier, moved: null }, 201);
        throw "refusal" in outcome ? refusalError(outcome.refusal) : writeFailedError(outcome.writeFailed.message);
      }
      const moved = outcome.moved && { event: outcome.moved.event, obligations: outcome.moved.obligations };
      return c.json({ concernId: outcome.formId, moved }, 201);
    },
  )
  .post(
    "/:id/transitions",
    describeRoute({
      summary: "Apply a decision (a move) to the pupil, against the version you saw",
      tags,
      body: moveRequest,
      responses: {
        200: "The pupil after the move, the event and what the school must now do",
        400: "Invalid body or unknown move",
        403: "Your role may not move pupils",
        404: "Not found",
        409: "Stale version, or not allowed from the current stage",
        422: "The form the move needs is missing",
        503: "Not saved; retry",
      },
    }),
    validate("param", pupilParam),
    validate("json", moveRequest),
    async (c) => {
      const { pupil, audit } = await authorisePupilChange(c, c.req.valid("param").id, "move");
      const request = c.req.valid("json");
      const command = {
        move: request.move,
        expectedVersion: request.expectedVersion,
        actor: { userId: c.var.caller.userId, role: c.var.caller.role },
        reason: request.reason ?? null,
        form: request.form ?? null,
      };
      const outcome = await pupilCaseFor(c.env, pupil.id).move(pupil.id, command, now(), audit);
      if (!outcome.ok) throw "refusal" in outcome ? refusalError(outcome.refusal) : writeFailedError(outcome.writeFailed.message);
      const { after } = outcome;
      return c.json({ pupil: describePupil(after.pupil, after.runningClocks), event: outcome.event, obligations: outcome.obligations });
    },
  );
