import type { DrsParty, StaffRole } from "../../schema/vocab";
import type { StaffCaller } from "../app-env";

/**
 * Who may see and do what, in one place. The SQL twin of the visibility rule is visiblePupils in
 * worker/pupils/queries.ts; test/tenancy/matrix.ts holds both to it over every route.
 * Anything outside the caller's scope is "hidden" and answered as not found, so nothing is disclosed; inside the
 * scope, an action beyond the caller's role is "forbidden".
 */
export type Access = "granted" | "forbidden" | "hidden";

export type SchoolScope = { id: string; laId: string };
export type PupilScope = { schoolId: string; laId: string };

export type PupilAction =
  | "read"
  | "move"
  | "raiseConcern"
  | "writePlan"
  | "recordReview"
  | "recordMeeting"
  | "recordSpecialistInvolvement"
  | "recordParentViews"
  | "recordCopyToParents"
  | "requestAssessment"
  | "decideForAuthority"
  | "manageParentLinks"
  | "exportRecord"
  | "closeRecord"
  | "recordEhcStep"
  | "transfer";
export type SchoolAction =
  | "read"
  | "addPupil"
  | "acceptTransfer"
  | "manageInterventions"
  | "readAudit"
  | "readRegister"
  | "handleParentConcerns"
  | "manageStaff";

/**
 * Seed 000: stage decisions follow "discussion with the SEN Co-ordinator"; SEND Code 6.52: teachers write and deliver
 * plans. Which party decides each move is the framework's (decidedBy); transition() refuses a move the wrong party
 * makes. The school answers subject access requests and gives parents their link. An LA officer reads every school
 * of the LA and its audit log, and records the authority's decisions.
 */
const rolesFor: Record<PupilAction | SchoolAction, readonly StaffRole[]> = {
  read: ["teacher", "senco", "head", "laOfficer"],
  move: ["senco", "head", "laOfficer"],
  recordReview: ["senco", "head"],
  raiseConcern: ["teacher", "senco", "head"],
  writePlan: ["teacher", "senco", "head"],
  recordMeeting: ["teacher", "senco", "head"],
  recordSpecialistInvolvement: ["senco", "head"],
  recordParentViews: ["teacher", "senco", "head"],
  recordCopyToParents: ["teacher", "senco", "head"],
  requestAssessment: ["senco", "head"],
  decideForAuthority: ["laOfficer"],
  manageInterventions: ["senco", "head"],
  manageParentLinks: ["senco", "head"],
  exportRecord: ["senco", "head"],
  closeRecord: ["senco", "head"],
  /** The EHC process's steps are the LA's (mediation, the draft, amendments) and the school's (the review meeting, its report). */
  recordEhcStep: ["senco", "head", "laOfficer"],
  addPupil: ["senco", "head"],
  /** Issue 18: the leaving school's SENCO (or head) starts a move to another school; the receiving school's accepts it. */
  transfer: ["senco", "head"],
  acceptTransfer: ["senco", "head"],
  readAudit: ["head", "laOfficer"],
  /** The SEN register, tasks and provision map are the school's own working views (issue 6). */
  readRegister: ["senco", "head"],
  /** A parent's concern through the school's link, before it is matched to a pupil: the SENCO's, or the head's. */
  handleParentConcerns: ["senco", "head"],
  /** Issue 17: who has access and their role, invitations, leavers, the school's mailbox, who teaches whom. */
  manageStaff: ["senco", "head"],
};

function schoolVisibility(caller: StaffCaller, school: SchoolScope): "whole" | "taughtOnly" | "none" {
  switch (caller.role) {
    case "admin":
      return "none";
    case "laOfficer":
      return caller.laId === school.laId ? "whole" : "none";
    case "senco":
    case "head":
      return caller.schoolIds.includes(school.id) ? "whole" : "none";
    case "teacher":
      return caller.schoolIds.includes(school.id) ? "taughtOnly" : "none";
  }
}

const byRole = (caller: StaffCaller, action: PupilAction | SchoolAction): Access => (rolesFor[action].includes(caller.role) ? "granted" : "forbidden");

/** Teachers see the pupils they teach or raised a concern about; SENCO and head their schools; an LA officer the LA's. */
export function pupilAccess(caller: StaffCaller, pupil: PupilScope, teachesPupil: boolean, action: PupilAction): Access {
  const visibility = schoolVisibility(caller, { id: pupil.schoolId, laId: pupil.laId });
  if (visibility === "none" || (visibility === "taughtOnly" && !teachesPupil)) return "hidden";
  return byRole(caller, action);
}

export function schoolAccess(caller: StaffCaller, school: SchoolScope, action: SchoolAction): Access {
  if (schoolVisibility(caller, school) === "none") return "hidden";
  return byRole(caller, action);
}

/** Admins manage LAs and schools; they see no pupil records. */
export const adminAccess = (caller: StaffCaller): Access => (caller.role === "admin" ? "granted" : "forbidden");

/** Who may invite (or revoke an invitation of) whom: school staff up to their own role, never above it. */
const rank: Record<StaffRole, number> = { teacher: 1, senco: 2, head: 3, laOfficer: 4, admin: 5 };
const schoolRoles: readonly StaffRole[] = ["teacher", "senco", "head"];

export type InvitationScope = { role: StaffRole; school: SchoolScope | null; laId: string | null };

export function invitationAccess(caller: StaffCaller, invitation: InvitationScope): Access {
  if (caller.role === "admin") return "granted";
  if (caller.role === "laOfficer") {
    if (invitation.laId !== caller.laId) return "hidden";
    return invitation.role === "laOfficer" ? "granted" : "forbidden";
  }
  if (!schoolRoles.includes(invitation.role)) return "forbidden";
  if (!invitation.school || !caller.schoolIds.includes(invitation.school.id)) return "hidden";
  if (caller.role === "teacher") return "forbidden";
  return rank[invitation.role] <= rank[caller.role] ? "granted" : "forbidden";
}

/**
 * Changing a member of staff (their role, their leaving): as inviting them, both as they are and as they would be, so
 * nobody is raised above, or changes someone above, their own role. Nobody changes themselves: a last head could not
 * otherwise be sure of staying one.
 */
export function memberAccess(caller: StaffCaller, member: { userId: string } & InvitationScope, newRole: StaffRole = member.role): Access {
  const now = invitationAccess(caller, member);
  if (now !== "granted") return now;
  if (member.userId === caller.userId) return "forbidden";
  return invitationAccess(caller, { ...member, role: newRole });
}

/** What of the audit log the caller may read: a head their schools', an LA officer the LA's; nobody else any. */
export function auditScope(caller: StaffCaller): { schoolIds: string[] } | { laId: string } | null {
  if (caller.role === "head") return { schoolIds: caller.schoolIds };
  if (caller.role === "laOfficer" && caller.laId) return { laId: caller.laId };
  return null;
}

/**
 * Seed 000, DRS procedure: the school (SENCO, head) makes and signs a referral and records the steps before it; the
 * LA's SEN Support & Monitoring Officer forwards it and records what the DRS does. Each is the DRS party they act as.
 */
export function drsAccess(
  caller: StaffCaller,
  referral: PupilScope,
  teachesPupil: boolean,
): { access: "granted"; party: DrsParty } | { access: Exclude<Access, "granted"> } {
  const visibility = schoolVisibility(caller, { id: referral.schoolId, laId: referral.laId });
  if (visibility === "none" || (visibility === "taughtOnly" && !teachesPupil)) return { access: "hidden" };
  if (caller.role === "laOfficer") return { access: "granted", party: "laOfficer" };
  if (caller.role === "senco" || caller.role === "head") return { access: "granted", party: "school" };
  return { access: "forbidden" };
}

/** An LA's local settings (timescales, closure days): its own LA officers, and admins. */
export function laSettingsAccess(caller: StaffCaller, laId: string): Access {
  if (caller.role === "admin" || (caller.role === "laOfficer" && caller.laId === laId)) return "granted";
  return caller.laId === laId ? "forbidden" : "hidden";
}

/** An LA's officers and its mailbox are managed by the same people as its settings. */
export const laOfficersAccess = (caller: StaffCaller, laId: string): Access => laSettingsAccess(caller, laId);

/** The LA dashboard is the LA officer's: their own LA's figures only (issue 6). */
export function laDashboardAccess(caller: StaffCaller): Access {
  return caller.role === "laOfficer" && caller.laId ? "granted" : "forbidden";
}
