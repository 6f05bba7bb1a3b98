import { eq } from "drizzle-orm";
import type { PupilEnrolment } from "../../schema/inputs";
import { pupilEvents, pupils, type schools } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { recordRefusal } from "../records/refusal";
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
) {
  const framework = frameworkFor(school.framework);
  const stage = enrolment.stage ?? framework.initialStage;
  if (!stagesOf(school.framework).includes(stage)) {
    const fieldMessage = `Choose one of: ${stagesOf(school.framework).join(", ")}`;
    return recordRefusal({ code: "unknown_stage", message: `${framework.name} has no stage "${stage}"`, field: "stage", fieldMessage });
  }
  const existing = await db.select({ id: pupils.id }).from(pupils).where(eq(pupils.upn, enrolment.upn)).get();
  if (existing) {
    const message = "A pupil with this unique pupil number is already on Stepwise";
    return recordRefusal({ code: "upn_taken", message, field: "upn", fieldMessage: "This unique pupil number is already recorded" });
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
