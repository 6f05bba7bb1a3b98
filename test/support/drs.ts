import { teachingAssignments } from "../../schema/tables";
import { api, createLa, createSchool, createStaff, db, schoolWithPupil } from "./world";
import type { FrameworkId } from "../../schema/vocab";

/** The referral form as a school fills it: both parties agreed and signed, the Parent Partnership mentioned. */
export const referralBody = (pupilId: string, overrides: Record<string, unknown> = {}) => ({
  pupilId,
  informalResolutionTried: "Two meetings with the headteacher and the SENCO; the school's complaints procedure",
  parentPartnershipInformedOn: "2025-10-01",
  summaryOfIssues: "The parents ask for one-to-one support in literacy; the school offers small-group support",
  actionsTaken: "Small-group phonics three times a week; an educational psychologist's assessment requested",
  parentMediation: "agreed",
  parentMediationOn: "2025-10-05",
  schoolMediation: "agreed",
  schoolMediationOn: "2025-10-06",
  signedByParentOn: "2025-10-07",
  signedBySchoolOn: "2025-10-07",
  ...overrides,
});

/** A school with a pupil, its SENCO and head, a teacher who teaches the pupil, and the LA's SEN Support & Monitoring Officer. */
export async function drsWorld(framework: FrameworkId = "england2014") {
  const world = await schoolWithPupil(framework);
  const officer = await createStaff("laOfficer", { laId: world.la.id });
  const head = await createStaff("head", { laId: world.la.id, schoolIds: [world.school.id] });
  const teacher = await createStaff("teacher", { laId: world.la.id, schoolIds: [world.school.id] });
  await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: world.pupil.id });
  return { ...world, officer, head, teacher };
}

/** Staff of another LA: a SENCO of one of its schools and its officer. */
export async function foreignStaff() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  return { senco: await createStaff("senco", { laId: la.id, schoolIds: [school.id] }), officer: await createStaff("laOfficer", { laId: la.id }) };
}

export async function makeReferral(headers: Record<string, string>, pupilId: string, overrides: Record<string, unknown> = {}) {
  return api("/api/drs-referrals", { headers, body: referralBody(pupilId, overrides) });
}

export const recordStep = (headers: Record<string, string>, referralId: string, body: Record<string, unknown>) =>
  api(`/api/drs-referrals/${referralId}/steps`, { headers, body });
