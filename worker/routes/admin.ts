import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { entityId, localAuthorityChange, localAuthorityInput, schoolChange, schoolInput } from "../../schema/inputs";
import { addLocalAuthority, addSchool, changeLocalAuthority, changeSchool, listLocalAuthorities, listSchools } from "../admin/directory";
import type { AppEnv } from "../app-env";
import type { RecordRefusal } from "../records/refusal";
import { enforce } from "../auth/authorise";
import { adminAccess } from "../auth/policy";
import { requireStaff } from "../auth/require-staff";
import { describeRoute } from "../http/openapi";
import { recordRefusalError } from "../http/refusals";
import { validate } from "../http/validate";

const tags = ["Admin"];
const idParam = v.object({ id: entityId });
const schoolQuery = v.object({ laId: v.optional(entityId) });

/** The directory's answer: the saved row, or its refusal mapped to HTTP. */
function savedOrRefused<T>(result: { ok: true; value: T } | { ok: false; refusal: RecordRefusal }): T {
  if (!result.ok) throw recordRefusalError(result.refusal);
  return result.value;
}

const requireAdmin = () =>
  createMiddleware<AppEnv>(async function requireAdmin(c, next) {
    enforce(adminAccess(c.var.caller), "Directory");
    await next();
  });

export const adminRoutes = new Hono<AppEnv>()
  .use(requireStaff(), requireAdmin())
  .get("/las", describeRoute({ summary: "Every local authority", tags, responses: { 200: "By name", 403: "Admins only" } }), async (c) =>
    c.json({ localAuthorities: await listLocalAuthorities(c.var.db) }),
  )
  .post(
    "/las",
    describeRoute({
      summary: "Add a local authority",
      tags,
      body: localAuthorityInput,
      responses: { 201: "Added", 400: "Invalid body", 403: "Admins only", 409: "LA number taken" },
    }),
    validate("json", localAuthorityInput),
    async (c) => c.json({ localAuthority: savedOrRefused(await addLocalAuthority(c.var.db, c.req.valid("json"))) }, 201),
  )
  .patch(
    "/las/:id",
    describeRoute({
      summary: "Change a local authority (name, number, region, retention)",
      tags,
      body: localAuthorityChange,
      responses: { 200: "Changed", 400: "Invalid body", 403: "Admins only", 404: "Not found", 409: "LA number taken" },
    }),
    validate("param", idParam),
    validate("json", localAuthorityChange),
    async (c) => c.json({ localAuthority: savedOrRefused(await changeLocalAuthority(c.var.db, c.req.valid("param").id, c.req.valid("json"))) }),
  )
  .get(
    "/schools",
    describeRoute({ summary: "Every school, or one LA's", tags, query: schoolQuery, responses: { 200: "By name", 403: "Admins only" } }),
    validate("query", schoolQuery),
    async (c) => c.json({ schools: await listSchools(c.var.db, c.req.valid("query").laId) }),
  )
  .post(
    "/schools",
    describeRoute({
      summary: "Add a school: public slug, framework, region, allowed embed origins",
      tags,
      body: schoolInput,
      responses: { 201: "Added", 400: "Invalid body", 403: "Admins only", 404: "No such LA", 409: "URN or slug taken" },
    }),
    validate("json", schoolInput),
    async (c) => c.json({ school: savedOrRefused(await addSchool(c.var.db, c.req.valid("json"))) }, 201),
  )
  .patch(
    "/schools/:id",
    describeRoute({
      summary: "Change a school",
      tags,
      body: schoolChange,
      responses: { 200: "Changed", 400: "Invalid body", 403: "Admins only", 404: "Not found", 409: "URN or slug taken" },
    }),
    validate("param", idParam),
    validate("json", schoolChange),
    async (c) => c.json({ school: savedOrRefused(await changeSchool(c.var.db, c.req.valid("param").id, c.req.valid("json"))) }),
  );
