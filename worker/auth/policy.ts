import type { DrsParty, StaffRole } from "../../schema/vocab";
import type { StaffCaller } from "../app-env";

/**
 * Who may see and do what, in one place.
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
  | "decideForAuthority";
export type SchoolAction = "read" | "addPupil" | "manageInterventions" | "readRegister";

/** Seed 000: stage decisions follow "discussion with the SEN Co-ordinator"; SEND Code 6.52: teachers write and deliver plans. */
/** Which party decides each move is the framework's (decidedBy); transition() refuses a move the wrong party makes. */
const rolesFor: Record<Exclude<PupilAction, "read"> | Exclude<SchoolAction, "read">, readonly StaffRole[]> = {
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
  addPupil: ["senco", "head"],
  manageInterventions: ["senco", "head"],
  /** The SEN register, tasks and provision map are the school's own working views (issue 6). */
  readRegister: ["senco", "head"],
};

/** School staff act for their own schools; an LA officer for every school of the LA (already checked as visible). */
const actsFor = (caller: StaffCaller, scope: { schoolId: string; laId: string }) =>
  caller.role === "laOfficer" ? caller.laId === scope.laId : caller.schoolIds.includes(scope.schoolId);

function schoolVisibility(caller: StaffCaller, school: { id: string; laId: string }): "whole" | "taughtOnly" | "none" {
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

/** Teachers see the pupils they teach; SENCO and head their schools; an LA officer every school of the LA. */
export function pupilAccess(caller: StaffCaller, pupil: PupilScope, teachesPupil: boolean, action: PupilAction): Access {
  const visibility = schoolVisibility(caller, { id: pupil.schoolId, laId: pupil.laId });
  if (visibility === "none" || (visibility === "taughtOnly" && !teachesPupil)) return "hidden";
  if (action === "read") return "granted";
  return rolesFor[action].includes(caller.role) && actsFor(caller, pupil) ? "granted" : "forbidden";
}

export function schoolAccess(caller: StaffCaller, school: SchoolScope, action: SchoolAction): Access {
  if (schoolVisibility(caller, school) === "none") return "hidden";
  if (action === "read") return "granted";
  return rolesFor[action].includes(caller.role) && actsFor(caller, { schoolId: school.id, laId: school.laId }) ? "granted" : "forbidden";
}

/**
 * Seed 000, DRS procedure: the school (SENCO, head) makes and signs a referral and records the steps before it; the
 * LA's SEN Support & Monitoring Officer forwards it and records what the DRS does. Each is the DRS party they act as.
 */
export function drsAccess(caller: StaffCaller, referral: PupilScope): { access: "granted"; party: DrsParty } | { access: Exclude<Access, "granted"> } {
  if (schoolVisibility(caller, { id: referral.schoolId, laId: referral.laId }) === "none") return { access: "hidden" };
  if (caller.role === "laOfficer") return { access: "granted", party: "laOfficer" };
  if (caller.role === "senco" || caller.role === "head") return { access: "granted", party: "school" };
  return { access: "forbidden" };
}

/** An LA's local settings (timescales, closure days): its own LA officers, and admins. */
export function laSettingsAccess(caller: StaffCaller, laId: string): Access {
  if (caller.role === "admin" || (caller.role === "laOfficer" && caller.laId === laId)) return "granted";
  return caller.laId === laId ? "forbidden" : "hidden";
}

/** The LA dashboard is the LA officer's: their own LA's figures only (issue 6). */
export function laDashboardAccess(caller: StaffCaller): Access {
  return caller.role === "laOfficer" && caller.laId ? "granted" : "forbidden";
}
