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
import { openTeacherInvitation } from "../staff/invitations";
import { assignPupils, teachingOf, unassignPupils } from "../staff/teaching";

const tags = ["Teachers and their pupils"];
const teacherParam = v.object({ schoolId: entityId, userId: entityId });
const taughtPupilParam = v.object({ schoolId: entityId, userId: entityId, pupilId: entityId });
const invitationParam = v.object({ schoolId: entityId, invitationId: entityId });
const invitedPupilParam = v.object({ schoolId: entityId, invitationId: entityId, pupilId: entityId });

/** The school's SENCO or head, and a teacher of that school: anyone else's teaching is not found here. */
export async function authoriseTeaching(c: Context<AppEnv>, schoolId: string, userId: string) {
  const school = await authoriseSchool(c, schoolId, "manageStaff");
  const teacher = await findMember(c.var.db, { schoolId: school.id }, userId);
  if (!teacher || teacher.role !== "teacher") throw notFound("Teacher");
  return { school, teacher };
}

/** The school's SENCO or head, and a teacher's invitation to the school not yet accepted or withdrawn. */
export async function authoriseInvitedTeaching(c: Context<AppEnv>, schoolId: string, invitationId: string) {
  const school = await authoriseSchool(c, schoolId, "manageStaff");
  const invitation = await openTeacherInvitation(c.var.db, school.id, invitationId);
  if (!invitation) throw notFound("Invitation");
  return { school, invitation };
}

const unknownPupils = (upns: string[]) =>
  new ApiError(422, "unknown_pupils", `No pupil of the school has the unique pupil number ${upns.join(", ")}`, [
    { field: "upns", message: "Every line must be a pupil of the school" },
  ]);

/** Who teaches whom, mounted under /schools: what lets a teacher see a pupil (worker/auth/policy.ts). */
export const teachingRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:schoolId/teachers/:userId/pupils",
    describeRoute({
      summary: "The school's pupils, each saying whether this teacher teaches them",
      tags,
      responses: { 200: "By year group and name", 403: "Only the school's SENCO or head", 404: "Not found" },
    }),
    validate("param", teacherParam),
    async (c) => {
      const { school, teacher } = await authoriseTeaching(c, c.req.valid("param").schoolId, c.req.valid("param").userId);
      return c.json({ teacher, pupils: await teachingOf(c.var.db, school.id, { userId: teacher.userId }) });
    },
  )
  .post(
    "/:schoolId/teachers/:userId/pupils",
    describeRoute({
      summary: "Give a teacher pupils to teach: by id, a whole year group, or a class list of UPNs (all or nothing)",
      tags,
      body: teachingChange,
      responses: {
        200: "How many were added",
        400: "Invalid body",
        403: "Only the school's SENCO or head",
        404: "Not found",
        422: "A UPN of the class list is not a pupil of the school",
      },
    }),
    validate("param", teacherParam),
    validate("json", teachingChange),
    async (c) => {
      const { school, teacher } = await authoriseTeaching(c, c.req.valid("param").schoolId, c.req.valid("param").userId);
      const result = await assignPupils(c.var.db, school.id, { userId: teacher.userId }, c.req.valid("json"));
      if (result.unknownUpns.length) throw unknownPupils(result.unknownUpns);
      return c.json({ added: result.added });
    },
  )
  .delete(
    "/:schoolId/teachers/:userId/pupils/:pupilId",
    describeRoute({
      summary: "Stop a teacher teaching a pupil",
      tags,
      responses: { 204: "No longer taught", 403: "Only the school's SENCO or head", 404: "Not found" },
    }),
    validate("param", taughtPupilParam),
    async (c) => {
      const { schoolId, userId, pupilId } = c.req.valid("param");
      const { school, teacher } = await authoriseTeaching(c, schoolId, userId);
      await unassignPupils(c.var.db, school.id, { userId: teacher.userId }, [pupilId]);
      return c.body(null, 204);
    },
  )
  .get(
    "/:schoolId/invitations/:invitationId/pupils",
    describeRoute({
      summary: "The school's pupils, each saying whether the teacher invited will teach them once they accept",
      tags,
      responses: { 200: "By year group and name", 403: "Only the school's SENCO or head", 404: "Not found, accepted or withdrawn" },
    }),
    validate("param", invitationParam),
    async (c) => {
      const { school, invitation } = await authoriseInvitedTeaching(c, c.req.valid("param").schoolId, c.req.valid("param").invitationId);
      return c.json({ invitation, pupils: await teachingOf(c.var.db, school.id, { invitationId: invitation.id }) });
    },
  )
  .post(
    "/:schoolId/invitations/:invitationId/pupils",
    describeRoute({
      summary: "Give a teacher still invited pupils to teach (theirs when they accept; gone if the invitation is withdrawn)",
      tags,
      body: teachingChange,
      responses: {
        200: "How many were added",
        400: "Invalid body",
        403: "Only the school's SENCO or head",
        404: "Not found, accepted or withdrawn",
        422: "A UPN of the class list is not a pupil of the school",
      },
    }),
    validate("param", invitationParam),
    validate("json", teachingChange),
    async (c) => {
      const { school, invitation } = await authoriseInvitedTeaching(c, c.req.valid("param").schoolId, c.req.valid("param").invitationId);
      const result = await assignPupils(c.var.db, school.id, { invitationId: invitation.id }, c.req.valid("json"));
      if (result.unknownUpns.length) throw unknownPupils(result.unknownUpns);
      return c.json({ added: result.added });
    },
  )
  .delete(
    "/:schoolId/invitations/:invitationId/pupils/:pupilId",
    describeRoute({
      summary: "Take a pupil from a teacher still invited",
      tags,
      responses: { 204: "No longer given", 403: "Only the school's SENCO or head", 404: "Not found, accepted or withdrawn" },
    }),
    validate("param", invitedPupilParam),
    async (c) => {
      const { schoolId, invitationId, pupilId } = c.req.valid("param");
      const { school, invitation } = await authoriseInvitedTeaching(c, schoolId, invitationId);
      await unassignPupils(c.var.db, school.id, { invitationId: invitation.id }, [pupilId]);
      return c.body(null, 204);
    },
  );
