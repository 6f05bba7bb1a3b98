import { and, eq } from "drizzle-orm";
import type { PupilEnrolment } from "../../schema/inputs";
import { pupilEvents, pupils, type schools } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { ApiError } from "../http/errors";
import { needsPrimaryNeed, provisionCodeOf } from "../workflow/census";
import { frameworkFor, stagesOf } from "../workflow/frameworks";

/**
 * Puts a pupil on Stepwise: at the framework's first stage, or at the stage an existing register already records.
 * The pupil row, its first event and the version move together, as every change does.
 */
export async function enrolPupil(
  db: Db,
  school: typeof schools.$inferSelect,
  enrolment: PupilEnrolment,
  actor: StaffCaller,
  at: string,
  /** The enrolment page holds a pupil with SEN provision to the census's rule that they have a primary need. */
  census: "asTheCensusRecords" | "asGiven" = "asGiven",
) {
  const framework = frameworkFor(school.framework);
  const stage = enrolment.stage ?? framework.initialStage;
  const provision = provisionCodeOf(framework, stage);
  if (!provision) {
    throw new ApiError(400, "invalid_json", `${framework.name} has no stage "${stage}"`, [
      { field: "stage", message: `Choose one of: ${stagesOf(school.framework).join(", ")}` },
    ]);
  }
  if (census === "asTheCensusRecords" && needsPrimaryNeed(provision) && !enrolment.primaryNeed) {
    throw new ApiError(400, "invalid_json", "A pupil with SEN provision needs a primary need", [
      { field: "primaryNeed", message: "Choose the pupil's primary need: the school census records one for every pupil with SEN provision" },
    ]);
  }
  // Only this school's own pupils are looked at: whether another school holds the UPN is not this school's to know.
  const existing = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.schoolId, school.id), eq(pupils.upn, enrolment.upn))).get();
  if (existing) {
    throw new ApiError(409, "upn_taken", "A pupil with this unique pupil number is already on your school's register", [
      { field: "upn", message: "A pupil with this unique pupil number is already on your school's register" },
    ]);
  }
  const id = crypto.randomUUID();
  const cycle = enrolment.cycle ?? 0;
  await db.batch([
    db.insert(pupils).values({
      id,
      upn: enrolment.upn,
      givenName: enrolment.givenName,
      familyName: enrolment.familyName,
      dateOfBirth: enrolment.dateOfBirth,
      yearGroup: enrolment.yearGroup,
      schoolId: school.id,
      laId: school.laId,
      framework: school.framework,
      stage,
      cycle,
      version: 0,
      primaryNeed: enrolment.primaryNeed ?? null,
      secondaryNeed: enrolment.secondaryNeed ?? null,
      areasOfNeed: enrolment.areasOfNeed ?? [],
      createdAt: at,
    }),
    db.insert(pupilEvents).values({
      pupilId: id,
      seq: 1,
      at,
      actorUserId: actor.userId,
      actorRole: actor.role,
      move: "enrol",
      fromStage: null,
      toStage: stage,
      cycle,
      reason: enrolment.stage ? "Enrolled from the school's existing SEN register" : "Enrolled",
    }),
    db.update(pupils).set({ version: 1 }).where(eq(pupils.id, id)),
  ]);
  return id;
}
