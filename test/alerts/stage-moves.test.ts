import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alerts, assessmentRequests, clocks } from "../../schema/tables";
import { dueOn } from "../../worker/calendar/working-days";
import { defaultTimescales } from "../../worker/workflow/timescales";
import { fireCron, pupilWithStaff } from "../support/clocks";
import { api, db } from "../support/world";

async function assessmentRequest(pupil: { id: string; schoolId: string; laId: string }) {
  const id = crypto.randomUUID();
  await db().insert(assessmentRequests).values({
    id,
    pupilId: pupil.id,
    schoolId: pupil.schoolId,
    laId: pupil.laId,
    kind: "ehcNeedsAssessment",
    requestedBy: "school",
    requestedOn: "2026-11-02",
    reasons: "Less than expected progress over three cycles",
  });
  return id;
}

const clocksOf = (pupilId: string) =>
  db()
    .select({ id: clocks.id, kind: clocks.kind, startedOn: clocks.startedOn, dueOn: clocks.dueOn, stoppedAt: clocks.stoppedAt })
    .from(clocks)
    .where(eq(clocks.pupilId, pupilId));

describe("a pupil who moves stage mid-clock", () => {
  it("stops the old clocks, keeps the ones still owed, and starts the right new ones, to the day", async () => {
    const { pupil, senco, officer } = await pupilWithStaff("england2014", "senSupportAssess");
    // Enrolled straight at SEN support, the pupil's meetings clock runs: this follows the EHC clocks alone.
    await db().delete(clocks).where(eq(clocks.pupilId, pupil.id));
    const form = { kind: "assessmentRequest", id: await assessmentRequest(pupil) };
    const move = async (name: string, expectedVersion: number, by = senco) => {
      const moved = await api(`/api/pupils/${pupil.id}/transitions`, { headers: by.headers, body: { move: name, expectedVersion, form } });
      expect(moved.status, JSON.stringify(moved.json)).toBe(200);
      return moved.json.event.at.slice(0, 10) as string;
    };

    const requestedOn = await move("requestEhcNeedsAssessment", 1);
    let running = (await clocksOf(pupil.id)).filter((c) => !c.stoppedAt);
    expect(running.map((c) => [c.kind, c.dueOn]).sort()).toEqual(
      [
        ["ehcAssessmentDecision", dueOn(requestedOn, defaultTimescales.ehcAssessmentDecision, "englandAndWales")],
        ["ehcFinalPlan", dueOn(requestedOn, defaultTimescales.ehcFinalPlan, "englandAndWales")],
        ["ehcNoPlanNotice", dueOn(requestedOn, defaultTimescales.ehcNoPlanNotice, "englandAndWales")],
      ].sort(),
    );
    const decision = running.find((c) => c.kind === "ehcAssessmentDecision")!;
    const finalPlan = running.find((c) => c.kind === "ehcFinalPlan")!;
    const noPlanNotice = running.find((c) => c.kind === "ehcNoPlanNotice")!;
    // The decision falls due before the LA decides: its alert is raised, then resolved once the move stops the clock.
    await fireCron(`${decision.dueOn}T05:17:00Z`, "17 * * * *");
    expect((await db().select().from(alerts).where(eq(alerts.clockId, decision.id))).map((a) => a.threshold)).toEqual(["dueToday"]);

    await move("authorityAgreesToAssess", 2, officer);
    running = (await clocksOf(pupil.id)).filter((c) => !c.stoppedAt);
    expect(running.map((c) => c.id).sort()).toEqual([finalPlan.id, noPlanNotice.id].sort());

    const issuedOn = await move("issueEhcPlan", 3, officer);
    const all = await clocksOf(pupil.id);
    expect(
      all
        .filter((c) => c.stoppedAt)
        .map((c) => c.id)
        .sort(),
    ).toEqual([decision.id, finalPlan.id, noPlanNotice.id].sort());
    expect(all.filter((c) => !c.stoppedAt).map((c) => [c.kind, c.startedOn, c.dueOn])).toEqual([
      ["ehcPlanAnnualReview", issuedOn, dueOn(issuedOn, defaultTimescales.ehcPlanAnnualReview, "englandAndWales")],
    ]);

    await fireCron(`${decision.dueOn}T06:17:00Z`, "17 * * * *");
    const open = await db()
      .select()
      .from(alerts)
      .where(and(inArray(alerts.clockId, [decision.id, finalPlan.id])));
    expect(open.every((a) => a.resolvedAt !== null)).toBe(true);
  });
});
