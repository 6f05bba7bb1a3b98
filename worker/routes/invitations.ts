import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId, staffInvitation, type StaffInvitationInput } from "../../schema/inputs";
import { localAuthorities, staffInvitations } from "../../schema/tables";
import type { AppEnv } from "../app-env";
import { enforce } from "../auth/authorise";
import { invitationAccess } from "../auth/policy";
import { requireStaff } from "../auth/require-staff";
import { ApiError, notFound } from "../http/errors";
import { withOneTimeKey } from "../http/one-time-key";
import { describeRoute } from "../http/openapi";
import { publicOrigin } from "../http/public-origin";
import { validate } from "../http/validate";
import { readSchool } from "../pupils/queries";
import { inviteStaff, listInvitations, revokeInvitation, type InvitationScope } from "../staff/invitations";

const tags = ["Staff invitations"];
const idParam = v.object({ id: entityId });
const missing = (field: string, message: string) => new ApiError(400, "invalid_json", message, [{ field, message }]);

/** Where the invited person will work, checked against the policy: 404 outside the inviter's scope, 403 above their role. */
async function authoriseInvitation(c: Context<AppEnv>, input: Pick<StaffInvitationInput, "role" | "schoolId" | "laId">): Promise<InvitationScope> {
  const caller = c.var.caller;
  if (input.role === "admin") {
    enforce(invitationAccess(caller, { role: "admin", school: null, laId: null }), "Invitation");
    return { laId: null, schoolId: null };
  }
  if (input.role === "laOfficer") {
    const laId = input.laId ?? caller.laId;
    if (!laId) throw missing("laId", "Choose the local authority the officer works for");
    const la = await c.var.db.select({ id: localAuthorities.id }).from(localAuthorities).where(eq(localAuthorities.id, laId)).get();
    if (!la) throw notFound("Local authority");
    enforce(invitationAccess(caller, { role: input.role, school: null, laId }), "Invitation");
    return { laId, schoolId: null };
  }
  if (!input.schoolId) throw missing("schoolId", "Choose the school the person works at");
  const school = await readSchool(c.var.db, input.schoolId);
  if (!school) throw notFound("School");
  enforce(invitationAccess(caller, { role: input.role, school, laId: school.laId }), "School");
  return { laId: school.laId, schoolId: school.id };
}

export const invitationRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/",
    describeRoute({ summary: "Invitations you manage (never their secrets)", tags, responses: { 200: "Newest first", 403: "Teachers invite nobody" } }),
    async (c) => {
      if (c.var.caller.role === "teacher") enforce("forbidden", "Invitation");
      return c.json({ invitations: await listInvitations(c.var.db, c.var.caller) });
    },
  )
  .post(
    "/",
    describeRoute({
      summary: "Invite a member of staff: the link (valid 7 days, usable once) is emailed; only its hash is kept",
      tags,
      body: staffInvitation,
      responses: { 201: "Invited", 400: "Invalid body", 403: "Above your role", 404: "No such school or LA" },
    }),
    validate("json", staffInvitation),
    async (c) => {
      const input = withOneTimeKey(c, c.req.valid("json"));
      const scope = await authoriseInvitation(c, input);
      const invitation = await inviteStaff(c.var.db, input, scope, c.var.caller.userId, publicOrigin(c.env), new Date());
      const { acceptUrl: _sentByEmailOnly, ...shown } = invitation;
      return c.json({ invitation: shown }, 201);
    },
  )
  .post(
    "/:id/revoke",
    describeRoute({ summary: "Revoke an invitation not yet accepted", tags, responses: { 204: "Revoked", 403: "Above your role", 404: "Not found" } }),
    validate("param", idParam),
    async (c) => {
      const invitation = await c.var.db
        .select()
        .from(staffInvitations)
        .where(eq(staffInvitations.id, c.req.valid("param").id))
        .get();
      if (!invitation) throw notFound("Invitation");
      await authoriseInvitation(c, { role: invitation.role, schoolId: invitation.schoolId ?? undefined, laId: invitation.laId ?? undefined });
      await revokeInvitation(c.var.db, invitation.id, new Date());
      return c.body(null, 204);
    },
  );
