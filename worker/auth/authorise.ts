import type { Context } from "hono";
import type { AuditAction } from "../../schema/vocab";
import type { AppEnv } from "../app-env";
import { auditOnAnswer, auditStaff, resourceOfRoute, staffAuditRecord, type AuditRecord } from "../audit/record";
import { ApiError, notFound } from "../http/errors";
import { readPupil, readSchool, teaches, type PupilRow } from "../pupils/queries";
import type { DrsParty } from "../../schema/vocab";
import {
  drsAccess,
  laDashboardAccess,
  laSettingsAccess,
  pupilAccess,
  schoolAccess,
  type Access,
  type PupilAction,
  type PupilScope,
  type SchoolAction,
} from "./policy";

/** Lets a granted call on; otherwise 404 (outside the caller's scope: not even its existence is told) or 403. */
export function enforce(access: Access, what: string): asserts access is "granted" {
  if (access === "hidden") throw notFound(what);
  // "Pupil" reads "a pupil", "Audit log" "an audit log"; an acronym ("DRS referral") keeps its capitals.
  const thing = what.replace(/^[A-Z][a-z]/, (initial) => initial.toLowerCase());
  if (access === "forbidden") throw new ApiError(403, "forbidden", `Your role may not do this to ${/^[aeiou]/i.test(thing) ? "an" : "a"} ${thing}`);
}

/** Only a teacher's access depends on teaching the pupil; no one else pays for the lookup. */
const taughtByCaller = (c: Context<AppEnv>, pupilId: string) => (c.var.caller.role === "teacher" ? teaches(c.var.db, c.var.caller.userId, pupilId) : false);

const auditActionOf: Record<PupilAction, AuditAction> = {
  read: "read",
  move: "move",
  raiseConcern: "create",
  writePlan: "create",
  recordReview: "create",
  recordMeeting: "create",
  recordSpecialistInvolvement: "create",
  recordParentViews: "create",
  recordCopyToParents: "update",
  requestAssessment: "create",
  decideForAuthority: "update",
  manageParentLinks: "update",
  exportRecord: "export",
  closeRecord: "close",
  recordEhcStep: "create",
  transfer: "move",
};

/**
 * The pupil, if the caller may do `action` to them; otherwise 404 outside their scope, 403 beyond their role.
 * Every call on a pupil in the caller's scope is written to the audit log here, with what came of it once the request
 * is answered, so every pupil route, present and future, is logged.
 */
export async function authorisePupil(c: Context<AppEnv>, pupilId: string, action: PupilAction, resource?: string): Promise<PupilRow> {
  const { pupil, audit } = await authorisePupilChange(c, pupilId, action, resource);
  auditOnAnswer(c, audit);
  return pupil;
}

/** The pupil as read with the caller, if the path named them (taken once: a later read sees later writes), else read now. */
async function pupilNamed(c: Context<AppEnv>, pupilId: string): Promise<PupilRow | null> {
  const prefetched = c.var.pupilOfPath;
  if (prefetched?.id !== pupilId) return readPupil(c.var.db, pupilId);
  c.set("pupilOfPath", undefined);
  return prefetched.row;
}

/**
 * As authorisePupil, for a change the pupil's object writes: the audit entry comes back to be stored in the change's
 * own batch, so no change is saved without it (the object logs a refused change on its own). An action beyond the
 * caller's role on a pupil they can see is logged as refused.
 */
export async function authorisePupilChange(
  c: Context<AppEnv>,
  pupilId: string,
  action: PupilAction,
  resource?: string,
): Promise<{ pupil: PupilRow; audit: AuditRecord }> {
  const caller = c.var.caller;
  const pupil = await pupilNamed(c, pupilId);
  if (!pupil) throw notFound("Pupil");
  const access = pupilAccess(caller, pupil, await taughtByCaller(c, pupil.id), action);
  const audit = staffAuditRecord(c, {
    action: auditActionOf[action],
    resource: resource ?? resourceOfRoute(c.req.routePath),
    resourceId: pupil.id,
    pupilId: pupil.id,
    schoolId: pupil.schoolId,
    laId: pupil.laId,
  });
  if (access === "forbidden") auditOnAnswer(c, audit);
  enforce(access, "Pupil");
  return { pupil, audit };
}

/** For a pupil authorisePupil has already let through: may the caller also do `action` (a form that records a decision)? */
export function authoriseAlso(c: Context<AppEnv>, pupil: PupilRow, action: PupilAction): void {
  enforce(pupilAccess(c.var.caller, pupil, true, action), "Pupil");
}

export async function authoriseSchool(c: Context<AppEnv>, schoolId: string, action: SchoolAction) {
  const school = await readSchool(c.var.db, schoolId);
  if (!school) throw notFound("School");
  enforce(schoolAccess(c.var.caller, school, action), "School");
  return school;
}

/**
 * The DRS party the caller acts as for this pupil's referrals; 404 outside their scope (a teacher's untaught pupil
 * too), 403 beyond their role. Logged like every other read and write of a pupil's record.
 */
export async function authoriseDrs<Scope extends PupilScope & { id: string; pupilId?: string }>(
  c: Context<AppEnv>,
  scope: Scope | null,
  action: AuditAction,
  what = "DRS referral",
): Promise<{ party: DrsParty; scope: Scope }> {
  if (!scope) throw notFound(what);
  const pupilId = scope.pupilId ?? scope.id;
  const decided = drsAccess(c.var.caller, scope, await taughtByCaller(c, pupilId));
  enforce(decided.access, what);
  auditStaff(c, {
    action,
    resource: "drsReferral",
    resourceId: scope.pupilId ? scope.id : null,
    pupilId,
    schoolId: scope.schoolId,
    laId: scope.laId,
  });
  return { party: decided.party, scope };
}

export function authoriseLaSettings(c: Context<AppEnv>, laId: string) {
  enforce(laSettingsAccess(c.var.caller, laId), "Local authority");
}

/** The LA officer's LA id; anyone else is refused (403): the LA dashboard is not theirs. */
export function authoriseLaDashboard(c: Context<AppEnv>): string {
  const caller = c.var.caller;
  enforce(laDashboardAccess(caller), "Local authority dashboard");
  return caller.laId ?? "";
}

/** A school of the officer's own LA; a school of another LA is not found (404). */
export async function authoriseLaSchool(c: Context<AppEnv>, schoolId: string) {
  const laId = authoriseLaDashboard(c);
  const school = await readSchool(c.var.db, schoolId);
  if (!school || school.laId !== laId) throw notFound("School");
  return school;
}
