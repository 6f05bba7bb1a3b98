import { SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, staffInvitations } from "../../schema/tables";
import { renderMail } from "../../worker/mail/templates";
import { createLa, createSchool, createStaff, db, schoolWithPupil } from "../support/world";

/** The deployment's origin in the tests' configuration (vitest.config.ts); a hostile sender names another host. */
const ours = "https://stepwise.test";
const hostile = { Host: "evil.example", "X-Forwarded-Host": "evil.example" };
const randomAddress = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

/** A request whose URL and Host both say evil.example, as a client can send them to the Worker. */
async function fromEvil(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
  const response = await SELF.fetch(`https://evil.example${path}`, {
    method: init.method ?? "GET",
    headers: { ...hostile, ...init.headers },
    body: init.body,
    redirect: "manual",
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const json = (text: string) => JSON.parse(text);

/** Every absolute http(s) address in a text. */
const addressesIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s"<>]+/g)].map((match) => match[0]);
const expectOnlyOurs = (text: string) => {
  expect(text).not.toContain("evil.example");
  for (const address of addressesIn(text)) expect(address.startsWith(`${ours}/`), address).toBe(true);
};

async function mailTo(schoolId: string, template: string) {
  const [mail] = await db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.schoolId, schoolId), eq(outbox.template, template)));
  expect(mail, template).toBeDefined();
  return { payload: JSON.stringify(mail!.payload), rendered: renderMail(template, mail!.payload, { pupilName: "Sam", schoolName: "Brook School" }) };
}

describe("issue 16 finding: the Host header becomes links", () => {
  it("a public concern sent with Host: evil.example gets a status link, and staff notices, on the deployment's own origin", async () => {
    const school = await createSchool((await createLa()).id, "england2001");
    const form = new URLSearchParams({
      idempotencyKey: crypto.randomUUID(),
      childName: "Ada Lovelace",
      "childDateOfBirth.day": "4",
      "childDateOfBirth.month": "5",
      "childDateOfBirth.year": "2018",
      childYearGroup: "2",
      parentName: "Anne Lovelace",
      parentRelationship: "Mother",
      parentEmail: "anne@example.test",
      description: "Reading is hard.",
      website: "",
    });
    const sent = await fromEvil(`/s/${school.publicSlug}/concern`, {
      method: "POST",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": randomAddress() },
    });
    expect(sent.status).toBe(303);
    const location = sent.headers.get("Location")!;
    expect(location.startsWith("/s/")).toBe(true);
    const status = await fromEvil(location);
    expect(status.status).toBe(200);
    const shownLink = status.text.match(/data-status-url>([^<]+)</)![1]!;
    expect(shownLink).toBe(`${ours}${location.split("?")[0]}`);

    // The SENCO's and head's notice links to the deployment, not to the sender's host.
    const notice = await mailTo(school.id, "parentConcernReceived");
    expectOnlyOurs(notice.payload);
    expectOnlyOurs(notice.rendered.text);
    expect(notice.rendered.text).toContain(`${ours}/forms/schools/${school.id}/parent-concerns/`);
    const acknowledgement = await mailTo(school.id, "parentConcernAcknowledgement");
    expectOnlyOurs(acknowledgement.rendered.text);
  });

  it("the JSON API's status link is on the deployment's origin", async () => {
    const school = await createSchool((await createLa()).id, "england2001");
    const body = JSON.stringify({
      childName: "Ben",
      childDateOfBirth: "2017-02-03",
      childYearGroup: "3",
      parentName: "Bea",
      parentRelationship: "Father",
      parentPhone: "01632 960 001",
      description: "Speech",
    });
    const sent = await fromEvil(`/api/public/schools/${school.publicSlug}/concerns`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": randomAddress() },
    });
    expect(sent.status).toBe(201);
    expect(json(sent.text).statusUrl.startsWith(`${ours}/s/${school.publicSlug}/status/`)).toBe(true);
    expectOnlyOurs((await mailTo(school.id, "parentConcernReceived")).payload);
  });

  it("a parent's private link, shown and emailed, is on the deployment's origin", async () => {
    const world = await schoolWithPupil("england2014", "senSupportDo");
    const created = await fromEvil(`/api/pupils/${world.pupil.id}/parent-links`, {
      method: "POST",
      headers: world.senco.headers,
      body: JSON.stringify({ parentName: "Pat Parent", parentEmail: "pat@home.test" }),
    });
    expect(created.status).toBe(201);
    expect(json(created.text).url).toMatch(new RegExp(`^${ours}/parent/[A-Za-z0-9_-]{43}$`));
    const mail = await mailTo(world.school.id, "parentLink");
    expectOnlyOurs(mail.payload);
    expect(mail.rendered.text).toContain(`${ours}/parent/`);
  });

  it("a staff invitation's link is on the deployment's origin", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
    const invited = await fromEvil("/api/invitations", {
      method: "POST",
      headers: head.headers,
      body: JSON.stringify({ email: `${crypto.randomUUID()}@school.test`, name: "Tess Teacher", role: "teacher", schoolId: school.id }),
    });
    expect(invited.status).toBe(201);
    const [mail] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `staffInvitation:${json(invited.text).invitation.id}`));
    expect(String(mail!.payload.acceptUrl)).toMatch(new RegExp(`^${ours}/staff/invitations/[A-Za-z0-9_-]{43}$`));
    expectOnlyOurs(renderMail("staffInvitation", mail!.payload, { pupilName: null, schoolName: null }).text);
  });

  it("an invitation sent, or sent again, from the school's staff page links to the deployment's origin", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
    const email = `${crypto.randomUUID()}@school.test`;
    const onPage = { Authorization: head.headers.Authorization, "Content-Type": "application/x-www-form-urlencoded" };
    const base = `/staff/schools/${school.id}/staff`;
    const sent = await fromEvil(`${base}/invitations`, {
      method: "POST",
      headers: onPage,
      body: new URLSearchParams({ name: "Tess Teacher", email, role: "teacher" }),
    });
    expect(sent.status).toBe(303);
    const [first] = await db().select().from(staffInvitations).where(eq(staffInvitations.email, email));
    const resent = await fromEvil(`${base}/invitations/${first!.id}/resend`, { method: "POST", headers: onPage, body: new URLSearchParams() });
    expect(resent.status).toBe(303);
    const mails = await db().select().from(outbox).where(eq(outbox.recipientEmail, email));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(String(mail.payload.acceptUrl)).toMatch(new RegExp(`^${ours}/staff/invitations/[A-Za-z0-9_-]{43}$`));
      expectOnlyOurs(renderMail("staffInvitation", mail.payload, { pupilName: null, schoolName: null }).text);
    }
  });

  it("the concern link, script tag and iframe an admin is shown to paste name the deployment's origin", async () => {
    const school = await createSchool((await createLa()).id, "england2014", { embedOrigins: ["https://www.school.example"] });
    const admin = await createStaff("admin", { laId: null });
    const shown = await fromEvil(`/staff/admin/schools/${school.id}`, { headers: { Authorization: admin.headers.Authorization } });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`${ours}/js/embed.js`);
    expect(shown.text).toContain(`${ours}/s/${school.publicSlug}/concern`);
    expect(shown.text).not.toContain("evil.example");
  });

  it("a calendar feed address is on the deployment's origin", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
    const created = await fromEvil("/api/calendar-feed", { method: "POST", headers: senco.headers });
    expect(created.status).toBe(201);
    expect(json(created.text).url).toMatch(new RegExp(`^${ours}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
  });
});
