import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, planTargets, reviews } from "../../schema/tables";
import { currentVersion, reviewBody, writePlan } from "../support/records";
import { api, createStaff, db, newUpn, schoolWithPupil } from "../support/world";

/** Seed 000: the decisions printed under each review, and where each takes the pupil. */
const seedDecisions = [
  ["schoolAction", "moveToOrdinaryCurriculum", "ordinaryCurriculum"],
  ["schoolAction", "remainAtSchoolAction", "schoolAction"],
  ["schoolAction", "instigateSchoolActionPlus", "schoolActionPlus"],
  ["schoolActionPlus", "moveToOrdinaryCurriculum", "ordinaryCurriculum"],
  ["schoolActionPlus", "returnToSchoolAction", "schoolAction"],
  ["schoolActionPlus", "remainAtSchoolActionPlus", "schoolActionPlus"],
  ["schoolActionPlus", "requestStatutoryAssessment", "statutoryAssessmentRequested"],
] as const;

describe("reviews of progress", () => {
  it.each(seedDecisions)("at %s, the decision %s moves the pupil to %s", async (stage, decision, to) => {
    const { senco, pupil } = await schoolWithPupil("england2001", stage);
    const recorded = await api(`/api/pupils/${pupil.id}/reviews`, { headers: senco.headers, body: reviewBody({ decision, expectedVersion: 1 }) });
    expect(recorded.status).toBe(201);
    expect(recorded.json.moved).toMatchObject({
      stage: to,
      version: 2,
      event: { move: decision, fromStage: stage, toStage: to, formKind: "review", formId: recorded.json.review.id },
    });
    expect(recorded.json.review).toMatchObject({ decision, stage });
    expect((await api(`/api/pupils/${pupil.id}`, { headers: senco.headers })).json.pupil.stage).toBe(to);
  });

  it("review options are exactly the seed's decisions for the stage, in its words", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolActionPlus");
    const options = await api(`/api/pupils/${pupil.id}/review-options`, { headers: senco.headers });
    expect(options.status).toBe(200);
    expect(options.json).toMatchObject({ stage: "schoolActionPlus", stageLabel: "School Action Plus", version: 1 });
    expect(options.json.decisions.map((d: { label: string }) => d.label)).toEqual([
      "Move to ordinary differentiated curriculum",
      "Move to School Action (draw up a fresh IEP and leave pupil on SEN Register)",
      "Remain at School Action Plus (draw up a fresh IEP, leave pupil on SEN Register and seek specialist advice)",
      "Request Statutory Assessment (consult parents/carers and SESS, draw up a fresh IEP, leave pupil on SEN Register and inform the Authority)",
    ]);
  });

  it("stores every field, writes each target's outcome to the plan and stops the plan's review clock, in one write", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const plan = await writePlan(pupil.id, senco.headers);
    const [t1, t2, t3] = plan.targets.map((t) => t.id);
    const body = reviewBody({
      planId: plan.id,
      decision: "remainAtSchoolAction",
      expectedVersion: 1,
      reason: "Good progress; targets 2 and 3 carried forward",
      targetOutcomes: [
        { targetId: t1, outcome: "achieved", outcomeData: "20/20 words on three days" },
        { targetId: t2, outcome: "partlyAchieved", outcomeData: "14/20" },
        { targetId: t3, outcome: "notAchieved", outcomeData: "6/20" },
      ],
    });
    const recorded = await api(`/api/pupils/${pupil.id}/reviews`, { headers: senco.headers, body });
    expect(recorded.status).toBe(201);
    const { targetOutcomes, expectedVersion, reason, ...fields } = body;
    expect(recorded.json.review).toMatchObject({ ...fields, pupilId: pupil.id, schoolId: school.id, stage: "schoolAction", recordedByUserId: senco.id });
    const targets = await db().select().from(planTargets).where(eq(planTargets.planId, plan.id)).orderBy(planTargets.position);
    expect(targets.map((t) => [t.outcome, t.outcomeData])).toEqual(targetOutcomes.map((o) => [o.outcome, o.outcomeData]));
    const [planClock] = await db()
      .select()
      .from(clocks)
      .where(and(eq(clocks.subjectKind, "plan"), eq(clocks.subjectId, plan.id)));
    expect(planClock?.stoppedAt).not.toBeNull();
    expect(planClock?.stoppedBySeq).toBe(2);
    const history = await api(`/api/pupils/${pupil.id}/history`, { headers: senco.headers });
    expect(history.json.events.at(-1)).toMatchObject({ move: "remainAtSchoolAction", reason: "Good progress; targets 2 and 3 carried forward" });
    const listed = await api(`/api/pupils/${pupil.id}/reviews`, { headers: senco.headers });
    expect(listed.json.reviews).toEqual([recorded.json.review]);
  });

  it("a School Action review cannot request statutory assessment, and nothing is stored", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const refused = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "requestStatutoryAssessment", expectedVersion: 1 }),
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: "move_not_allowed",
      allowedMoves: ["moveToOrdinaryCurriculum", "remainAtSchoolAction", "instigateSchoolActionPlus"],
    });
    expect(await db().select({ n: count() }).from(reviews).where(eq(reviews.pupilId, pupil.id))).toEqual([{ n: 0 }]);
  });

  it("a stale version is 409 and stores no review and no target outcome", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const plan = await writePlan(pupil.id, senco.headers);
    const stale = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({
        planId: plan.id,
        decision: "remainAtSchoolAction",
        expectedVersion: 0,
        targetOutcomes: [{ targetId: plan.targets[0]!.id, outcome: "achieved" }],
      }),
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("stale_version");
    expect(await db().select({ n: count() }).from(reviews).where(eq(reviews.pupilId, pupil.id))).toEqual([{ n: 0 }]);
    const targets = await db().select().from(planTargets).where(eq(planTargets.planId, plan.id));
    expect(targets.every((t) => t.outcome === null)).toBe(true);
  });

  it("ten reviews decided at once on the same version: one is stored with its move, the rest are 409 and leave nothing", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api(`/api/pupils/${pupil.id}/reviews`, { headers: senco.headers, body: reviewBody({ decision: "instigateSchoolActionPlus", expectedVersion: 1 }) }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(await db().select({ n: count() }).from(reviews).where(eq(reviews.pupilId, pupil.id))).toEqual([{ n: 1 }]);
    const history = await api(`/api/pupils/${pupil.id}/history`, { headers: senco.headers });
    expect(history.json.events.map((e: { move: string }) => e.move)).toEqual(["enrol", "instigateSchoolActionPlus"]);
  });

  it("a review may not name another pupil's plan or a target outside the plan under review", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const other = await api("/api/pupils", {
      headers: senco.headers,
      body: { upn: newUpn(), givenName: "Al", familyName: "Other", dateOfBirth: "2017-01-01", yearGroup: "4", schoolId: school.id, stage: "schoolAction" },
    });
    const othersPlan = await writePlan(other.json.pupil.id, senco.headers);
    const ownPlan = await writePlan(pupil.id, senco.headers);
    const foreignPlan = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ planId: othersPlan.id, decision: "remainAtSchoolAction", expectedVersion: 1 }),
    });
    expect(foreignPlan.status).toBe(422);
    expect(foreignPlan.json.error.fields).toEqual([expect.objectContaining({ field: "planId" })]);
    const foreignTarget = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({
        planId: ownPlan.id,
        decision: "remainAtSchoolAction",
        expectedVersion: 1,
        targetOutcomes: [{ targetId: othersPlan.targets[0]!.id, outcome: "achieved" }],
      }),
    });
    expect(foreignTarget.status).toBe(422);
    expect(foreignTarget.json.error.fields).toEqual([expect.objectContaining({ field: "targetOutcomes.0.targetId" })]);
    expect(await currentVersion(pupil.id, senco.headers)).toBe(1);
  });

  it.each([
    ["a decision but no version", { expectedVersion: undefined }, "expectedVersion"],
    ["seven contributors", { contributors: Array.from({ length: 7 }, (_, i) => ({ name: `P${i}`, position: "Staff" })) }, "contributors"],
    ["no area of concern", { areasOfConcern: [] }, "areasOfConcern"],
    ["an unknown outcome", { planId: crypto.randomUUID(), targetOutcomes: [{ targetId: crypto.randomUUID(), outcome: "nearly" }] }, "targetOutcomes.0.outcome"],
    ["outcomes without a plan", { targetOutcomes: [{ targetId: crypto.randomUUID(), outcome: "achieved" }] }, "planId"],
    ["no evaluation", { evaluation: " " }, "evaluation"],
  ])("a review with %s is 400 naming the field", async (_what, change, field) => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const refused = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 1, ...change }),
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await db().select({ n: count() }).from(reviews).where(eq(reviews.pupilId, pupil.id))).toEqual([{ n: 0 }]);
  });

  it("a teacher may not record a review decision; an LA officer sees no school decisions among the options", async () => {
    const { la, school, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
    const { teachingAssignments } = await import("../../schema/tables");
    await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: pupil.id });
    const byTeacher = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: teacher.headers,
      body: reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 1 }),
    });
    expect(byTeacher.status).toBe(403);
    const officer = await createStaff("laOfficer", { laId: la.id });
    expect((await api(`/api/pupils/${pupil.id}/review-options`, { headers: officer.headers })).json.decisions).toEqual([]);
    const byOfficer = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: officer.headers,
      body: reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 1 }),
    });
    expect(byOfficer.status).toBe(403);
  });
});

describe("reviews in the 2014 Code and in Jersey", () => {
  it("a 2014 review that involves specialists starts the next cycle", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportReview");
    const recorded = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "involveSpecialists", expectedVersion: 1 }),
    });
    expect(recorded.json.moved).toMatchObject({ stage: "senSupportAssess", event: { cycle: 1 }, obligations: ["seekSpecialistAdvice"] });
  });

  it("a 2014 review at SEN support: Do, with no decision to make, is stored and moves nothing", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const recorded = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: undefined, expectedVersion: undefined }),
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json.moved ?? null).toBeNull();
  });

  it("a Jersey review places a pupil on the SEN register only after successive cycles", async () => {
    const { school, senco } = await schoolWithPupil("recordOfNeed");
    const enrol = (cycle: number) =>
      api("/api/pupils", {
        headers: senco.headers,
        body: {
          upn: newUpn(),
          givenName: "Jo",
          familyName: "Le Brun",
          dateOfBirth: "2016-03-01",
          yearGroup: "5",
          schoolId: school.id,
          stage: "apdrCycles",
          cycle,
        },
      });
    const firstCycle = (await enrol(1)).json.pupil;
    const tooSoon = await api(`/api/pupils/${firstCycle.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "placeOnSenRegister", expectedVersion: 1 }),
    });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.json.error).toMatchObject({ code: "too_few_cycles", fields: [expect.objectContaining({ field: "decision" })] });
    const secondCycle = (await enrol(2)).json.pupil;
    const placed = await api(`/api/pupils/${secondCycle.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "placeOnSenRegister", expectedVersion: 1 }),
    });
    expect(placed.json.moved).toMatchObject({ stage: "senRegister", obligations: ["placeOnSenRegister"] });
  });
});
