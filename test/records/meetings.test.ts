import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, parentMeetings, parentViews, plans, recordsOfConcern, reviews } from "../../schema/tables";
import { reviewBody, writePlan } from "../support/records";
import { api, db, newUpn, schoolWithPupil } from "../support/world";

const meeting = {
  heldOn: "2026-10-05",
  attendees: [
    { name: "Mrs Parent", position: "Mother" },
    { name: "Ms Senco", position: "SENCO" },
  ],
  outcomesAgreed: "Sam will read 20 high-frequency words by December",
  actionsAgreed: "Daily precision teaching; reading at home each evening",
  pupilViews: "Sam would like to read on his own",
};

const involvement = {
  service: "Educational psychology",
  specialistName: "Dr Adviser",
  parentsAgreedOn: "2026-10-01",
  requestedOn: "2026-10-02",
  seenOn: "2026-10-20",
  adviceSummary: "Working memory difficulties; use visual prompts",
  sharedWithParentsOn: "2026-10-22",
};

describe("meetings with parents", () => {
  it("stores every field, and restarts the three-a-year meetings clock from the meeting where it runs", async () => {
    const { school, la, senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    // Enrolled at SEN support, the pupil's meetings clock started today: one started in June stands in for it.
    await db().delete(clocks).where(eq(clocks.pupilId, pupil.id));
    await db()
      .insert(clocks)
      .values({
        id: crypto.randomUUID(),
        pupilId: pupil.id,
        schoolId: school.id,
        laId: la.id,
        kind: "parentMeetingsThreeAYear",
        startedOn: "2026-06-01",
        dueOn: "2026-10-01",
        timescale: { amount: 4, unit: "months", source: "6.65" },
      });
    const recorded = await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers, body: meeting });
    expect(recorded.status).toBe(201);
    expect(recorded.json.parentMeeting).toMatchObject({ ...meeting, pupilId: pupil.id, schoolId: school.id, recordedByUserId: senco.id });
    expect(recorded.json.moved).toBeNull();
    const meetingClocks = await db()
      .select()
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "parentMeetingsThreeAYear")));
    expect(meetingClocks.map((c) => [c.startedOn, c.dueOn, c.stoppedAt === null]).sort()).toEqual([
      ["2026-06-01", "2026-10-01", false],
      ["2026-10-05", "2027-02-05", true],
    ]);
    const listed = await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers });
    expect(listed.json.parentMeetings).toEqual([recorded.json.parentMeeting]);
  });

  it("starts no meetings clock where none runs", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    expect((await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers, body: meeting })).status).toBe(201);
    expect(
      await db()
        .select({ n: count() })
        .from(clocks)
        .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "parentMeetingsThreeAYear"))),
    ).toEqual([{ n: 0 }]);
  });

  it("in Jersey, meeting the parents about a concern is the decision the meeting records", async () => {
    const { senco, pupil } = await schoolWithPupil("recordOfNeed", "concernRaised");
    const recorded = await api(`/api/pupils/${pupil.id}/parent-meetings`, {
      headers: senco.headers,
      body: { ...meeting, decision: "meetParents", expectedVersion: 1 },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json.moved).toMatchObject({ stage: "parentMeetingHeld", event: { formKind: "parentMeeting", formId: recorded.json.parentMeeting.id } });
    const stale = await api(`/api/pupils/${pupil.id}/parent-meetings`, {
      headers: senco.headers,
      body: { ...meeting, decision: "meetParents", expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
  });

  it("a meeting without outcomes is 400 naming the field, and nothing is stored", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const refused = await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers, body: { ...meeting, outcomesAgreed: "" } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain("outcomesAgreed");
    expect(await db().select({ n: count() }).from(parentMeetings).where(eq(parentMeetings.pupilId, pupil.id))).toEqual([{ n: 0 }]);
  });
});

describe("specialist involvement", () => {
  it("stores every field; in Jersey it records the decision to seek external advice", async () => {
    const { senco, pupil } = await schoolWithPupil("recordOfNeed", "senRegister");
    const recorded = await api(`/api/pupils/${pupil.id}/specialist-involvements`, {
      headers: senco.headers,
      body: { ...involvement, decision: "seekExternalAdvice", expectedVersion: 1 },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json.specialistInvolvement).toMatchObject({ ...involvement, pupilId: pupil.id, recordedByUserId: senco.id });
    expect(recorded.json.moved).toMatchObject({ stage: "externalAdvice", event: { move: "seekExternalAdvice" } });
    expect((await api(`/api/pupils/${pupil.id}/specialist-involvements`, { headers: senco.headers })).json.specialistInvolvements).toHaveLength(1);
    const one = await api(`/api/pupils/${pupil.id}/specialist-involvements/${recorded.json.specialistInvolvement.id}`, { headers: senco.headers });
    expect(one.json.specialistInvolvement).toEqual(recorded.json.specialistInvolvement);
  });

  it("an involvement without the service is 400 naming it", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const refused = await api(`/api/pupils/${pupil.id}/specialist-involvements`, { headers: senco.headers, body: { ...involvement, service: undefined } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain("service");
  });
});

describe("parents' views before a review", () => {
  it("staff take down the views, for one of the pupil's plans only", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const plan = await writePlan(pupil.id, senco.headers);
    const views = {
      planId: plan.id,
      whatIsGoingWell: "Reads at bedtime",
      concerns: "Spelling",
      childViews: "Likes the cards",
      questionsForReview: "Can he join the reading club?",
    };
    const recorded = await api(`/api/pupils/${pupil.id}/parent-views`, { headers: senco.headers, body: views });
    expect(recorded.status).toBe(201);
    expect(recorded.json.parentViews).toMatchObject({ ...views, pupilId: pupil.id, schoolId: school.id, recordedByUserId: senco.id, parentLinkId: null });
    expect((await api(`/api/pupils/${pupil.id}/parent-views`, { headers: senco.headers })).json.parentViews).toHaveLength(1);

    const other = await api("/api/pupils", {
      headers: senco.headers,
      body: { upn: newUpn(), givenName: "Al", familyName: "Other", dateOfBirth: "2017-01-01", yearGroup: "4", schoolId: school.id, stage: "schoolAction" },
    });
    const othersPlan = await writePlan(other.json.pupil.id, senco.headers);
    const refused = await api(`/api/pupils/${pupil.id}/parent-views`, { headers: senco.headers, body: { ...views, planId: othersPlan.id } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields).toEqual([expect.objectContaining({ field: "planId" })]);
    const empty = await api(`/api/pupils/${pupil.id}/parent-views`, { headers: senco.headers, body: {} });
    expect(empty.status).toBe(400);
    expect(await db().select({ n: count() }).from(parentViews).where(eq(parentViews.pupilId, pupil.id))).toEqual([{ n: 1 }]);
  });
});

describe("copies given or sent to parents", () => {
  it("records the date on concerns, plans, reviews and meeting records, and only on the pupil's own", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const concern = await api(`/api/pupils/${pupil.id}/concerns`, {
      headers: senco.headers,
      body: { areasOfConcern: ["sensory"], description: "Squints at the board" },
    });
    const plan = await writePlan(pupil.id, senco.headers);
    const review = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 1 }),
    });
    const held = await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers, body: meeting });
    const records = [
      ["concerns", concern.json.concernId],
      ["plans", plan.id],
      ["reviews", review.json.review.id],
      ["parent-meetings", held.json.parentMeeting.id],
    ] as const;
    for (const [kind, id] of records) {
      const copied = await api(`/api/pupils/${pupil.id}/${kind}/${id}/copy-to-parents`, { headers: senco.headers, body: { on: "2026-11-25" } });
      expect([kind, copied.status]).toEqual([kind, 200]);
    }
    expect((await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, concern.json.concernId)))[0]?.copyGivenToParentsOn).toBe("2026-11-25");
    expect((await db().select().from(plans).where(eq(plans.id, plan.id)))[0]?.copyGivenToParentOn).toBe("2026-11-25");
    expect((await db().select().from(reviews).where(eq(reviews.id, review.json.review.id)))[0]?.copySentToParentsOn).toBe("2026-11-25");
    expect((await db().select().from(parentMeetings).where(eq(parentMeetings.id, held.json.parentMeeting.id)))[0]?.recordGivenToParentsOn).toBe("2026-11-25");

    const other = await api("/api/pupils", {
      headers: senco.headers,
      body: { upn: newUpn(), givenName: "Al", familyName: "Other", dateOfBirth: "2017-01-01", yearGroup: "4", schoolId: school.id },
    });
    const wrongPupil = await api(`/api/pupils/${other.json.pupil.id}/plans/${plan.id}/copy-to-parents`, { headers: senco.headers, body: { on: "2026-11-26" } });
    expect(wrongPupil.status).toBe(404);
    const badDate = await api(`/api/pupils/${pupil.id}/plans/${plan.id}/copy-to-parents`, { headers: senco.headers, body: { on: "9/12/2026" } });
    expect(badDate.status).toBe(400);
    expect(new Set(badDate.json.error.fields.map((f: { field: string }) => f.field))).toEqual(new Set(["on"]));
  });
});
