import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, drsReferrals, outbox, parentLinks, parentViews, planTargets, plans, recordsOfConcern } from "../schema/tables";
import { hashSecret, newSecret } from "../worker/auth/secrets";
import { api, createStaff, db, newUpn, page, schoolWithPupil } from "./support/world";
import { deliverOutbox } from "../worker/mail/deliver";
import type { OutgoingMail } from "../worker/mail/transport";

async function childWithPlan() {
  const world = await schoolWithPupil("england2014", "senSupportDo");
  const planId = crypto.randomUUID();
  await db().insert(plans).values({
    id: planId,
    pupilId: world.pupil.id,
    schoolId: world.school.id,
    stage: "senSupportDo",
    objective: "Read simple sentences with confidence",
    baseline: "Reads 20 common words",
    supportAtHome: "Read together for ten minutes each evening",
    dateWritten: "2026-09-10",
    reviewDate: "2026-12-10",
  });
  await db().insert(planTargets).values({
    id: crypto.randomUUID(),
    planId,
    position: 1,
    target: "Read 50 common words",
    successCriteria: "50 of 50 on the word check",
    materials: "Word cards",
    methods: "Precision teaching",
    deliveredBy: "Teaching assistant",
    groupSize: "1:1",
    frequency: "Daily, 10 minutes",
  });
  await db()
    .insert(recordsOfConcern)
    .values({
      id: crypto.randomUUID(),
      pupilId: world.pupil.id,
      schoolId: world.school.id,
      raisedBy: "staff",
      areasOfConcern: ["cognitionAndLearning"],
      description: "Reading",
      parentDiscussion: "STAFF-ONLY NOTE about the family",
    });
  return { ...world, planId };
}

async function giveLink(world: { senco: { headers: Record<string, string> }; pupil: { id: string } }, body: Record<string, unknown> = {}) {
  const created = await api(`/api/pupils/${world.pupil.id}/parent-links`, {
    headers: world.senco.headers,
    body: { parentName: "Pat Parent", parentEmail: "pat@home.test", ...body },
  });
  expect(created.status).toBe(201);
  return { id: created.json.link.id as string, path: new URL(created.json.url).pathname, secret: new URL(created.json.url).pathname.split("/").at(-1)! };
}

describe("a parent's link", () => {
  it("is shown once, emailed, and kept only as a hash of at least 128 random bits", async () => {
    const world = await childWithPlan();
    const link = await giveLink(world);
    expect(link.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await db().select().from(parentLinks).where(eq(parentLinks.id, link.id));
    expect(stored!.tokenHash).toBe(await hashSecret(link.secret));
    expect(JSON.stringify(stored)).not.toContain(link.secret);
    const [mail] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `parentLink:${link.id}`));
    expect(mail).toMatchObject({ audience: "parents", recipientEmail: "pat@home.test", template: "parentLink", pupilId: world.pupil.id });
    const sent: OutgoingMail[] = [];
    await deliverOutbox(db(), { send: async (message) => (sent.push(message), { messageId: null }) }, "stepwise@stepwise.test", new Date().toISOString());
    expect(sent.find((message) => message.id === mail!.id)?.text).toContain(link.secret);
    // Once the parent has the link, the outbox no longer holds it.
    const [delivered] = await db().select().from(outbox).where(eq(outbox.id, mail!.id));
    expect(delivered).toMatchObject({ status: "sent", payload: expect.objectContaining({ parentName: "Pat Parent" }) });
    expect(JSON.stringify(delivered)).not.toContain(link.secret);
    const listed = await api(`/api/pupils/${world.pupil.id}/parent-links`, { headers: world.senco.headers });
    expect(listed.json.links).toEqual([expect.objectContaining({ id: link.id, parentName: "Pat Parent" })]);
    expect(JSON.stringify(listed.json)).not.toMatch(/tokenHash|token_hash/);
  });

  it("shows the plan, review dates and decisions of its own child only, without staff-only notes", async () => {
    const world = await childWithPlan();
    const sibling = await api("/api/pupils", {
      headers: world.senco.headers,
      body: { upn: newUpn(), givenName: "Otherchild", familyName: "Elsewhere", dateOfBirth: "2016-01-01", yearGroup: "5", schoolId: world.school.id },
    });
    expect(sibling.status).toBe(201);
    const link = await giveLink(world);
    const shown = await page(link.path);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("Sam Example");
    expect(shown.text).toContain("Read simple sentences with confidence");
    expect(shown.text).toContain("10 December 2026");
    expect(shown.text).toContain("Read 50 common words");
    expect(shown.text).toContain("Enrol");
    expect(shown.text).not.toContain("STAFF-ONLY NOTE");
    expect(shown.text).not.toContain("Otherchild");
    expect(shown.text).not.toContain("Enrolled from the school's existing SEN register");
    expect(shown.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(shown.headers.get("Cache-Control")).toBe("no-store");
  });

  it("takes the parent's views before the review, with a 422 re-render when empty", async () => {
    const world = await childWithPlan();
    const link = await giveLink(world);
    const empty = await page(`${link.path}/views`, { form: { whatIsGoingWell: "", concerns: "" } });
    expect(empty.status).toBe(422);
    expect(empty.text).toMatch(/<title>Error: /);
    const sent = await page(`${link.path}/views`, {
      form: { whatIsGoingWell: "Reading at bedtime", concerns: "Spelling", childViews: "", questionsForReview: "" },
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe(`${link.path}?done=views`);
    const [views] = await db().select().from(parentViews).where(eq(parentViews.pupilId, world.pupil.id));
    expect(views).toMatchObject({ parentLinkId: link.id, planId: world.planId, whatIsGoingWell: "Reading at bedtime", concerns: "Spelling" });
    expect((await page(`${link.path}?done=views`)).text).toContain("your views have been sent");
  });

  it("lets the parent agree or decline DRS mediation while the referral is being made", async () => {
    const world = await childWithPlan();
    const referralId = crypto.randomUUID();
    await db().insert(drsReferrals).values({
      id: referralId,
      pupilId: world.pupil.id,
      schoolId: world.school.id,
      laId: world.la.id,
      informalResolutionTried: "Meeting with the SENCO",
      summaryOfIssues: "Provision",
      actionsTaken: "Meeting",
      currentStep: "informalResolutionTried",
      timescales: {},
    });
    const link = await giveLink(world);
    expect((await page(link.path)).text).toContain("Do you agree to mediation");
    const none = await page(`${link.path}/mediation`, { form: { referralId } });
    expect(none.status).toBe(422);
    const agreed = await page(`${link.path}/mediation`, { form: { referralId, answer: "agreed" } });
    expect(agreed.status).toBe(303);
    const [referral] = await db().select().from(drsReferrals).where(eq(drsReferrals.id, referralId));
    expect(referral).toMatchObject({ parentMediation: "agreed" });
    await db().update(drsReferrals).set({ currentStep: "referralSubmitted" }).where(eq(drsReferrals.id, referralId));
    const late = await page(`${link.path}/mediation`, { form: { referralId, answer: "declined" } });
    expect(late.status).toBe(409);
    const [unchanged] = await db().select().from(drsReferrals).where(eq(drsReferrals.id, referralId));
    expect(unchanged).toMatchObject({ parentMediation: "agreed" });
  });

  it("a guessed, malformed, expired or revoked link gets 404, and so does another child's referral", async () => {
    const world = await childWithPlan();
    const expired = await giveLink(world);
    const revoked = await giveLink(world);
    await db().update(parentLinks).set({ expiresAt: "2020-01-01T00:00:00.000Z" }).where(eq(parentLinks.id, expired.id));
    expect((await api(`/api/pupils/${world.pupil.id}/parent-links/${revoked.id}/revoke`, { method: "POST", headers: world.senco.headers })).status).toBe(204);
    for (const path of [`/parent/${newSecret()}`, "/parent/not-a-secret", expired.path, revoked.path, `${revoked.path}/views`]) {
      const response = path.endsWith("/views") ? await page(path, { form: { concerns: "x" } }) : await page(path);
      expect([path, response.status]).toEqual([path, 404]);
    }
    expect(await db().select().from(parentViews).where(eq(parentViews.pupilId, world.pupil.id))).toEqual([]);

    const other = await childWithPlan();
    const foreignReferral = crypto.randomUUID();
    await db().insert(drsReferrals).values({
      id: foreignReferral,
      pupilId: other.pupil.id,
      schoolId: other.school.id,
      laId: other.la.id,
      informalResolutionTried: "x",
      summaryOfIssues: "x",
      actionsTaken: "x",
      currentStep: "referralSubmitted",
      timescales: {},
    });
    const live = await giveLink(world);
    expect((await page(`${live.path}/mediation`, { form: { referralId: foreignReferral, answer: "agreed" } })).status).toBe(404);
    const [untouched] = await db().select().from(drsReferrals).where(eq(drsReferrals.id, foreignReferral));
    expect(untouched!.parentMediation).toBeNull();
  });

  it("only the SENCO or head of the child's school gives or withdraws links", async () => {
    const world = await childWithPlan();
    const teacher = await createStaff("teacher", { laId: world.la.id, schoolIds: [world.school.id] });
    const officer = await createStaff("laOfficer", { laId: world.la.id });
    const foreign = await schoolWithPupil("england2014");
    const tryCreate = (headers: Record<string, string>) =>
      api(`/api/pupils/${world.pupil.id}/parent-links`, { headers, body: { parentName: "P" } }).then((r) => r.status);
    expect(await tryCreate(teacher.headers)).toBe(404);
    expect(await tryCreate(officer.headers)).toBe(403);
    expect(await tryCreate(foreign.senco.headers)).toBe(404);
  });

  it("every use of the link is in the audit log as the parent's", async () => {
    const world = await childWithPlan();
    const link = await giveLink(world);
    await page(link.path, { headers: { "User-Agent": "ParentBrowser/1.0", "CF-Connecting-IP": "203.0.113.9" } });
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, world.pupil.id), eq(auditLog.actorKind, "parent")));
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: link.id,
        actorRole: "parent",
        action: "read",
        route: "GET /parent/:secret",
        userAgent: "ParentBrowser/1.0",
        ipAddress: "203.0.113.9",
      }),
    ]);
  });
});
