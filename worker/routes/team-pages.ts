import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { mailboxForm, roleChangeForm as roleForm, staffInviteForm as inviteForm, teachingForm } from "../../schema/staff-forms/administration";
import { localAuthorities, staffInvitations, staffUsers } from "../../schema/tables";
import { yearGroups, type StaffRole } from "../../schema/vocab";
import type { AppEnv } from "../app-env";
import { auditStaff, type AuditEntry } from "../audit/record";
import { authoriseSchool, enforce } from "../auth/authorise";
import { invitationAccess, laOfficersAccess, memberAccess, type Access } from "../auth/policy";
import { requireStaff } from "../auth/require-staff";
import { emptyForm } from "../html";
import { postedFields } from "../forms/http";
import { checkForm, type FormError } from "../forms/shared/check-form";
import type { RawFields } from "../forms/shared/read-fields";
import { staffPages } from "../forms/staff-pages";
import { removalPage, roleSelectId, teachingPage, teamPage, type OpenInvitation, type TaughtBy, type Team, type TeamForms } from "../forms/templates/staff";
import { notFound } from "../http/errors";
import { publicOrigin } from "../http/public-origin";
import { validate } from "../http/validate";
import { inviteStaff, listInvitations, openTeacherInvitation, resendInvitation, revokeInvitation } from "../staff/invitations";
import {
  changeRole,
  findMember,
  laOfficers,
  removeFromSchool,
  removeOfficer,
  schoolMembers,
  setLaMailbox,
  setSchoolMailbox,
  type Member,
} from "../staff/members";
import { assignPupils, teachingOf, unassignPupils, type Teacher } from "../staff/teaching";

/**
 * The staff of a school (its head and SENCO) and the officers of an LA (its officers), as pages (issue 17). One set of
 * pages over both: a "team" says who is in it, what the caller may do to whom, and where its invitations go.
 */

type Resolved = {
  team: Team;
  members: Member[];
  scope: { laId: string; schoolId: string | null };
  inviteAccess: (role: StaffRole) => Access;
  changeAccess: (member: Member, newRole?: StaffRole) => Access;
  remove: (userId: string) => Promise<void>;
  setMailbox: (mailbox: string | null) => Promise<void>;
};
type Resolve = (c: Context<AppEnv>, teamId: string) => Promise<Resolved>;

const schoolRoles = ["teacher", "senco", "head"] as const satisfies StaffRole[];

const resolveSchool: Resolve = async (c, schoolId) => {
  const school = await authoriseSchool(c, schoolId, "manageStaff");
  const caller = c.var.caller;
  const scopeOf = (role: StaffRole) => ({ role, school, laId: school.laId });
  const members = await schoolMembers(c.var.db, school.id);
  const changeAccess = (member: Member, newRole?: StaffRole) => memberAccess(caller, { userId: member.userId, ...scopeOf(member.role) }, newRole);
  const base = `/staff/schools/${school.id}/staff`;
  return {
    team: {
      name: school.name,
      base,
      mailbox: school.mailbox,
      mailboxHint: "For example senco@yourschool.sch.uk. It gets the school's notices and daily digests beside the named SENCOs, and stays when they leave.",
      roles: schoolRoles.filter((role) => invitationAccess(caller, scopeOf(role)) === "granted"),
      changeable: new Set(members.filter((member) => changeAccess(member) === "granted").map((member) => member.userId)),
      teachingOf: (member) => (member.role === "teacher" ? `${base}/${member.userId}/pupils` : null),
      invitedTeachingOf: (invitation) => (invitation.role === "teacher" ? `${base}/invitations/${invitation.id}/pupils` : null),
    },
    members,
    scope: { laId: school.laId, schoolId: school.id },
    inviteAccess: (role) => invitationAccess(caller, scopeOf(role)),
    changeAccess,
    remove: (userId) => removeFromSchool(c.var.db, userId, school.id),
    setMailbox: (mailbox) => setSchoolMailbox(c.var.db, school.id, mailbox),
  };
};

const resolveLa: Resolve = async (c, laId) => {
  const caller = c.var.caller;
  enforce(laOfficersAccess(caller, laId), "Local authority");
  const la = await c.var.db.select().from(localAuthorities).where(eq(localAuthorities.id, laId)).get();
  if (!la) throw notFound("Local authority");
  const scopeOf = (role: StaffRole) => ({ role, school: null, laId: la.id });
  const members = await laOfficers(c.var.db, la.id);
  const changeAccess = (member: Member, newRole?: StaffRole) => memberAccess(caller, { userId: member.userId, ...scopeOf(member.role) }, newRole);
  return {
    team: {
      name: la.name,
      base: `/staff/las/${la.id}/officers`,
      mailbox: la.mailbox,
      mailboxHint:
        "For example sen.team@yourcouncil.gov.uk. It gets the local authority's notices and daily digests beside the named officers, and stays when they leave.",
      roles: ["laOfficer"],
      changeable: new Set(members.filter((member) => changeAccess(member) === "granted").map((member) => member.userId)),
    },
    members,
    scope: { laId: la.id, schoolId: null },
    inviteAccess: (role) => invitationAccess(caller, scopeOf(role)),
    changeAccess,
    remove: (userId) => removeOfficer(c.var.db, userId),
    setMailbox: (mailbox) => setLaMailbox(c.var.db, la.id, mailbox),
  };
};

const teamParam = v.object({ teamId: entityId });
const memberParam = v.object({ teamId: entityId, userId: entityId });
const invitationParam = v.object({ teamId: entityId, invitationId: entityId });

const notices: Record<string, string> = {
  invited: "The invitation is sent.",
  resent: "The invitation is sent again, with a new link; the old one no longer works.",
  withdrawn: "The invitation is withdrawn: its link no longer works.",
  role: "The role is changed. They sign in again to use it.",
  removed: "They are removed and signed out.",
  mailbox: "The shared mailbox is saved.",
  added: "The pupils are added.",
  stopped: "They no longer teach the ticked pupils.",
};

async function openInvitations(c: Context<AppEnv>, scope: Resolved["scope"]): Promise<OpenInvitation[]> {
  const now = new Date().toISOString();
  return (await listInvitations(c.var.db, c.var.caller)).filter(
    (invitation) =>
      invitation.laId === scope.laId && invitation.schoolId === scope.schoolId && !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > now,
  );
}

async function teamInvitation(c: Context<AppEnv>, resolved: Resolved, invitationId: string) {
  const invitation = await c.var.db.select().from(staffInvitations).where(eq(staffInvitations.id, invitationId)).get();
  const open = invitation && !invitation.acceptedAt && !invitation.revokedAt;
  if (!open || invitation.laId !== resolved.scope.laId || invitation.schoolId !== resolved.scope.schoolId) throw notFound("Invitation");
  enforce(resolved.inviteAccess(invitation.role), "Invitation");
  return invitation;
}

function member(resolved: Resolved, userId: string) {
  const found = resolved.members.find((candidate) => candidate.userId === userId);
  if (!found) throw notFound("Member of staff");
  return found;
}

/** A class list is typed one number a line; an error on any line points at the box. */
const withLines = (fields: RawFields): RawFields => ({
  ...fields,
  upns: [fields.upns ?? ""]
    .flat()
    .join("\n")
    .split(/[\r\n,;]+/),
});
const onBox = (errors: FormError[]) =>
  errors.map((error) => (error.field.startsWith("upns.") ? { ...error, field: "upns" } : error.field === "" ? { ...error, field: "upns" } : error));

/** Who may do what is the school's or LA's record too: every change to its staff is in its audit log, with its outcome. */
const auditTeam = (c: Context<AppEnv>, resolved: Resolved, action: AuditEntry["action"], resource: string, resourceId: string | null) =>
  auditStaff(c, { action, resource, resourceId, schoolId: resolved.scope.schoolId, laId: resolved.scope.laId });

function teamPages(resolve: Resolve) {
  const render = async (c: Context<AppEnv>, resolved: Resolved, forms: TeamForms, status: 200 | 422 = 200) =>
    c.html(teamPage(resolved.team, resolved.members, await openInvitations(c, resolved.scope), forms, notices[c.req.query("done") ?? ""]), status);
  const done = (c: Context<AppEnv>, resolved: Resolved, what: keyof typeof notices, path = "") => c.redirect(`${resolved.team.base}${path}?done=${what}`, 303);
  const blank = { invite: emptyForm(), mailbox: emptyForm() };

  return new Hono<AppEnv>()
    .use(staffPages(), requireStaff())
    .get("/", validate("param", teamParam), async (c) => render(c, await resolve(c, c.req.valid("param").teamId), blank))
    .post("/invitations", validate("param", teamParam), async (c) => {
      const resolved = await resolve(c, c.req.valid("param").teamId);
      const fields = await postedFields(c.req);
      const checked = checkForm(inviteForm, fields);
      auditTeam(c, resolved, "create", "staffInvitation", null);
      const again = (errors: FormError[]) => render(c, resolved, { ...blank, invite: { values: fields, errors } }, 422);
      if (!checked.ok) return again(checked.errors);
      if (resolved.inviteAccess(checked.output.role) !== "granted") return again([{ field: "role", message: "Choose a role no higher than your own" }]);
      const existing = await c.var.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, checked.output.email)).get();
      if (existing) return again([{ field: "email", message: "There is already an account for this email address" }]);
      await inviteStaff(c.var.db, checked.output, resolved.scope, c.var.caller.userId, publicOrigin(c.env), new Date());
      return done(c, resolved, "invited");
    })
    .post("/invitations/:invitationId/resend", validate("param", invitationParam), async (c) => {
      const resolved = await resolve(c, c.req.valid("param").teamId);
      auditTeam(c, resolved, "update", "staffInvitationResent", c.req.valid("param").invitationId);
      const invitation = await teamInvitation(c, resolved, c.req.valid("param").invitationId);
      await resendInvitation(c.var.db, invitation, resolved.scope, c.var.caller.userId, publicOrigin(c.env), new Date());
      return done(c, resolved, "resent");
    })
    .post("/invitations/:invitationId/withdraw", validate("param", invitationParam), async (c) => {
      const resolved = await resolve(c, c.req.valid("param").teamId);
      auditTeam(c, resolved, "update", "staffInvitationWithdrawn", c.req.valid("param").invitationId);
      const invitation = await teamInvitation(c, resolved, c.req.valid("param").invitationId);
      await revokeInvitation(c.var.db, invitation.id, new Date());
      return done(c, resolved, "withdrawn");
    })
    .post("/mailbox", validate("param", teamParam), async (c) => {
      const resolved = await resolve(c, c.req.valid("param").teamId);
      const fields = await postedFields(c.req);
      const checked = checkForm(mailboxForm, fields);
      auditTeam(c, resolved, "update", "sharedMailbox", resolved.scope.schoolId ?? resolved.scope.laId);
      if (!checked.ok) return render(c, resolved, { ...blank, mailbox: { values: fields, errors: checked.errors } }, 422);
      await resolved.setMailbox(checked.output.mailbox ?? null);
      return done(c, resolved, "mailbox");
    })
    .post("/:userId/role", validate("param", memberParam), async (c) => {
      const resolved = await resolve(c, c.req.valid("param").teamId);
      auditTeam(c, resolved, "update", "staffRole", c.req.valid("param").userId);
      const target = member(resolved, c.req.valid("param").userId);
      const checked = checkForm(roleForm, await postedFields(c.req));
      if (!checked.ok)
        return render(c, resolved, { ...blank, role: checked.errors.map((error) => ({ field: roleSelectId(target.userId), message: error.message })) }, 422);
      enforce(resolved.changeAccess(target, checked.output.role), "Member of staff");
      if (checked.output.role !== target.role) await changeRole(c.var.db, target.userId, checked.output.role);
      return done(c, resolved, "role");
    })
    .get("/:userId/remove", validate("param", memberParam), async (c) => {
      const resolved = await resolve(c, c.req.valid("param").teamId);
      const target = member(resolved, c.req.valid("param").userId);
      enforce(resolved.changeAccess(target), "Member of staff");
      return c.html(removalPage(resolved.team, target));
    })
    .post("/:userId/remove", validate("param", memberParam), async (c) => {
      const resolved = await resolve(c, c.req.valid("param").teamId);
      auditTeam(c, resolved, "update", "staffRemoved", c.req.valid("param").userId);
      const target = member(resolved, c.req.valid("param").userId);
      enforce(resolved.changeAccess(target), "Member of staff");
      await resolved.remove(target.userId);
      return done(c, resolved, "removed");
    });
}

/** A teacher of the school and the pupils they teach: the SENCO's or head's to set. */
async function teacherOf(c: Context<AppEnv>, schoolId: string, userId: string): Promise<TeachingTarget> {
  const resolved = await resolveSchool(c, schoolId);
  const teacher = await findMember(c.var.db, { schoolId }, userId);
  if (!teacher || teacher.role !== "teacher") throw notFound("Teacher");
  return {
    resolved,
    schoolId,
    teacher: { userId: teacher.userId },
    shown: { name: teacher.name, href: `${resolved.team.base}/${teacher.userId}/pupils`, invited: false },
    auditId: teacher.userId,
  };
}

/** A teacher still invited: their pupils wait on the invitation until they accept it. */
async function invitedTeacherOf(c: Context<AppEnv>, schoolId: string, invitationId: string): Promise<TeachingTarget> {
  const resolved = await resolveSchool(c, schoolId);
  const invitation = await openTeacherInvitation(c.var.db, schoolId, invitationId);
  if (!invitation) throw notFound("Invitation");
  enforce(resolved.inviteAccess(invitation.role), "Invitation");
  return {
    resolved,
    schoolId,
    teacher: { invitationId: invitation.id },
    shown: { name: invitation.name, href: `${resolved.team.base}/invitations/${invitation.id}/pupils`, invited: true },
    auditId: invitation.id,
  };
}

type TeachingTarget = { resolved: Resolved; schoolId: string; teacher: Teacher; shown: TaughtBy; auditId: string };

/** The pupils one teacher (or invitation) teaches: read, add to, take from. */
async function showTeaching(c: Context<AppEnv>, { resolved, schoolId, teacher, shown }: TeachingTarget) {
  const pupils = await teachingOf(c.var.db, schoolId, teacher);
  return c.html(teachingPage(resolved.team, shown, pupils, yearGroups, emptyForm(), notices[c.req.query("done") ?? ""]));
}

async function addTeaching(c: Context<AppEnv>, { resolved, schoolId, teacher, shown, auditId }: TeachingTarget) {
  auditTeam(c, resolved, "update", "pupilsTaught", auditId);
  const fields = await postedFields(c.req);
  const again = async (errors: FormError[]) =>
    c.html(teachingPage(resolved.team, shown, await teachingOf(c.var.db, schoolId, teacher), yearGroups, { values: fields, errors }, undefined), 422);
  const checked = checkForm(teachingForm, withLines(fields));
  if (!checked.ok) return again(onBox(checked.errors));
  const result = await assignPupils(c.var.db, schoolId, teacher, checked.output);
  if (result.unknownUpns.length)
    return again([{ field: "upns", message: `No pupil of the school has the unique pupil number ${result.unknownUpns.join(", ")}` }]);
  return c.redirect(`${shown.href}?done=added`, 303);
}

async function removeTeaching(c: Context<AppEnv>, { resolved, schoolId, teacher, shown, auditId }: TeachingTarget) {
  auditTeam(c, resolved, "update", "pupilsTaught", auditId);
  const fields = await postedFields(c.req);
  const chosen = v.safeParse(v.array(entityId), [fields.pupilIds ?? []].flat());
  if (chosen.success) await unassignPupils(c.var.db, schoolId, teacher, chosen.output);
  return c.redirect(`${shown.href}?done=stopped`, 303);
}

/** Mounted inside the school's staff pages, whose middleware has already run. */
const teachingPages = new Hono<AppEnv>()
  .get("/invitations/:invitationId/pupils", validate("param", invitationParam), async (c) =>
    showTeaching(c, await invitedTeacherOf(c, c.req.valid("param").teamId, c.req.valid("param").invitationId)),
  )
  .post("/invitations/:invitationId/pupils", validate("param", invitationParam), async (c) =>
    addTeaching(c, await invitedTeacherOf(c, c.req.valid("param").teamId, c.req.valid("param").invitationId)),
  )
  .post("/invitations/:invitationId/pupils/remove", validate("param", invitationParam), async (c) =>
    removeTeaching(c, await invitedTeacherOf(c, c.req.valid("param").teamId, c.req.valid("param").invitationId)),
  )
  .get("/:userId/pupils", validate("param", memberParam), async (c) =>
    showTeaching(c, await teacherOf(c, c.req.valid("param").teamId, c.req.valid("param").userId)),
  )
  .post("/:userId/pupils", validate("param", memberParam), async (c) =>
    addTeaching(c, await teacherOf(c, c.req.valid("param").teamId, c.req.valid("param").userId)),
  )
  .post("/:userId/pupils/remove", validate("param", memberParam), async (c) =>
    removeTeaching(c, await teacherOf(c, c.req.valid("param").teamId, c.req.valid("param").userId)),
  );

export const schoolStaffPages = teamPages(resolveSchool).route("/", teachingPages);
export const laOfficerPages = teamPages(resolveLa);
