import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../schema/rules";
import { outbox, pupilEvents, pupils, recordsOfConcern, reviews } from "../schema/tables";
import { api, createLa, createSchool, createStaff, db, newUpn, schoolWithPupil } from "./support/world";

const concern = {
  contributors: [{ name: "Ms Class Teacher", position: "Year 4 teacher" }],
  areasOfConcern: ["cognitionAndLearning"],
  description: "Reading age two years below chronological age",
  evidence: "Benchmark level 12 against an expected 20",
  strategiesUsed: "Guided reading in a group of four, three times a week",
  strategyOutcomes: "Some progress in phonics",
  pupilDiscussion: "Sam says the words move about",
  parentDiscussion: "Parents agree and have seen the same at home",
  externalAgencies: null,
};

async function recordReview(pupil: { id: string }, schoolId: string, stage: string) {
  const id = crypto.randomUUID();
  await db()
    .insert(reviews)
    .values({
      id,
      pupilId: pupil.id,
      schoolId,
      stage,
      reviewDate: "2026-11-20",
      areasOfConcern: ["cognitionAndLearning"],
      evaluation: "Targets 1 and 2 met; target 3 partly met",
    });
  return id;
}

describe("a pupil's journey through the 2001 Code, through the API", () => {
  it("enrols at the first stage, raises a concern, moves to School Action and records it all", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001");
    expect(pupil).toMatchObject({ stage: "ordinaryCurriculum", version: 1, provisionCode: "N" });

    const raised = await api(`/api/pupils/${pupil.id}/concerns`, { headers: senco.headers, body: concern });
    expect(raised.status).toBe(201);
    expect(raised.json.moved.event).toMatchObject({ seq: 2, move: "raiseConcern", toStage: "concernRecorded" });

    const moved = await api(`/api/pupils/${pupil.id}/transitions`, {
      headers: senco.headers,
      body: {
        move: "moveToSchoolAction",
        expectedVersion: 2,
        reason: "Discussed with the SENCO",
        form: { kind: "recordOfConcern", id: raised.json.concernId },
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.pupil).toMatchObject({ stage: "schoolAction", stageLabel: "School Action", provisionCode: "A", version: 3, onSenRegister: true });
    expect(moved.json.obligations).toEqual(["placeOnSenRegister", "drawUpIep", "formallyNotifyParents"]);
    expect(moved.json.pupil.runningClocks).toEqual([expect.objectContaining({ kind: "reviewsTwiceYearly" })]);
    expect(moved.json.pupil.allowedMoves.map((m: { move: string }) => m.move)).toEqual([
      "moveToOrdinaryCurriculum",
      "remainAtSchoolAction",
      "instigateSchoolActionPlus",
    ]);

    const [stored] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, raised.json.concernId));
    expect(stored).toMatchObject({ pupilId: pupil.id, schoolId: school.id, sencoAction: "moveToSchoolAction", description: concern.description });
    const mail = await db().select().from(outbox).where(eq(outbox.pupilId, pupil.id));
    expect(mail).toEqual([expect.objectContaining({ audience: "parents", template: "formallyNotifyParents", status: "pending" })]);

    const history = await api(`/api/pupils/${pupil.id}/history`, { headers: senco.headers });
    expect(
      history.json.events.map((e: { seq: number; move: string; fromStage: string | null; toStage: string }) => [e.seq, e.move, e.fromStage, e.toStage]),
    ).toEqual([
      [1, "enrol", null, "ordinaryCurriculum"],
      [2, "raiseConcern", "ordinaryCurriculum", "concernRecorded"],
      [3, "moveToSchoolAction", "concernRecorded", "schoolAction"],
    ]);
    expect(history.json.events[2]).toMatchObject({
      actorUserId: senco.id,
      actorRole: "senco",
      reason: "Discussed with the SENCO",
      formKind: "recordOfConcern",
    });
  });

  it("a review decision to instigate School Action Plus restarts the review clock", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const reviewId = await recordReview(pupil, school.id, "schoolAction");
    const moved = await api(`/api/pupils/${pupil.id}/transitions`, {
      headers: senco.headers,
      body: { move: "instigateSchoolActionPlus", expectedVersion: 1, form: { kind: "review", id: reviewId } },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.pupil.stage).toBe("schoolActionPlus");
    const [review] = await db().select().from(reviews).where(eq(reviews.id, reviewId));
    expect(review?.decision).toBe("instigateSchoolActionPlus");
  });

  it("a register can be enrolled at the stage it already records, and only at a stage of its framework", async () => {
    const { senco, school } = await schoolWithPupil("england2014");
    const body = { upn: newUpn(), givenName: "Ade", familyName: "Okafor", dateOfBirth: "2015-09-30", yearGroup: "6", schoolId: school.id };
    const atEhcPlan = await api("/api/pupils", { headers: senco.headers, body: { ...body, stage: "ehcPlan" } });
    expect(atEhcPlan.status).toBe(201);
    expect(atEhcPlan.json.pupil).toMatchObject({ stage: "ehcPlan", provisionCode: "E" });
    const again = await api("/api/pupils", { headers: senco.headers, body: { ...body, stage: "ehcPlan" } });
    expect(again.status).toBe(409);
    expect(again.json.error.fields).toEqual([expect.objectContaining({ field: "upn" })]);
  });
});

describe("refusals over HTTP", () => {
  it("a stale version gets 409 with the current stage, and nothing changes", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const reviewId = await recordReview(pupil, school.id, "schoolAction");
    const stale = await api(`/api/pupils/${pupil.id}/transitions`, {
      headers: senco.headers,
      body: { move: "remainAtSchoolAction", expectedVersion: 0, form: { kind: "review", id: reviewId } },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "stale_version", currentVersion: 1, currentStage: "schoolAction" });
  });

  it("a School Action review cannot request statutory assessment", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const reviewId = await recordReview(pupil, school.id, "schoolAction");
    const refused = await api(`/api/pupils/${pupil.id}/transitions`, {
      headers: senco.headers,
      body: { move: "requestStatutoryAssessment", expectedVersion: 1, form: { kind: "review", id: reviewId } },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "move_not_allowed", stage: "schoolAction" });
    expect(refused.json.error.allowedMoves).toContain("instigateSchoolActionPlus");
  });

  it("an unknown move is a 400 naming the field", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014");
    const refused = await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body: { move: "skipToEhcPlan", expectedVersion: 1 } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: "unknown_move", fields: [expect.objectContaining({ field: "move" })] });
  });

  it("a move may not cite another pupil's form", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const other = await api("/api/pupils", {
      headers: senco.headers,
      body: { upn: newUpn(), givenName: "Other", familyName: "Pupil", dateOfBirth: "2017-01-01", yearGroup: "4", schoolId: school.id, stage: "schoolAction" },
    });
    const othersReview = await recordReview(other.json.pupil, school.id, "schoolAction");
    const refused = await api(`/api/pupils/${pupil.id}/transitions`, {
      headers: senco.headers,
      body: { move: "remainAtSchoolAction", expectedVersion: 1, form: { kind: "review", id: othersReview } },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "form_not_found", fields: [expect.objectContaining({ field: "form.id" })] });
  });
});

describe("invalid bodies get 400 naming the field, and nothing is stored", () => {
  const megabyte = "x".repeat(1024 * 1024);
  const valid = { upn: withUpnCheckLetter("123456789012"), givenName: "Jo", familyName: "Bloggs", dateOfBirth: "2016-02-29", yearGroup: "5" };

  it.each([
    ["a number for a name", { givenName: 42 }, "givenName"],
    ["a missing family name", { familyName: undefined }, "familyName"],
    ["an impossible date", { dateOfBirth: "2016-02-30" }, "dateOfBirth"],
    ["a malformed UPN", { upn: "12345" }, "upn"],
    ["a UPN whose check letter is wrong", { upn: "A801200005001" }, "upn"],
    ["an unknown year group", { yearGroup: "Y4" }, "yearGroup"],
    ["an unknown stage", { stage: "schoolActionPlusPlus" }, "stage"],
    ["a 1 MB name", { givenName: megabyte }, "givenName"],
    ["an unknown field", { favouriteColour: "blue" }, "favouriteColour"],
  ])("enrolment with %s", async (_what, change, field) => {
    const { senco, school } = await schoolWithPupil("england2001");
    const before = await db().select({ n: count() }).from(pupils).where(eq(pupils.schoolId, school.id));
    const response = await api("/api/pupils", { headers: senco.headers, body: { ...valid, upn: newUpn(), schoolId: school.id, ...change } });
    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    const after = await db().select({ n: count() }).from(pupils).where(eq(pupils.schoolId, school.id));
    expect(after).toEqual(before);
  });

  it.each([
    ["a string version", { expectedVersion: "1" }, "expectedVersion"],
    ["a negative version", { expectedVersion: -1 }, "expectedVersion"],
    ["no move", { move: undefined }, "move"],
    ["a 1 MB reason", { reason: megabyte }, "reason"],
    ["an unknown form kind", { form: { kind: "letter", id: crypto.randomUUID() } }, "form.kind"],
    ["a form id that is not an id", { form: { kind: "review", id: "1 OR 1=1" } }, "form.id"],
  ])("a move with %s", async (_what, change, field) => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const response = await api(`/api/pupils/${pupil.id}/transitions`, {
      headers: senco.headers,
      body: { move: "remainAtSchoolAction", expectedVersion: 1, ...change },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    const events = await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupil.id));
    expect(events).toHaveLength(1);
  });

  it("a concern with a 1 MB description or no area of concern is refused, naming the field", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001");
    for (const [change, field] of [
      [{ description: megabyte }, "description"],
      [{ areasOfConcern: [] }, "areasOfConcern"],
      [{ areasOfConcern: ["astrology"] }, "areasOfConcern.0"],
      [{ contributors: Array(7).fill({ name: "A", position: "B" }) }, "contributors"],
    ] as const) {
      const response = await api(`/api/pupils/${pupil.id}/concerns`, { headers: senco.headers, body: { ...concern, ...change } });
      expect(response.status).toBe(400);
      expect(response.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.pupilId, pupil.id))).toEqual([]);
  });

  it("malformed JSON is a 400 and a body over the limit is a 413, both as JSON", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001");
    const malformed = await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body: '{"move": "x", ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("malformed_request");
    const huge = await api(`/api/pupils/${pupil.id}/concerns`, { headers: senco.headers, body: { ...concern, description: "x".repeat(3 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("body_too_large");
  });
});

describe("tenancy: every read and write is scoped to the caller's school or LA", () => {
  it("answers foreign callers 404, callers beyond their role 403, and nobody without a token", async () => {
    const { la, school, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const otherLa = await createLa();
    const otherSchool = await createSchool(la.id, "england2001");
    const foreignSchool = await createSchool(otherLa.id, "england2001");
    const callers = {
      sencoElsewhereInLa: await createStaff("senco", { laId: la.id, schoolIds: [otherSchool.id] }),
      sencoInOtherLa: await createStaff("senco", { laId: otherLa.id, schoolIds: [foreignSchool.id] }),
      laOfficer: await createStaff("laOfficer", { laId: la.id }),
      otherLaOfficer: await createStaff("laOfficer", { laId: otherLa.id }),
      teacherNotTeaching: await createStaff("teacher", { laId: la.id, schoolIds: [school.id] }),
      head: await createStaff("head", { laId: la.id, schoolIds: [school.id] }),
      admin: await createStaff("admin", { laId: null }),
    };
    const expectations: Record<keyof typeof callers, { read: number; move: number }> = {
      sencoElsewhereInLa: { read: 404, move: 404 },
      sencoInOtherLa: { read: 404, move: 404 },
      laOfficer: { read: 200, move: 403 },
      otherLaOfficer: { read: 404, move: 404 },
      teacherNotTeaching: { read: 404, move: 404 },
      head: { read: 200, move: 409 },
      admin: { read: 404, move: 404 },
    };
    for (const [name, caller] of Object.entries(callers) as [keyof typeof callers, (typeof callers)[keyof typeof callers]][]) {
      const read = await api(`/api/pupils/${pupil.id}`, { headers: caller.headers });
      const history = await api(`/api/pupils/${pupil.id}/history`, { headers: caller.headers });
      const move = await api(`/api/pupils/${pupil.id}/transitions`, { headers: caller.headers, body: { move: "remainAtSchoolAction", expectedVersion: 0 } });
      expect([name, read.status, history.status, move.status]).toEqual([name, expectations[name].read, expectations[name].read, expectations[name].move]);
      const list = await api(`/api/pupils`, { headers: caller.headers });
      const listed = list.json.pupils.map((p: { id: string }) => p.id);
      expect([name, listed.includes(pupil.id)]).toEqual([name, expectations[name].read === 200]);
    }
    const anonymous = await api(`/api/pupils/${pupil.id}`);
    expect(anonymous.status).toBe(401);
  });

  it("a teacher sees a pupil they teach but may not move them", async () => {
    const { la, school, pupil } = await schoolWithPupil("england2001");
    const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
    const raised = await api(`/api/pupils/${pupil.id}/concerns`, { headers: teacher.headers, body: concern });
    expect(raised.status).toBe(404);
    const { teachingAssignments } = await import("../schema/tables");
    await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: pupil.id });
    expect((await api(`/api/pupils/${pupil.id}`, { headers: teacher.headers })).status).toBe(200);
    expect((await api(`/api/pupils/${pupil.id}/concerns`, { headers: teacher.headers, body: concern })).status).toBe(201);
    const move = await api(`/api/pupils/${pupil.id}/transitions`, {
      headers: teacher.headers,
      body: { move: "remainWithinOrdinaryCurriculum", expectedVersion: 2 },
    });
    expect(move.status).toBe(403);
  });

  it("a SENCO cannot enrol a pupil into another school", async () => {
    const { la, senco } = await schoolWithPupil("england2001");
    const otherLa = await createLa();
    const foreign = await createSchool(otherLa.id, "england2001");
    const sameLaOther = await createSchool(la.id, "england2001");
    const body = { upn: newUpn(), givenName: "A", familyName: "B", dateOfBirth: "2016-01-01", yearGroup: "5" };
    expect((await api("/api/pupils", { headers: senco.headers, body: { ...body, schoolId: foreign.id } })).status).toBe(404);
    expect((await api("/api/pupils", { headers: senco.headers, body: { ...body, schoolId: sameLaOther.id } })).status).toBe(404);
  });
});

describe("the API is documented", () => {
  it("serves OpenAPI generated from the validating schemas", async () => {
    const doc = await api("/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe("3.1.0");
    expect(doc.json.servers).toEqual([{ url: "/api" }]);
    const transitions = doc.json.paths["/pupils/{id}/transitions"].post;
    expect(transitions.requestBody.content["application/json"].schema.required).toEqual(["move", "expectedVersion"]);
    expect(Object.keys(transitions.responses)).toEqual(expect.arrayContaining(["200", "409", "422"]));
    expect(doc.json.paths["/pupils"].post.requestBody.content["application/json"].schema.properties.yearGroup.enum).toContain("R");
    for (const [path, method] of [
      ["/pupils/{id}/plans", "post"],
      ["/pupils/{id}/plans/{formId}", "get"],
      ["/pupils/{id}/reviews", "post"],
      ["/pupils/{id}/review-options", "get"],
      ["/pupils/{id}/parent-meetings", "post"],
      ["/pupils/{id}/specialist-involvements", "post"],
      ["/pupils/{id}/parent-views", "post"],
      ["/pupils/{id}/plans/{formId}/copy-to-parents", "post"],
      ["/pupils/{id}/assessment-evidence", "get"],
      ["/pupils/{id}/assessment-requests", "post"],
      ["/pupils/{id}/assessment-requests/{formId}/decision", "post"],
      ["/pupils/{id}/assessment-requests/{formId}/exceptions", "post"],
      ["/schools/{schoolId}/interventions", "post"],
      ["/schools/{schoolId}/interventions/{interventionId}", "patch"],
    ] as const) {
      expect([path, method, typeof doc.json.paths[path]?.[method]?.summary]).toEqual([path, method, "string"]);
    }
    const plan = doc.json.paths["/pupils/{id}/plans"].post.requestBody.content["application/json"].schema;
    expect(plan.properties.targets).toMatchObject({ minItems: 3, maxItems: 5 });
  });
});
