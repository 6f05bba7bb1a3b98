import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, ehcStepRecords } from "../schema/tables";
import { api, db, schoolWithPupil } from "./support/world";

/** A pupil with an EHC plan whose annual review clock runs from the last review (as the plan's issue left it). */
async function pupilWithPlan() {
  const world = await schoolWithPupil("england2014", "ehcPlan");
  // Enrolment at the EHC plan started its annual review today: the plan's own, from last October, stands in for it.
  await db().delete(clocks).where(eq(clocks.pupilId, world.pupil.id));
  await db()
    .insert(clocks)
    .values({
      id: crypto.randomUUID(),
      pupilId: world.pupil.id,
      schoolId: world.school.id,
      laId: world.la.id,
      kind: "ehcPlanAnnualReview",
      startedOn: "2025-10-20",
      dueOn: "2026-10-20",
      timescale: { amount: 12, unit: "months", source: "s" },
    });
  return world;
}

const running = (pupilId: string) =>
  db()
    .select({ kind: clocks.kind, startedOn: clocks.startedOn, dueOn: clocks.dueOn })
    .from(clocks)
    .where(and(eq(clocks.pupilId, pupilId), isNull(clocks.stoppedAt)))
    .orderBy(clocks.kind);

describe("POST /api/pupils/:id/ehc-steps", () => {
  it("a review meeting recorded weeks late starts its clocks from the day it was held, and keeps when it was recorded", async () => {
    const { pupil, senco } = await pupilWithPlan();
    const before = new Date().toISOString();
    const answer = await api(`/api/pupils/${pupil.id}/ehc-steps`, { headers: senco.headers, body: { step: "reviewMeetingHeld", happenedOn: "2026-10-19" } });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ happenedOn: "2026-10-19" });
    // Mon 19 Oct 2026: report by Mon 2 Nov (2 weeks), the LA's decision by Mon 16 Nov (4 weeks), the next review by 19 Oct 2027.
    expect(await running(pupil.id)).toEqual([
      { kind: "ehcPlanAnnualReview", startedOn: "2026-10-19", dueOn: "2027-10-19" },
      { kind: "ehcReviewDecision", startedOn: "2026-10-19", dueOn: "2026-11-16" },
      { kind: "ehcReviewReport", startedOn: "2026-10-19", dueOn: "2026-11-02" },
    ]);
    const [stored] = await db().select().from(ehcStepRecords).where(eq(ehcStepRecords.pupilId, pupil.id));
    expect(stored).toMatchObject({ step: "reviewMeetingHeld", happenedOn: "2026-10-19", recordedByUserId: senco.id });
    expect(stored!.recordedAt >= before).toBe(true);
  });

  it("refuses, naming the field, a date in the future, one before the pupil was born, and a step not awaited; nothing is stored", async () => {
    const { pupil, senco } = await pupilWithPlan();
    const post = (body: unknown) => api(`/api/pupils/${pupil.id}/ehc-steps`, { headers: senco.headers, body });
    const future = await post({ step: "reviewMeetingHeld", happenedOn: "2099-01-01" });
    // A day in the future is refused by the input's own bounds (issue 15), before the case is read.
    expect(future.status).toBe(400);
    expect(future.json.error.fields).toContainEqual({ field: "happenedOn", message: "The date it happened must be today or in the past" });
    const unborn = await post({ step: "reviewMeetingHeld", happenedOn: "2017-05-03" });
    expect(unborn.status).toBe(422);
    const notAwaited = await post({ step: "reviewReportSent", happenedOn: "2026-10-19" });
    expect(notAwaited.status).toBe(409);
    expect(notAwaited.json.error.code).toBe("ehc_step_out_of_order");
    const unknown = await post({ step: "somethingElse" });
    expect(unknown.status).toBe(400);
    expect(await db().select().from(ehcStepRecords).where(eq(ehcStepRecords.pupilId, pupil.id))).toEqual([]);
    expect(await running(pupil.id)).toEqual([{ kind: "ehcPlanAnnualReview", startedOn: "2025-10-20", dueOn: "2026-10-20" }]);
  });
});
