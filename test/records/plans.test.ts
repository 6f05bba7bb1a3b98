import { and, count, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, planTargets, plans } from "../../schema/tables";
import { currentVersion, planBody, smartTarget, writePlan } from "../support/records";
import { api, createLa, createSchool, createStaff, db, newUpn, schoolWithPupil } from "../support/world";

describe("plans (IEP / IBP)", () => {
  it("stores every field of the plan and its targets, for the pupil's stage and cycle", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const body = planBody({ kind: "ibp", targets: [smartTarget(1), smartTarget(2), smartTarget(3), smartTarget(4)] });
    const written = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body });
    expect(written.status).toBe(201);
    expect(written.json.moved).toBeNull();
    const { targets, ...fields } = body;
    expect(written.json.plan).toMatchObject({ ...fields, pupilId: pupil.id, schoolId: school.id, stage: "schoolAction", cycle: 0, writtenByUserId: senco.id });
    expect(written.json.plan.targets).toEqual(targets.map((t, i) => expect.objectContaining({ ...t, position: i + 1, interventionId: null, outcome: null })));

    const listed = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers });
    expect(listed.json.plans.map((p: { id: string }) => p.id)).toEqual([written.json.plan.id]);
    const one = await api(`/api/pupils/${pupil.id}/plans/${written.json.plan.id}`, { headers: senco.headers });
    expect(one.json.plan).toEqual(written.json.plan);
  });

  it("starts the plan's review clock on its own review date, and a new plan replaces the old one's", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const first = await writePlan(pupil.id, senco.headers, { reviewDate: "2026-12-07" });
    const second = await writePlan(pupil.id, senco.headers, { dateWritten: "2026-11-20", reviewDate: "2027-03-15" });
    const planClocks = await db()
      .select()
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "planReview")));
    expect(planClocks.map((c) => [c.subjectKind, c.subjectId, c.startedOn, c.dueOn, c.stoppedAt === null])).toEqual(
      expect.arrayContaining([
        ["plan", first.id, "2026-09-14", "2026-12-07", false],
        ["plan", second.id, "2026-11-20", "2027-03-15", true],
      ]),
    );
    expect(planClocks).toHaveLength(2);
  });

  it("agreeing the plan in the 2014 Code moves Plan to Do in the same write", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportPlan");
    const written = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: planBody({ decision: "agreePlan", expectedVersion: 1 }) });
    expect(written.status).toBe(201);
    expect(written.json.moved).toMatchObject({
      stage: "senSupportDo",
      version: 2,
      event: { move: "agreePlan", formKind: "plan", formId: written.json.plan.id },
    });
    expect(written.json.plan.stage).toBe("senSupportPlan");
  });

  it("a Jersey plan agreed after meeting parents starts the first Assess-Plan-Do-Review cycle", async () => {
    const { senco, pupil } = await schoolWithPupil("recordOfNeed", "parentMeetingHeld");
    const written = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: planBody({ decision: "agreeApdrPlan", expectedVersion: 1 }) });
    expect(written.status).toBe(201);
    expect(written.json.moved).toMatchObject({ stage: "apdrCycles", event: { cycle: 1 } });
  });

  it("a stale version is 409 and stores no plan", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportPlan");
    const clocksOf = () => db().select({ n: count() }).from(clocks).where(eq(clocks.pupilId, pupil.id));
    // Enrolled at SEN support, the pupil's meetings clock runs already: the refused plan starts none.
    const running = await clocksOf();
    const stale = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: planBody({ decision: "agreePlan", expectedVersion: 0 }) });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "stale_version", currentVersion: 1, currentStage: "senSupportPlan" });
    expect(await db().select({ n: count() }).from(plans).where(eq(plans.pupilId, pupil.id))).toEqual([{ n: 0 }]);
    expect(await clocksOf()).toEqual(running);
  });

  it("a decision not open at the stage is 409 with the moves that are, and one not made on a plan is 422", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const notOpen = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: planBody({ decision: "agreePlan", expectedVersion: 1 }) });
    expect(notOpen.status).toBe(409);
    expect(notOpen.json.error).toMatchObject({
      code: "move_not_allowed",
      allowedMoves: ["startReview", "requestEhcNeedsAssessment"],
      fields: [expect.objectContaining({ field: "decision" })],
    });
    const notOnPlan = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: planBody({ decision: "startReview", expectedVersion: 1 }) });
    expect(notOnPlan.status).toBe(422);
    expect(notOnPlan.json.error).toMatchObject({ code: "decision_not_on_form", fields: [expect.objectContaining({ field: "decision" })] });
    expect(await db().select({ n: count() }).from(plans).where(eq(plans.pupilId, pupil.id))).toEqual([{ n: 0 }]);
    expect(await currentVersion(pupil.id, senco.headers)).toBe(1);
  });

  it.each([
    ["two targets", { targets: [smartTarget(1), smartTarget(2)] }, "targets"],
    ["six targets", { targets: [1, 2, 3, 4, 5, 6].map(smartTarget) }, "targets"],
    ["a target without its frequency", { targets: [smartTarget(1), smartTarget(2), { ...smartTarget(3), frequency: "" }] }, "targets.2.frequency"],
    ["a review date before the date written", { reviewDate: "2026-09-01" }, "reviewDate"],
    ["an impossible date", { dateWritten: "2026-02-30" }, "dateWritten"],
    ["an unknown kind", { kind: "ehcp" }, "kind"],
    ["no objective", { objective: undefined }, "objective"],
    ["a decision without a version", { decision: "agreePlan" }, "expectedVersion"],
    ["a chosen stage", { stage: "schoolActionPlus" }, "stage"],
  ])("a plan with %s is 400 naming the field, and nothing is stored", async (_what, change, field) => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportPlan");
    const refused = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: planBody(change) });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await db().select({ n: count() }).from(plans).where(eq(plans.pupilId, pupil.id))).toEqual([{ n: 0 }]);
  });

  it("a target may name an intervention of the pupil's own school only", async () => {
    const { la, school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const otherSchool = await createSchool(la.id, "england2001");
    const otherSenco = await createStaff("senco", { laId: la.id, schoolIds: [otherSchool.id] });
    const intervention = { name: "Precision teaching", groupSize: "1:1", frequency: "Daily", staff: "TA" };
    const ours = await api(`/api/schools/${school.id}/interventions`, { headers: senco.headers, body: intervention });
    const theirs = await api(`/api/schools/${otherSchool.id}/interventions`, { headers: otherSenco.headers, body: intervention });
    const withIntervention = (id: string) => planBody({ targets: [{ ...smartTarget(1), interventionId: id }, smartTarget(2), smartTarget(3)] });

    const refused = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: withIntervention(theirs.json.intervention.id) });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "invalid_reference", fields: [expect.objectContaining({ field: "targets.0.interventionId" })] });
    const accepted = await api(`/api/pupils/${pupil.id}/plans`, { headers: senco.headers, body: withIntervention(ours.json.intervention.id) });
    expect(accepted.status).toBe(201);
    expect(accepted.json.plan.targets[0].interventionId).toBe(ours.json.intervention.id);
    const stored = await db().select().from(planTargets).where(isNull(planTargets.outcome));
    expect(stored.some((t) => t.interventionId === theirs.json.intervention.id)).toBe(false);
  });

  it("another pupil's plan is not found through this pupil", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const other = await api("/api/pupils", {
      headers: senco.headers,
      body: { upn: newUpn(), givenName: "Al", familyName: "Other", dateOfBirth: "2017-01-01", yearGroup: "4", schoolId: school.id },
    });
    const plan = await writePlan(other.json.pupil.id, senco.headers);
    expect((await api(`/api/pupils/${pupil.id}/plans/${plan.id}`, { headers: senco.headers })).status).toBe(404);
  });

  it("an LA officer reads plans but does not write them", async () => {
    const { la, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    await writePlan(pupil.id, senco.headers);
    const officer = await createStaff("laOfficer", { laId: la.id });
    expect((await api(`/api/pupils/${pupil.id}/plans`, { headers: officer.headers })).json.plans).toHaveLength(1);
    expect((await api(`/api/pupils/${pupil.id}/plans`, { headers: officer.headers, body: planBody() })).status).toBe(403);
    const foreign = await createStaff("laOfficer", { laId: (await createLa()).id });
    expect((await api(`/api/pupils/${pupil.id}/plans`, { headers: foreign.headers })).status).toBe(404);
  });
});
