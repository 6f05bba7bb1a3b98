import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks } from "../../schema/tables";
import { reviewBody, writePlan } from "../support/records";
import { api, createLa, createStaff, newUpn, db, schoolWithPupil } from "../support/world";

const request = {
  requestedBy: "school",
  requestedOn: "2026-06-08",
  parentsConsultedOn: "2026-06-01",
  reasons: "Progress remains well below expectations after three cycles",
};
const decisionBody = (decision: string, expectedVersion: number, more: Record<string, unknown> = {}) => ({
  decision,
  expectedVersion,
  decidedOn: "2026-07-13",
  ...more,
});

async function runningClockKinds(pupilId: string) {
  const rows = await db()
    .select({ kind: clocks.kind })
    .from(clocks)
    .where(and(eq(clocks.pupilId, pupilId), isNull(clocks.stoppedAt)));
  return rows.map((r) => r.kind).sort();
}

describe("requests for assessment", () => {
  it("gathers the evidence of SEN support already recorded, so nobody types it twice", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportReview");
    const plan = await writePlan(pupil.id, senco.headers);
    const review = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ planId: plan.id, decision: "involveSpecialists", expectedVersion: 1 }),
    });
    const specialist = await api(`/api/pupils/${pupil.id}/specialist-involvements`, {
      headers: senco.headers,
      body: { service: "Speech and language therapy", requestedOn: "2026-11-10" },
    });
    const meeting = await api(`/api/pupils/${pupil.id}/parent-meetings`, {
      headers: senco.headers,
      body: { heldOn: "2026-11-12", outcomesAgreed: "Agreed to ask for an assessment" },
    });

    const preview = await api(`/api/pupils/${pupil.id}/assessment-evidence`, { headers: senco.headers });
    expect(preview.status).toBe(200);
    expect(preview.json.currentCycle).toBe(1);
    expect(preview.json.evidence.plans).toEqual([expect.objectContaining({ id: plan.id, cycle: 0, reviewDate: "2026-12-07" })]);
    expect(preview.json.evidence.reviews).toEqual([expect.objectContaining({ id: review.json.review.id, decision: "involveSpecialists" })]);
    expect(preview.json.evidence.specialistInvolvements).toEqual([expect.objectContaining({ id: specialist.json.specialistInvolvement.id })]);
    expect(preview.json.evidence.parentMeetings).toEqual([expect.objectContaining({ id: meeting.json.parentMeeting.id })]);

    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: { ...request, decision: "requestEhcNeedsAssessment", expectedVersion: 2 },
    });
    expect(made.status).toBe(201);
    expect(made.json.assessmentRequest).toMatchObject({
      ...request,
      kind: "ehcNeedsAssessment",
      laId: expect.any(String),
      laDecision: null,
      createdByUserId: senco.id,
    });
    expect(made.json.assessmentRequest.evidence).toEqual([
      { kind: "plan", id: plan.id },
      { kind: "review", id: review.json.review.id },
      { kind: "specialistInvolvement", id: specialist.json.specialistInvolvement.id },
      { kind: "parentMeeting", id: meeting.json.parentMeeting.id },
    ]);
    expect(made.json.moved).toMatchObject({ stage: "ehcNeedsAssessmentRequested", obligations: ["informTheAuthority"] });
    expect(await runningClockKinds(pupil.id)).toEqual(expect.arrayContaining(["ehcAssessmentDecision", "ehcFinalPlan"]));
  });

  it("a request with no reasons is 400 naming the field", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const refused = await api(`/api/pupils/${pupil.id}/assessment-requests`, { headers: senco.headers, body: { ...request, reasons: "" } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain("reasons");
  });
});

describe("decisions the local authority makes", () => {
  it("an LA officer agrees to assess, then issues the EHC plan; each is recorded on the request", async () => {
    const { la, senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: { ...request, decision: "requestEhcNeedsAssessment", expectedVersion: 1 },
    });
    const requestId = made.json.assessmentRequest.id;
    const officer = await createStaff("laOfficer", { laId: la.id });

    const agreed = await api(`/api/pupils/${pupil.id}/assessment-requests/${requestId}/decision`, {
      headers: officer.headers,
      body: decisionBody("authorityAgreesToAssess", 2),
    });
    expect(agreed.status).toBe(200);
    expect(agreed.json.assessmentRequest).toMatchObject({ laDecision: "agreed", laDecisionOn: "2026-07-13", planIssuedOn: null });
    expect(agreed.json.moved).toMatchObject({
      stage: "ehcNeedsAssessmentAgreed",
      event: { actorRole: "laOfficer", formKind: "assessmentRequest", formId: requestId },
    });

    const issued = await api(`/api/pupils/${pupil.id}/assessment-requests/${requestId}/decision`, {
      headers: officer.headers,
      body: decisionBody("issueEhcPlan", 3, { decidedOn: "2026-10-19", planIssuedOn: "2026-10-23" }),
    });
    expect(issued.status).toBe(200);
    expect(issued.json.assessmentRequest).toMatchObject({ laDecision: "agreed", laDecisionOn: "2026-10-19", planIssuedOn: "2026-10-23" });
    expect(issued.json.moved.stage).toBe("ehcPlan");
    expect(await runningClockKinds(pupil.id)).toEqual(["ehcPlanAnnualReview"]);
  });

  it("records exceptions to the time limits with their reasons (reg 10(4)), one after another", async () => {
    const { la, senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: { ...request, decision: "requestEhcNeedsAssessment", expectedVersion: 1 },
    });
    const path = `/api/pupils/${pupil.id}/assessment-requests/${made.json.assessmentRequest.id}/exceptions`;
    const officer = await createStaff("laOfficer", { laId: la.id });
    await api(path, { headers: officer.headers, body: { reason: "School closed for the summer", recordedOn: "2026-07-25" } });
    const second = await api(path, { headers: officer.headers, body: { reason: "Parent unavailable for two weeks", recordedOn: "2026-08-01" } });
    expect(second.status).toBe(200);
    expect(second.json.assessmentRequest.exceptions).toEqual([
      { reason: "School closed for the summer", recordedOn: "2026-07-25" },
      { reason: "Parent unavailable for two weeks", recordedOn: "2026-08-01" },
    ]);
    expect((await api(path, { headers: senco.headers, body: { reason: "x", recordedOn: "2026-08-02" } })).status).toBe(403);
    expect((await api(path, { headers: officer.headers, body: { recordedOn: "2026-08-02" } })).json.error.fields[0].field).toBe("reason");
  });

  it("under the 2001 Code a School Action Plus review requesting Statutory Assessment opens the request the Authority decides on, and it issues a Statement", async () => {
    const { la, senco, pupil } = await schoolWithPupil("england2001", "schoolActionPlus");
    const plan = await writePlan(pupil.id, senco.headers);
    const review = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({
        planId: plan.id,
        decision: "requestStatutoryAssessment",
        expectedVersion: 1,
        reason: "Little progress at School Action Plus after specialist advice",
      }),
    });
    expect(review.json.moved.stage).toBe("statutoryAssessmentRequested");
    const listed = await api(`/api/pupils/${pupil.id}/assessment-requests`, { headers: senco.headers });
    expect(listed.json.assessmentRequests).toEqual([
      expect.objectContaining({
        kind: "statutoryAssessment",
        requestedBy: "school",
        requestedOn: review.json.review.reviewDate,
        reasons: "Little progress at School Action Plus after specialist advice",
        laDecision: null,
        createdByUserId: senco.id,
        evidence: [
          { kind: "plan", id: plan.id },
          { kind: "review", id: review.json.review.id },
        ],
      }),
    ]);
    // A review that does not ask the LA to assess opens no request.
    const other = await schoolWithPupil("england2001", "schoolActionPlus");
    await api(`/api/pupils/${other.pupil.id}/reviews`, {
      headers: other.senco.headers,
      body: reviewBody({ decision: "remainAtSchoolActionPlus", expectedVersion: 1 }),
    });
    expect((await api(`/api/pupils/${other.pupil.id}/assessment-requests`, { headers: other.senco.headers })).json.assessmentRequests).toEqual([]);

    const officer = await createStaff("laOfficer", { laId: la.id });
    const requestId = listed.json.assessmentRequests[0].id;
    const issued = await api(`/api/pupils/${pupil.id}/assessment-requests/${requestId}/decision`, {
      headers: officer.headers,
      body: decisionBody("issueStatement", 2),
    });
    expect(issued.status).toBe(200);
    expect(issued.json.assessmentRequest).toMatchObject({ id: requestId, laDecision: "agreed", planIssuedOn: "2026-07-13" });
    expect(issued.json.moved.stage).toBe("statement");
  });

  it("in Jersey, an Exceptional Action Assessment request leads to a Record of Need granted by the authority", async () => {
    const { la, senco, pupil } = await schoolWithPupil("recordOfNeed", "senRegister");
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: { ...request, decision: "requestExceptionalActionAssessment", expectedVersion: 1 },
    });
    expect(made.json.assessmentRequest.kind).toBe("exceptionalActionAssessment");
    const officer = await createStaff("laOfficer", { laId: la.id });
    const granted = await api(`/api/pupils/${pupil.id}/assessment-requests/${made.json.assessmentRequest.id}/decision`, {
      headers: officer.headers,
      body: decisionBody("grantRecordOfNeed", 2),
    });
    expect(granted.json.moved.stage).toBe("recordOfNeed");
  });

  it("school staff may not make the authority's decisions, and an LA officer may not make the school's", async () => {
    const { la, school, senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: { ...request, decision: "requestEhcNeedsAssessment", expectedVersion: 1 },
    });
    const requestId = made.json.assessmentRequest.id;
    const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
    for (const staff of [senco, head]) {
      const viaRoute = await api(`/api/pupils/${pupil.id}/assessment-requests/${requestId}/decision`, {
        headers: staff.headers,
        body: decisionBody("authorityAgreesToAssess", 2),
      });
      expect(viaRoute.status).toBe(403);
      const viaTransition = await api(`/api/pupils/${pupil.id}/transitions`, {
        headers: staff.headers,
        body: { move: "authorityAgreesToAssess", expectedVersion: 2, form: { kind: "assessmentRequest", id: requestId } },
      });
      expect(viaTransition.status).toBe(403);
      expect(viaTransition.json.error).toMatchObject({ code: "not_your_decision", decidedBy: "authority" });
    }

    const officer = await createStaff("laOfficer", { laId: la.id });
    const schoolDecision = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: officer.headers,
      body: { ...request, decision: "requestEhcNeedsAssessment", expectedVersion: 2 },
    });
    expect(schoolDecision.status).toBe(403);
    const other = await schoolWithPupil("england2014", "senSupportReview");
    const otherOfficer = await createStaff("laOfficer", { laId: other.la.id });
    const schoolMove = await api(`/api/pupils/${other.pupil.id}/transitions`, {
      headers: otherOfficer.headers,
      body: { move: "startReview", expectedVersion: 1 },
    });
    expect(schoolMove.status).toBe(403);
    expect(schoolMove.json.error).toMatchObject({ code: "not_your_decision", decidedBy: "school" });

    const foreignOfficer = await createStaff("laOfficer", { laId: (await createLa()).id });
    expect(
      (
        await api(`/api/pupils/${pupil.id}/assessment-requests/${requestId}/decision`, {
          headers: foreignOfficer.headers,
          body: decisionBody("authorityAgreesToAssess", 2),
        })
      ).status,
    ).toBe(404);
    expect((await api(`/api/pupils/${pupil.id}`, { headers: senco.headers })).json.pupil).toMatchObject({ stage: "ehcNeedsAssessmentRequested", version: 2 });
  });

  it("a stale or out-of-stage authority decision is refused, and a request of another pupil is not found", async () => {
    const { la, school, senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: { ...request, decision: "requestEhcNeedsAssessment", expectedVersion: 1 },
    });
    const requestId = made.json.assessmentRequest.id;
    const officer = await createStaff("laOfficer", { laId: la.id });
    const path = `/api/pupils/${pupil.id}/assessment-requests/${requestId}/decision`;
    expect((await api(path, { headers: officer.headers, body: decisionBody("authorityAgreesToAssess", 1) })).json.error.code).toBe("stale_version");
    const early = await api(path, { headers: officer.headers, body: decisionBody("issueEhcPlan", 2) });
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({ code: "move_not_allowed", allowedMoves: ["authorityAgreesToAssess", "authorityRefusesToAssess"] });

    const other = await api("/api/pupils", {
      headers: senco.headers,
      body: {
        upn: newUpn(),
        givenName: "Al",
        familyName: "Other",
        dateOfBirth: "2017-01-01",
        yearGroup: "4",
        schoolId: school.id,
        stage: "ehcNeedsAssessmentRequested",
      },
    });
    const crossed = await api(`/api/pupils/${other.json.pupil.id}/assessment-requests/${requestId}/decision`, {
      headers: officer.headers,
      body: decisionBody("authorityAgreesToAssess", 1),
    });
    expect(crossed.status).toBe(404);
    const untouched = await api(`/api/pupils/${pupil.id}/assessment-requests/${requestId}`, { headers: officer.headers });
    expect(untouched.json.assessmentRequest).toMatchObject({ laDecision: null, laDecisionOn: null });
  });
});
