import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId, teachingChange } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseSchool } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { ApiError, notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";
import { findMember } from "../staff/members";
import { assignPupils, teachingOf, unassignPupils } from "../staff/teaching";

const tags = ["Teachers and their pupils"];
const teacherParam = v.object({ schoolId: entityId, userId: entityId });
const taughtPupilParam = v.object({ schoolId: entityId, userId: entityId, pupilId: entityId });

/** The school's SENCO or head, and a teacher of that school: anyone else's teaching is not found here. */
export async function authoriseTeaching(c: Context<AppEnv>, schoolId: string, userId: string) {
  const school = await authoriseSchool(c, schoolId, "manageStaff");
  const teacher = await findMember(c.var.db, { schoolId: school.id }, userId);
  if (!teacher || teacher.role !== "teacher") throw notFound("Teacher");
  return { school, teacher };
}

/** Who teaches whom, mounted under /schools: what lets a teacher see a pupil (worker/auth/policy.ts). */
export const teachingRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:schoolId/teachers/:userId/pupils",
    describeRoute({ summary: "The school's pupils, each saying whether this teacher teaches them", tags, responses: { 200: "By year group and name", 403: "Only the school's SENCO or head", 404: "Not found" } }),
    validate("param", teacherParam),
    async (c) => {
      const { school, teacher } = await authoriseTeaching(c, c.req.valid("param").schoolId, c.req.valid("param").userId);
      return c.json({ teacher, pupils: await teachingOf(c.var.db, school.id, teacher.userId) });
    },
  )
  .post(
    "/:schoolId/teachers/:userId/pupils",
    describeRoute({
      summary: "Give a teacher pupils to teach: by id, a whole year group, or a class list of UPNs (all or nothing)",
      tags,
      body: teachingChange,
      responses: { 200: "How many were added", 400: "Invalid body", 403: "Only the school's SENCO or head", 404: "Not found", 422: "A UPN of the class list is not a pupil of the school" },
    }),
    validate("param", teacherParam),
    validate("json", teachingChange),
    async (c) => {
      const { school, teacher } = await authoriseTeaching(c, c.req.valid("param").schoolId, c.req.valid("param").userId);
      const result = await assignPupils(c.var.db, school.id, teacher.userId, c.req.valid("json"));
      if (result.unknownUpns.length) {
        throw new ApiError(422, "unknown_pupils", `No pupil of the school has the unique pupil number ${result.unknownUpns.join(", ")}`, [{ field: "upns", message: "Every line must be a pupil of the school" }]);
      }
      return c.json({ added: result.added });
    },
  )
  .delete(
    "/:schoolId/teachers/:userId/pupils/:pupilId",
    describeRoute({ summary: "Stop a teacher teaching a pupil", tags, responses: { 204: "No longer taught", 403: "Only the school's SENCO or head", 404: "Not found" } }),
    validate("param", taughtPupilParam),
    async (c) => {
      const { schoolId, userId, pupilId } = c.req.valid("param");
      const { school, teacher } = await authoriseTeaching(c, schoolId, userId);
      await unassignPupils(c.var.db, school.id, teacher.userId, [pupilId]);
      return c.body(null, 204);
    },
  );
