import { exports } from "cloudflare:workers";
import { clocks, teachingAssignments } from "../../schema/tables";
import type { ClockKind } from "../../worker/workflow/timescales";
import { createStaff, db, schoolWithPupil } from "./world";

/** A running clock on the pupil, due on the given day (as a move or a record would have started it). */
export async function runningClock(pupil: { id: string; schoolId: string; laId: string }, kind: ClockKind, dueOn: string, startedOn = "2026-01-05") {
  const clock = {
    id: crypto.randomUUID(),
    pupilId: pupil.id,
    schoolId: pupil.schoolId,
    laId: pupil.laId,
    kind,
    startedOn,
    dueOn,
    timescale: { amount: 1, unit: "days", source: "test" },
  };
  await db().insert(clocks).values(clock);
  return clock;
}

/** A school with its pupil, the SENCO, a teacher who teaches the pupil, and an officer of the LA. */
export async function pupilWithStaff(framework: "england2001" | "england2014" = "england2014", stage?: string) {
  const world = await schoolWithPupil(framework, stage);
  const teacher = await createStaff("teacher", { laId: world.la.id, schoolIds: [world.school.id] });
  await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: world.pupil.id });
  const officer = await createStaff("laOfficer", { laId: world.la.id });
  const pupil = { ...world.pupil, schoolId: world.school.id, laId: world.la.id };
  return { ...world, pupil, teacher, officer };
}

/**
 * Fires the Worker's own scheduled handler in workerd, as a Cron Trigger does. `SELF.scheduled` throws DataCloneError in
 * vitest-pool-workers 0.23 (its Proxy binds the loopback stub), so this calls `exports.default.scheduled`, the
 * non-deprecated route; its type omits scheduled(), hence the one cast.
 */
export async function fireCron(at: string, cron: "17 * * * *" | "0 6 * * *") {
  const worker = exports.default as unknown as { scheduled(options: { scheduledTime: Date; cron: string }): Promise<unknown> };
  await worker.scheduled({ scheduledTime: new Date(at), cron });
}
