import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, plans, pupilEvents, pupils } from "../../schema/tables";
import { failBatchesOf, healD1Of } from "../support/failing-d1";
import { planBody } from "../support/records";
import { api, db, schoolWithPupil } from "../support/world";

describe("a form and its decision are written together or not at all", () => {
  it("a plan whose write fails leaves no plan, no target, no clock and no move; the same plan succeeds when retried", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportPlan");
    // D1 fails at the last statement of the batch, after the plan, targets, event, stage and clock were sent.
    await failBatchesOf(pupil.id);
    const body = planBody({ decision: "agreePlan", expectedVersion: 1 });
    const failed = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body });
    expect(failed.status).toBe(503);
    expect(failed.json.error).toMatchObject({ code: "write_failed", retryable: true });
    expect(await db().select().from(plans).where(eq(plans.pupilId, pupil.id))).toEqual([]);
    expect(
      await db()
        .select()
        .from(clocks)
        .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "planReview"))),
    ).toEqual([]);
    expect(await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupil.id))).toHaveLength(1);
    expect((await db().select().from(pupils).where(eq(pupils.id, pupil.id)))[0]).toMatchObject({ stage: "senSupportPlan", version: 1 });

    await healD1Of(pupil.id);
    const retried = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body });
    expect(retried.status).toBe(201);
    expect(retried.json.moved).toMatchObject({ stage: "senSupportDo", version: 2 });
    expect(
      await db()
        .select()
        .from(clocks)
        .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "planReview"))),
    ).toEqual([expect.objectContaining({ kind: "planReview", subjectId: retried.json.plan.id })]);
  });
});
