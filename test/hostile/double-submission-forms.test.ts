import { and, count, eq, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import {
  assessmentRequests,
  closureDays,
  drsReferrals,
  interventionPupils,
  interventions,
  localAuthorities,
  parentLinks,
  pupils,
  reviews,
  schools,
  staffInvitations,
} from "../../schema/tables";
import { frameworkFor } from "../../worker/workflow/frameworks";
import { reviewOptions } from "../../worker/records/reviews";
import { api, createLa, createStaff, db, newUpn, page, schoolWithPupil } from "../support/world";

/**
 * issue 16: every staff form that stores a record without a decision carries a one-time key. Each form is fetched as a
 * browser fetches it, then the same filled form is posted five times at once and once more after: one record is
 * stored, and every answer lands where the first did (never a refusal of the repeat, never a 5xx).
 */

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });
const keyOf = (html: string) => html.match(/name="idempotencyKey" value="([^"]+)"/)?.[1];
const dayFields = (name: string, on: string) => ({ [`${name}.day`]: on.slice(8), [`${name}.month`]: on.slice(5, 7), [`${name}.year`]: on.slice(0, 4) });
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const rowsOf = async (table: SQLiteTable, where: SQL | undefined) => (await db().select({ n: count() }).from(table).where(where))[0]!.n;

/** The form at `formPath` filled with `fields` and its own one-time key, posted to `postPath` five times at once, then once more. */
async function postedSixTimes(staff: { token: string }, formPath: string, postPath: string, fields: Record<string, string>) {
  const form = await page(formPath, { headers: bearer(staff) });
  expect(form.status).toBe(200);
  const key = keyOf(form.text);
  expect(key, `${formPath} carries a one-time key`).toMatch(/^[A-Za-z0-9_-]{22,128}$/);
  const send = () => page(postPath, { headers: bearer(staff), form: { ...fields, idempotencyKey: key! } });
  const answers = [...(await Promise.all(Array.from({ length: 5 }, send))), await send()];
  return answers.map((answer) => ({ status: answer.status, location: answer.headers.get("location"), text: answer.text }));
}

/** Every answer is the first's: the same status and, after a redirect, the same place. */
function expectAllLikeTheFirst(answers: { status: number; location: string | null }[], status: number) {
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => status));
  expect(new Set(answers.map((answer) => answer.location)).size).toBe(1);
}

describe("issue 16 finding: staff forms without a decision store duplicates: a review of progress saved without a decision", () => {
  it("stores one review", async () => {
    // A stage whose review opens no decision (a plan reviewed mid-cycle): the review is saved on its own.
    const framework = frameworkFor("england2014");
    const stage = Object.keys(framework.stages).find((id) => reviewOptions(framework, id, "school").length === 0 && id !== framework.initialStage)!;
    const { senco, pupil } = await schoolWithPupil("england2014", stage);
    const answers = await postedSixTimes(senco, `/forms/pupils/${pupil.id}/review`, `/forms/pupils/${pupil.id}/review`, {
      ...dayFields("reviewDate", daysAgo(1)),
      areasOfConcern: "cognitionAndLearning",
      evaluation: "Reads simple sentences now",
    });
    expectAllLikeTheFirst(answers, 303);
    expect(await rowsOf(reviews, eq(reviews.pupilId, pupil.id))).toBe(1);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: a request for assessment", () => {
  it("stores one request", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportReview");
    const answers = await postedSixTimes(senco, `/forms/pupils/${pupil.id}/assessment-request`, `/forms/pupils/${pupil.id}/assessment-request`, {
      requestedBy: "school",
      ...dayFields("requestedOn", daysAgo(1)),
      reasons: "Progress is still well below age after two cycles",
    });
    expectAllLikeTheFirst(answers, 303);
    expect(await rowsOf(assessmentRequests, eq(assessmentRequests.pupilId, pupil.id))).toBe(1);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: an intervention added to the provision map", () => {
  it("stores one intervention and every post lands on it", async () => {
    const { senco, school } = await schoolWithPupil("england2014", "senSupportDo");
    const answers = await postedSixTimes(senco, `/forms/schools/${school.id}/interventions/new`, `/forms/schools/${school.id}/interventions`, {
      name: "Phonics catch-up",
      groupSize: "4",
      sessionsPerWeek: "3",
      sessionMinutes: "20",
      staff: "Teaching assistant",
      costBasis: "perSession",
      cost: "12.50",
    });
    expectAllLikeTheFirst(answers, 303);
    expect(await rowsOf(interventions, eq(interventions.schoolId, school.id))).toBe(1);
    const [stored] = await db().select({ id: interventions.id }).from(interventions).where(eq(interventions.schoolId, school.id));
    expect(answers[0]!.location).toBe(`/forms/schools/${school.id}/interventions/${stored!.id}`);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: giving a parent their private link", () => {
  it("stores one link, and every answer (a double click, a refreshed 'link given' page) shows that same link", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const answers = await postedSixTimes(senco, `/forms/pupils/${pupil.id}/parent-links`, `/forms/pupils/${pupil.id}/parent-links`, {
      parentName: "Pat Parent",
      expiresInDays: "180",
    });
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const links = answers.map((answer) => answer.text.match(/\/parent\/([A-Za-z0-9_-]{43})/)?.[1]);
    expect(links[0]).toBeDefined();
    expect(new Set(links).size).toBe(1);
    expect(await rowsOf(parentLinks, eq(parentLinks.pupilId, pupil.id))).toBe(1);
    // The link shown opens the parent's page.
    expect((await page(`/parent/${links[0]}`)).status).toBe(200);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: inviting a member of staff", () => {
  it("a school's invitation is stored once", async () => {
    const { la, school } = await schoolWithPupil("england2014", "senSupportDo");
    const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
    const email = `${crypto.randomUUID()}@school.test`;
    const team = `/staff/schools/${school.id}/staff`;
    const answers = await postedSixTimes(head, team, `${team}/invitations`, { name: "Tess Teacher", email, role: "teacher" });
    expectAllLikeTheFirst(answers, 303);
    expect(await rowsOf(staffInvitations, eq(staffInvitations.email, email))).toBe(1);
  });

  it("an LA's invitation of an officer is stored once", async () => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const email = `${crypto.randomUUID()}@la.test`;
    const team = `/staff/las/${la.id}/officers`;
    const answers = await postedSixTimes(officer, team, `${team}/invitations`, { name: "Olive Officer", email, role: "laOfficer" });
    expectAllLikeTheFirst(answers, 303);
    expect(await rowsOf(staffInvitations, eq(staffInvitations.email, email))).toBe(1);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: a pupil enrolled by hand, and a closure day (forms whose record is its own key)", () => {
  it("a pupil enrolled twice at once is one pupil: the UPN is unique at the school, and the repeats are told so, never a 5xx", async () => {
    const { senco, school } = await schoolWithPupil("england2014", "senSupportDo");
    // Several pupils: the race between the check and the write is not met every time.
    for (let round = 0; round < 4; round++) {
      const upn = newUpn();
      const fields = {
        upn,
        givenName: "Kim",
        familyName: "Twice",
        ...dayFields("dateOfBirth", "2017-03-04"),
        yearGroup: "4",
        stage: "senSupportDo",
        primaryNeed: "SPLD",
      };
      const send = () => page(`/forms/schools/${school.id}/pupils`, { headers: bearer(senco), form: fields });
      const answers = [...(await Promise.all(Array.from({ length: 5 }, send))), await send()];
      expect(answers.map((answer) => answer.status).sort()).toEqual([303, 422, 422, 422, 422, 422]);
      for (const refused of answers.filter((answer) => answer.status === 422)) expect(refused.text).toContain("already on your school&#39;s register");
      expect(await rowsOf(pupils, and(eq(pupils.schoolId, school.id), eq(pupils.upn, upn)))).toBe(1);
    }
  });

  it("a closure day added twice at once is one day (the LA and the day are the key), never a 5xx", async () => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const on = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const send = () => page(`/forms/las/${la.id}/closure-days`, { headers: bearer(officer), form: { ...dayFields("from", on), reason: "Polling day" } });
    const answers = [...(await Promise.all(Array.from({ length: 5 }, send))), await send()];
    expect(answers.every((answer) => answer.status < 500)).toBe(true);
    expect(await rowsOf(closureDays, eq(closureDays.laId, la.id))).toBe(1);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: pupils put on an intervention, and an exception to the time limits (forms whose record is its own key)", () => {
  it("pupils put on an intervention by five posts at once are each on it once, never a 5xx", async () => {
    const { senco, school, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const interventionId = crypto.randomUUID();
    await db().insert(interventions).values({
      id: interventionId,
      schoolId: school.id,
      name: "Phonics catch-up",
      groupSize: "4",
      frequency: "3 x 20 minutes a week",
      staff: "Teaching assistant",
    });
    const send = () =>
      page(`/forms/schools/${school.id}/interventions/${interventionId}/pupils`, {
        headers: bearer(senco),
        form: { pupilIds: pupil.id, ...dayFields("startedOn", daysAgo(0)) },
      });
    const answers = [...(await Promise.all(Array.from({ length: 5 }, send))), await send()];
    expect(answers.every((answer) => answer.status === 303 || answer.status === 422)).toBe(true);
    expect(answers.filter((answer) => answer.status === 303).length).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(interventionPupils, and(eq(interventionPupils.interventionId, interventionId), eq(interventionPupils.pupilId, pupil.id)))).toBe(1);
  });

  it("an exception to the time limits sent five times at once is recorded once, and every post lands on the request", async () => {
    const { la, senco, pupil } = await schoolWithPupil("england2014", "senSupportReview");
    const officer = await createStaff("laOfficer", { laId: la.id });
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: {
        requestedBy: "school",
        requestedOn: daysAgo(10),
        reasons: "Progress is still well below age after two cycles",
        decision: "requestEhcNeedsAssessment",
        expectedVersion: pupil.version,
      },
    });
    expect(made.status).toBe(201);
    const requestId: string = made.json.assessmentRequest.id;
    const send = () =>
      page(`/forms/pupils/${pupil.id}/assessment-requests/${requestId}/exception`, {
        headers: bearer(officer),
        form: { ground: "exceptionalPersonalCircumstances", details: "A family bereavement", ...dayFields("recordedOn", daysAgo(0)) },
      });
    const answers = [...(await Promise.all(Array.from({ length: 5 }, send))), await send()];
    expectAllLikeTheFirst(
      answers.map((answer) => ({ status: answer.status, location: answer.headers.get("location") })),
      303,
    );
    const [stored] = await db().select({ exceptions: assessmentRequests.exceptions }).from(assessmentRequests).where(eq(assessmentRequests.id, requestId));
    expect(stored?.exceptions).toHaveLength(1);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: a DRS referral", () => {
  it("opens one referral, and every post lands on it", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportReview");
    const answers = await postedSixTimes(senco, `/forms/pupils/${pupil.id}/drs-referral`, `/forms/pupils/${pupil.id}/drs-referral`, {
      informalResolutionTried: "Meetings with the head teacher",
      summaryOfIssues: "The provision for reading",
      actionsTaken: "A weekly check-in offered",
      schoolMediation: "agreed",
    });
    expectAllLikeTheFirst(answers, 303);
    expect(await rowsOf(drsReferrals, eq(drsReferrals.pupilId, pupil.id))).toBe(1);
  });
});

describe("issue 16 finding: staff forms without a decision store duplicates: an LA and a school added by the admin (their numbers are their keys)", () => {
  it("five posts at once of one LA and one school store one of each; the rest are told the number is taken, never a 5xx", async () => {
    const admin = await createStaff("admin", { laId: null });
    const unusedCode = async () => {
      for (;;) {
        const code = String(100 + Math.floor(Math.random() * 900));
        if (!(await db().select().from(localAuthorities).where(eq(localAuthorities.code, code)).get())) return code;
      }
    };
    const code = await unusedCode();
    const addLa = () => api("/api/admin/las", { headers: admin.headers, body: { name: "Twiceshire", code, region: "englandAndWales" } });
    const laAnswers = await Promise.all(Array.from({ length: 5 }, addLa));
    expect(laAnswers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await rowsOf(localAuthorities, eq(localAuthorities.code, code))).toBe(1);

    const laId: string = laAnswers.find((answer) => answer.status === 201)!.json.localAuthority.id;
    const urn = String(100_000 + Math.floor(Math.random() * 900_000));
    const addSchool = () =>
      api("/api/admin/schools", {
        headers: admin.headers,
        body: { laId, name: "Twice Primary", urn, phase: "primary", framework: "england2014", region: "englandAndWales", publicSlug: `twice-${urn}` },
      });
    const schoolAnswers = await Promise.all(Array.from({ length: 5 }, addSchool));
    expect(schoolAnswers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await rowsOf(schools, eq(schools.urn, urn))).toBe(1);
  });
});
