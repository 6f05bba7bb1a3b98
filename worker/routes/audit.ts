import { Hono } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseSchool, enforce } from "../auth/authorise";
import { auditScope } from "../auth/policy";
import { requireStaff } from "../auth/require-staff";
import { readAuditLog } from "../audit/queries";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";

const auditQuery = v.object({
  schoolId: v.optional(entityId),
  pupilId: v.optional(entityId),
  before: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200)), "50"),
});

export const auditRoutes = new Hono<AppEnv>().use(requireStaff()).get(
  "/",
  describeRoute({
    summary: "Who saw or changed which pupil's record, when and from where: a head's schools, an LA officer's LA",
    tags: ["Audit"],
    query: auditQuery,
    responses: { 200: "A page of entries, newest first", 400: "Bad query", 403: "Your role may not read the audit log", 404: "No such school" },
  }),
  validate("query", auditQuery),
  async (c) => {
    const query = c.req.valid("query");
    const scope = auditScope(c.var.caller);
    if (!scope) return enforce("forbidden", "Audit log");
    if (query.schoolId) await authoriseSchool(c, query.schoolId, "readAudit");
    return c.json(await readAuditLog(c.var.db, scope, { ...query, limit: query.limit }));
  },
);
