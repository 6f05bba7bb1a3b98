import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentRequests, drsReferrals } from "../../schema/tables";
import { drsWorld, foreignStaff, makeReferral } from "../support/drs";
import { api, createStaff, db, page, schoolWithPupil } from "../support/world";
import { expectRefusedPage, post, sessionCookie } from "./form-pages";

const today = new Date().toISOString().slice(0, 10);
const [year, month, day] = today.split("-").map(Number) as [number, number, number];
const dateFields = (name: string, on: string) => {
  const [y, m, d] = on.split("-").map(Number);
  return { [`${name}.day`]: String(d), [`${name}.month`]: String(m), [`${name}.year`]: String(y) };
};
const tomorrow = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);

/** A 2014 pupil whose SENCO asked for an EHC needs assessment, recording the decision to ask; the LA's officer; a foreign LA. */
async function build() {
  const enrolled = await schoolWithPupil("england2014", "senSupportReview");
  const world = { ...enrolled, officer: await createStaff("laOfficer", { laId: enrolled.la.id }) };
  const requestedOn = new Date(Date.UTC(year, month - 1, day - 10)).toISOString().slice(0, 10);
  const made = await api(`/api/pupils/${world.pupil.id}/assessment-requests`, {
    headers: world.senco.headers,
    body: {
      requestedBy: "school",
      requestedOn,
      reasons: "Progress is still well below age after two cycles",
      decision: "requestEhcNeedsAssessment",
      expectedVersion: world.pupil.version,
    },
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.json));
  return { ...world, requestId: made.json.assessmentRequest.id as string, requestedOn, foreign: await foreignStaff() };
}
let world: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  world = await build();
});

const requestPath = () => `/forms/pupils/${world.pupil.id}/assessment-requests/${world.requestId}`;
const version = async () => (await api(`/api/pupils/${world.pupil.id}`, { headers: world.officer.headers })).json.pupil.version as number;

describe("the LA officer's pages on an assessment request", () => {
  it("shows the request with its reasons, its state and its deadlines, and links the LA's decision from the pupil's page and the LA's list", async () => {
    const cookie = sessionCookie(world.officer);
    const shown = await page(requestPath(), { cookie });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("Progress is still well below age after two cycles");
    expect(shown.text).toContain("Awaiting the LA&#39;s decision");
    expect(shown.text).toMatch(/EHC needs assessment decision|Decision/);
    expect(shown.text).toContain(`${requestPath()}/decision`);
    const hub = await page(`/forms/pupils/${world.pupil.id}`, { cookie });
    expect(hub.text).toContain(`${requestPath()}/decision`);
    const list = await page("/dashboard/la/tables/assessment-requests", { cookie });
    expect(list.text).toContain(requestPath());
  });

  it("refuses a decision with no choice, dated in the future or before the request, naming the fields", async () => {
    const cookie = sessionCookie(world.officer);
    const expectedVersion = String(await version());
    await expectRefusedPage(`${requestPath()}/decision`, cookie, { expectedVersion }, ["decision", "decidedOn"]);
    await expectRefusedPage(
      `${requestPath()}/decision`,
      cookie,
      { expectedVersion, decision: "authorityAgreesToAssess", ...dateFields("decidedOn", tomorrow) },
      ["decidedOn.day"],
    );
    const refused = await expectRefusedPage(
      `${requestPath()}/decision`,
      cookie,
      { expectedVersion, decision: "authorityAgreesToAssess", ...dateFields("decidedOn", "2020-01-06") },
      ["decidedOn.day"],
    );
    expect(refused).toContain("must be the same as or after the date of the request");
    await expectRefusedPage(`${requestPath()}/exception`, cookie, {}, ["ground", "recordedOn"]);
    await expectRefusedPage(`${requestPath()}/exception`, cookie, { ground: "noSuchGround", ...dateFields("recordedOn", tomorrow) }, [
      "ground",
      "recordedOn.day",
    ]);
  });

  it("answers 404 to another LA's officer and to the school of another LA, and 403 to the school's SENCO", async () => {
    for (const path of [requestPath(), `${requestPath()}/decision`, `${requestPath()}/exception`]) {
      expect((await page(path, { cookie: sessionCookie(world.foreign.officer) })).status, path).toBe(404);
      expect((await page(path, { cookie: sessionCookie(world.foreign.senco) })).status, path).toBe(404);
    }
    expect((await page(`${requestPath()}/decision`, { cookie: sessionCookie(world.senco) })).status).toBe(403);
    expect((await post(`${requestPath()}/decision`, { expectedVersion: "1" }, sessionCookie(world.foreign.officer))).status).toBe(404);
  });

  it("records an exception, then the decision through the pupil's object; a decision sent on a stale version is a 409 page and nothing is saved", async () => {
    const cookie = sessionCookie(world.officer);
    const excepted = await post(
      `${requestPath()}/exception`,
      { ground: "exceptionalPersonalCircumstances", details: "A family bereavement", ...dateFields("recordedOn", today) },
      cookie,
    );
    expect(excepted.status).toBe(303);
    const [withException] = await db().select().from(assessmentRequests).where(eq(assessmentRequests.id, world.requestId));
    expect(withException!.exceptions).toEqual([
      { reason: "Exceptional personal circumstances affect the child or their parent, or the young person: A family bereavement", recordedOn: today },
    ]);

    const current = await version();
    const stale = await post(
      `${requestPath()}/decision`,
      { expectedVersion: String(current - 1), decision: "authorityAgreesToAssess", ...dateFields("decidedOn", today) },
      cookie,
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("The record changed before your decision was saved");
    expect((await db().select().from(assessmentRequests).where(eq(assessmentRequests.id, world.requestId)))[0]!.laDecision).toBeNull();

    const decided = await post(
      `${requestPath()}/decision`,
      { expectedVersion: String(current), decision: "authorityAgreesToAssess", ...dateFields("decidedOn", world.requestedOn) },
      cookie,
    );
    expect(decided.status).toBe(303);
    const [request] = await db().select().from(assessmentRequests).where(eq(assessmentRequests.id, world.requestId));
    expect([request!.laDecision, request!.laDecisionOn]).toEqual(["agreed", world.requestedOn]);
    const pupil = (await api(`/api/pupils/${world.pupil.id}`, { headers: world.officer.headers })).json.pupil;
    expect(pupil.stage).toBe("ehcNeedsAssessmentAgreed");
  });
});

describe("a DRS referral's step pages", () => {
  it("the school and then the LA officer record their steps, each dated the day it happened; the wrong party, another LA and a stale page are refused", async () => {
    const { senco, officer, pupil } = await drsWorld("england2014");
    const made = await makeReferral(senco.headers, pupil.id, { parentPartnershipInformedOn: null, signedByParentOn: null });
    const id = made.json.referral.id as string;
    const base = `/forms/drs-referrals/${id}`;
    const school = sessionCookie(senco);
    const la = sessionCookie(officer);
    const shown = await page(base, { cookie: school });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`${base}/steps/parentPartnershipInformed`);
    expect((await page(`/forms/pupils/${pupil.id}`, { cookie: school })).text).toContain(base);

    await expectRefusedPage(`${base}/steps/parentPartnershipInformed`, school, { stepSeen: "informalResolutionTried" }, ["happenedOn"]);
    await expectRefusedPage(`${base}/steps/parentPartnershipInformed`, school, { stepSeen: "informalResolutionTried", ...dateFields("happenedOn", tomorrow) }, [
      "happenedOn.day",
    ]);
    // The referral was opened today: its steps cannot be dated before it.
    const informed = await post(
      `${base}/steps/parentPartnershipInformed`,
      { stepSeen: "informalResolutionTried", ...dateFields("happenedOn", today), note: "Leaflet given" },
      school,
    );
    expect(informed.status).toBe(303);
    const again = await post(`${base}/steps/mediationAgreed`, { stepSeen: "informalResolutionTried", ...dateFields("happenedOn", today) }, school);
    expect(again.status).toBe(409);
    expect(again.text).toContain("The referral changed before your step was saved");
    expect((await post(`${base}/steps/mediationAgreed`, { stepSeen: "parentPartnershipInformed", ...dateFields("happenedOn", today) }, school)).status).toBe(
      303,
    );
    // The referral form lacked the parents' signature: the step that submits it asks for it, naming the field.
    await expectRefusedPage(`${base}/steps/referralSubmitted`, school, { stepSeen: "mediationAgreed", ...dateFields("happenedOn", today) }, [
      "signedByParentOn",
    ]);
    expect(
      (
        await post(
          `${base}/steps/referralSubmitted`,
          { stepSeen: "mediationAgreed", ...dateFields("happenedOn", today), ...dateFields("signedByParentOn", today) },
          school,
        )
      ).status,
    ).toBe(303);

    // Forwarding is the LA officer's step: the school is not offered it; another LA's officer cannot see the referral.
    expect((await page(`${base}/steps/forwardedToDrs`, { cookie: school })).status).toBe(409);
    expect((await page(`${base}/steps/forwardedToDrs`, { cookie: sessionCookie((await foreignStaff()).officer) })).status).toBe(404);
    expect((await page(base, { cookie: la })).text).toContain(`${base}/steps/forwardedToDrs`);
    expect((await post(`${base}/steps/forwardedToDrs`, { stepSeen: "referralSubmitted", ...dateFields("happenedOn", today) }, la)).status).toBe(303);

    const [referral] = await db().select().from(drsReferrals).where(eq(drsReferrals.id, id));
    expect(referral!.currentStep).toBe("forwardedToDrs");
    const steps = (await api(`/api/drs-referrals/${id}`, { headers: officer.headers })).json.referral.steps as {
      step: string;
      happenedOn: string;
      note: string | null;
    }[];
    expect(steps.find((step) => step.step === "parentPartnershipInformed")).toMatchObject({ happenedOn: today, note: "Leaflet given" });
  });
});
