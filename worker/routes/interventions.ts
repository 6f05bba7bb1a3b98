import { Hono } from "hono";
import { interventionInput, interventionParam, interventionUpdate, schoolIdParam } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseSchool } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";
import { createIntervention, deleteIntervention, listInterventions, readIntervention, updateIntervention } from "../records/interventions";
import { recordRefusalError } from "../http/refusals";

const tags = ["Provision map"];
const now = () => new Date().toISOString();

/** A school's provision map (SEND Code 6.76-6.77), mounted under /schools. Its SENCO and head keep it; the LA reads it. */
export const interventionRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:schoolId/interventions",
    describeRoute({ summary: "The interventions of the school's provision map", tags, responses: { 200: "The interventions", 404: "Not found" } }),
    validate("param", schoolIdParam),
    async (c) => {
      const school = await authoriseSchool(c, c.req.valid("param").schoolId, "read");
      return c.json({ interventions: await listInterventions(c.var.db, school.id) });
    },
  )
  .post(
    "/:schoolId/interventions",
    describeRoute({
      summary: "Add an intervention to the provision map",
      tags,
      body: interventionInput,
      responses: { 201: "The intervention", 400: "Invalid body", 403: "Only the school's SENCO or head", 404: "Not found", 409: "Name already used" },
    }),
    validate("param", schoolIdParam),
    validate("json", interventionInput),
    async (c) => {
      const school = await authoriseSchool(c, c.req.valid("param").schoolId, "manageInterventions");
      const created = await createIntervention(c.var.db, school.id, c.req.valid("json"), now());
      if (!created.ok) throw recordRefusalError(created.refusal);
      return c.json({ intervention: created.intervention }, 201);
    },
  )
  .get(
    "/:schoolId/interventions/:interventionId",
    describeRoute({ summary: "One intervention", tags, responses: { 200: "The intervention", 404: "Not found" } }),
    validate("param", interventionParam),
    async (c) => {
      const { schoolId, interventionId } = c.req.valid("param");
      const school = await authoriseSchool(c, schoolId, "read");
      const intervention = await readIntervention(c.var.db, school.id, interventionId);
      if (!intervention) throw notFound("Intervention");
      return c.json({ intervention });
    },
  )
  .patch(
    "/:schoolId/interventions/:interventionId",
    describeRoute({
      summary: "Change an intervention (or mark it inactive)",
      tags,
      body: interventionUpdate,
      responses: { 200: "The intervention", 400: "Invalid body", 403: "Only the school's SENCO or head", 404: "Not found", 409: "Name already used" },
    }),
    validate("param", interventionParam),
    validate("json", interventionUpdate),
    async (c) => {
      const { schoolId, interventionId } = c.req.valid("param");
      const school = await authoriseSchool(c, schoolId, "manageInterventions");
      const updated = await updateIntervention(c.var.db, school.id, interventionId, c.req.valid("json"));
      if (!updated.ok) throw recordRefusalError(updated.refusal);
      if (!updated.intervention) throw notFound("Intervention");
      return c.json({ intervention: updated.intervention });
    },
  )
  .delete(
    "/:schoolId/interventions/:interventionId",
    describeRoute({
      summary: "Remove an intervention no plan has used",
      tags,
      responses: { 204: "Removed", 403: "Only the school's SENCO or head", 404: "Not found", 409: "Plans name it: mark it inactive instead" },
    }),
    validate("param", interventionParam),
    async (c) => {
      const { schoolId, interventionId } = c.req.valid("param");
      const school = await authoriseSchool(c, schoolId, "manageInterventions");
      const deleted = await deleteIntervention(c.var.db, school.id, interventionId);
      if (deleted === "notFound") throw notFound("Intervention");
      if (deleted !== "deleted") throw recordRefusalError(deleted.refusal);
      return c.body(null, 204);
    },
  );
