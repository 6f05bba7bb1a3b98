import { and, eq } from "drizzle-orm";
import type { PupilEnrolment } from "../../schema/inputs";
import { pupilEvents, pupils, type schools } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { recordRefusal } from "../records/refusal";
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
    const fieldMessage = `Choose one of: ${stagesOf(school.framework).join(", ")}`;
    return recordRefusal({ code: "unknown_stage", message: `${framework.name} has no stage "${stage}"`, field: "stage", fieldMessage });
  }
  if (census === "asTheCensusRecords" && needsPrimaryNeed(provision) && !enrolment.primaryNeed) {
    const fieldMessage = "Choose the pupil's primary need: the school census records one for every pupil with SEN provision";
    return recordRefusal({ code: "primary_need_missing", message: "A pupil with SEN provision needs a primary need", field: "primaryNeed", fieldMessage });
  }
  // Only this school's own pupils are looked at: whether another school holds the UPN is not this school's to know.
  const existing = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.schoolId, school.id), eq(pupils.upn, enrolment.upn))).get();
  if (existing) {
    const message = "A pupil with this unique pupil number is already on your school's register";
    return recordRefusal({ code: "upn_taken", message, field: "upn", fieldMessage: message });
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
  return { ok: true, id } as const;
}
