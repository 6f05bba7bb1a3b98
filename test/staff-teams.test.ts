import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, invitationTeaching, localAuthorities, outbox, pupils, recordsOfConcern, schools, staffUsers, teachingAssignments } from "../schema/tables";
import type { YearGroup } from "../schema/vocab";
import { recipientsOf } from "../worker/alerts/recipients";
import { addressesFor } from "../worker/mail/addresses";
import { api, createLa, createSchool, createStaff, db, newUpn, page } from "./support/world";

async function world() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2001");
  const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
  return { la, school, head, senco, teacher };
}

async function enrol(school: { id: string; laId: string }, familyName: string, yearGroup: YearGroup) {
  const pupil = { id: crypto.randomUUID(), upn: newUpn(), givenName: "Pat", familyName };
  await db()
    .insert(pupils)
    .values({ ...pupil, dateOfBirth: "2017-05-04", yearGroup, schoolId: school.id, laId: school.laId, framework: "england2001", stage: "schoolAction" });
  return pupil;
}

const cookieOf = (staff: { token: string }) => `__Host-stepwise_session=${staff.token}`;
const visibleTo = async (staff: { headers: Record<string, string> }) =>
  ((await api("/api/pupils?limit=200", { headers: staff.headers })).json.pupils as { familyName: string }[]).map((p) => p.familyName).sort();

describe("teachers and their pupils", () => {
  it("a teacher given a year group and a class list sees exactly those pupils and the ones they raised a concern about", async () => {
    const { school, senco, teacher } = await world();
    const [a, b] = [await enrol(school, "Adams", "4"), await enrol(school, "Baker", "4")];
    const [c, d] = [await enrol(school, "Cole", "5"), await enrol(school, "Drew", "5")];
    const concernOnly = await enrol(school, "Evans", "6");
    await enrol(school, "Fox", "6");
    const otherSchool = await createSchool(school.laId, "england2001");
    const elsewhere = await enrol(otherSchool, "Grant", "4");
    const path = `/api/schools/${school.id}/teachers/${teacher.id}/pupils`;

    expect((await api(path, { headers: senco.headers, body: {} })).status).toBe(400);
    const year = await api(path, { headers: senco.headers, body: { yearGroup: "4" } });
    expect(year.json).toEqual({ added: 2 });
    const typo = await api(path, { headers: senco.headers, body: { upns: [c.upn, elsewhere.upn] } });
    expect(typo.status).toBe(422);
    expect(typo.json.error.message).toContain(elsewhere.upn);
    expect(await visibleTo(teacher)).toEqual(["Adams", "Baker"]);

    expect((await api(path, { headers: senco.headers, body: { upns: [c.upn, d.upn.toLowerCase()] } })).json).toEqual({ added: 2 });
    await db()
      .insert(recordsOfConcern)
      .values({
        id: crypto.randomUUID(),
        pupilId: concernOnly.id,
        schoolId: school.id,
        raisedBy: "staff",
        raisedByUserId: teacher.id,
        areasOfConcern: ["sensory"],
        description: "Squints",
      });
    expect(await visibleTo(teacher)).toEqual(["Adams", "Baker", "Cole", "Drew", "Evans"]);

    expect((await api(`${path}/${b.id}`, { method: "DELETE", headers: senco.headers })).status).toBe(204);
    expect(await visibleTo(teacher)).toEqual(["Adams", "Cole", "Drew", "Evans"]);
    const listed = await api(path, { headers: senco.headers });
    expect(
      listed.json.pupils
        .filter((p: { taught: boolean }) => p.taught)
        .map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([a.id, c.id, d.id].sort());
    expect((await api(`/api/schools/${school.id}/teachers/${senco.id}/pupils`, { headers: senco.headers })).status).toBe(404);
  });

  it("one by one and by class list on the page, a bad line naming itself and nothing half added", async () => {
    const { school, head, teacher } = await world();
    const [a, b] = [await enrol(school, "Adams", "3"), await enrol(school, "Baker", "3")];
    const path = `/staff/schools/${school.id}/staff/${teacher.id}/pupils`;
    const bad = await page(path, { cookie: cookieOf(head), form: { upns: `${a.upn}\nnot a upn` } });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("<title>Error: Pupils taught by");
    expect(bad.text).toContain('href="#upns"');
    expect(bad.text).toContain("not a upn");
    expect(await db().select().from(teachingAssignments).where(eq(teachingAssignments.userId, teacher.id))).toEqual([]);
    expect((await page(path, { cookie: cookieOf(head), form: { pupilIds: b.id } })).status).toBe(303);
    const shown = await page(path, { cookie: cookieOf(head) });
    expect(shown.text.indexOf("Baker")).toBeLessThan(shown.text.indexOf("Add pupils"));
    expect((await page(`${path}/remove`, { cookie: cookieOf(head), form: { pupilIds: b.id } })).status).toBe(303);
    expect(await db().select().from(teachingAssignments).where(eq(teachingAssignments.userId, teacher.id))).toEqual([]);
  });
});

describe("a teacher's pupils given before they accept the invitation", () => {
  /** Invites a teacher on the staff page; the invitation's id and the secret its email carries. */
  async function invite(school: { id: string }, by: { token: string; headers: Record<string, string> }, name: string) {
    const email = `${crypto.randomUUID()}@school.test`;
    expect((await page(`/staff/schools/${school.id}/staff/invitations`, { cookie: cookieOf(by), form: { name, email, role: "teacher" } })).status).toBe(303);
    return latest(by, email);
  }
  async function latest(by: { headers: Record<string, string> }, email: string) {
    const [invitation] = (await api("/api/invitations", { headers: by.headers })).json.invitations.filter(
      (i: { email: string; revokedAt: string | null }) => i.email === email && !i.revokedAt,
    );
    const mail = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `staffInvitation:${invitation.id}`))
      .get();
    if (!mail) throw new Error(`no invitation email for ${email}`);
    const secret = String((mail.payload as { acceptUrl: string }).acceptUrl)
      .split("/")
      .pop()!;
    return { id: invitation.id as string, email, secret };
  }
  const givenTo = async (invitationId: string) =>
    (await db().select().from(invitationTeaching).where(eq(invitationTeaching.invitationId, invitationId))).map((row) => row.pupilId).sort();

  it("pupils given to an invitation, by class list on the page and by year group in the API, follow a resend and are the teacher's once accepted", async () => {
    const { school, head } = await world();
    const [a, b] = [await enrol(school, "Adams", "3"), await enrol(school, "Baker", "3")];
    const c = await enrol(school, "Cole", "4");
    await enrol(school, "Drew", "5");
    const first = await invite(school, head, "Nia New");
    const staffList = await page(`/staff/schools/${school.id}/staff`, { cookie: cookieOf(head) });
    expect(staffList.text).toContain(`href="/staff/schools/${school.id}/staff/invitations/${first.id}/pupils"`);

    const pagePath = `/staff/schools/${school.id}/staff/invitations/${first.id}/pupils`;
    const shown = await page(pagePath, { cookie: cookieOf(head) });
    expect(shown.text).toContain("Nia New has not accepted the invitation yet");
    expect(
      (
        await page(pagePath, {
          cookie: cookieOf(head),
          form: {
            upns: `${c.upn}
${newUpn()}`,
          },
        })
      ).status,
    ).toBe(422);
    expect(await givenTo(first.id)).toEqual([]);
    expect((await page(pagePath, { cookie: cookieOf(head), form: { upns: c.upn } })).headers.get("Location")).toBe(`${pagePath}?done=added`);
    const apiPath = `/api/schools/${school.id}/invitations/${first.id}/pupils`;
    expect((await api(apiPath, { headers: head.headers, body: { yearGroup: "3" } })).json).toEqual({ added: 2 });
    expect(
      (await api(apiPath, { headers: head.headers })).json.pupils
        .filter((p: { taught: boolean }) => p.taught)
        .map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([a.id, b.id, c.id].sort());
    expect((await api(`${apiPath}/${b.id}`, { method: "DELETE", headers: head.headers })).status).toBe(204);

    // Sent again: the old link stops working, the pupils wait on the new invitation.
    expect((await page(`/staff/schools/${school.id}/staff/invitations/${first.id}/resend`, { cookie: cookieOf(head), form: {} })).status).toBe(303);
    const second = await latest(head, first.email);
    expect(await givenTo(first.id)).toEqual([]);
    expect(await givenTo(second.id)).toEqual([a.id, c.id].sort());
    expect((await api(apiPath, { headers: head.headers })).status).toBe(404);

    const accepted = await page(`/staff/invitations/${second.secret}`, {
      form: { password: "a long new password of mine", confirmPassword: "a long new password of mine" },
    });
    expect(accepted.status).toBe(303);
    const user = await db().select().from(staffUsers).where(eq(staffUsers.email, first.email)).get();
    expect((await db().select().from(teachingAssignments).where(eq(teachingAssignments.userId, user!.id))).map((row) => row.pupilId).sort()).toEqual(
      [a.id, c.id].sort(),
    );
    expect(await givenTo(second.id)).toEqual([]);
    // Accepted, the invitation is given no more pupils: the teacher's own page is where they are set now.
    expect((await api(`/api/schools/${school.id}/invitations/${second.id}/pupils`, { headers: head.headers, body: { yearGroup: "5" } })).status).toBe(404);
  });

  it("a withdrawn invitation takes its pupils with it; another school's invitation is not found", async () => {
    const { school, senco, teacher } = await world();
    const pupil = await enrol(school, "Adams", "3");
    const invitation = await invite(school, senco, "Wyn Withdrawn");
    const apiPath = `/api/schools/${school.id}/invitations/${invitation.id}/pupils`;
    expect((await api(apiPath, { headers: senco.headers, body: { pupilIds: [pupil.id] } })).json).toEqual({ added: 1 });
    expect((await api(apiPath, { headers: teacher.headers })).status).toBe(403);

    const other = await world();
    expect((await api(`/api/schools/${other.school.id}/invitations/${invitation.id}/pupils`, { headers: other.senco.headers })).status).toBe(404);
    expect((await page(`/staff/schools/${other.school.id}/staff/invitations/${invitation.id}/pupils`, { cookie: cookieOf(other.senco) })).status).toBe(404);

    expect((await page(`/staff/schools/${school.id}/staff/invitations/${invitation.id}/withdraw`, { cookie: cookieOf(senco), form: {} })).status).toBe(303);
    expect(await givenTo(invitation.id)).toEqual([]);
    expect((await api(apiPath, { headers: senco.headers })).status).toBe(404);
  });
});

describe("staff of a school", () => {
  it("a leaver's token is refused at once; what they recorded stays", async () => {
    const { school, head, teacher } = await world();
    const pupil = await enrol(school, "Adams", "3");
    await db()
      .insert(recordsOfConcern)
      .values({
        id: crypto.randomUUID(),
        pupilId: pupil.id,
        schoolId: school.id,
        raisedBy: "staff",
        raisedByUserId: teacher.id,
        areasOfConcern: ["sensory"],
        description: "Squints",
      });
    expect((await api("/api/auth/me", { headers: teacher.headers })).status).toBe(200);
    const removed = await page(`/staff/schools/${school.id}/staff/${teacher.id}/remove`, { cookie: cookieOf(head), form: {} });
    expect([removed.status, removed.headers.get("Location")]).toEqual([303, `/staff/schools/${school.id}/staff?done=removed`]);
    expect((await api("/api/auth/me", { headers: teacher.headers })).status).toBe(401);
    expect((await db().select().from(staffUsers).where(eq(staffUsers.id, teacher.id)).get())?.active).toBe(false);
    expect(await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.raisedByUserId, teacher.id))).toHaveLength(1);
  });

  it("roles change only up to the changer's own, never their own, and a new role signs the person out", async () => {
    const { school, head, senco, teacher } = await world();
    const role = (by: { token: string }, userId: string, to: string) =>
      page(`/staff/schools/${school.id}/staff/${userId}/role`, { cookie: cookieOf(by), form: { role: to } });
    expect((await role(senco, teacher.id, "head")).status).toBe(403);
    expect((await role(senco, head.id, "teacher")).status).toBe(403);
    expect((await role(head, head.id, "teacher")).status).toBe(403);
    expect((await role(senco, teacher.id, "senco")).status).toBe(303);
    expect((await db().select().from(staffUsers).where(eq(staffUsers.id, teacher.id)).get())?.role).toBe("senco");
    expect((await api("/api/auth/me", { headers: teacher.headers })).status).toBe(401);
  });

  it("invites up to the inviter's role, sends again with a new link and withdraws", async () => {
    const { school, senco } = await world();
    const staffPage = `/staff/schools/${school.id}/staff`;
    const above = await page(`${staffPage}/invitations`, { cookie: cookieOf(senco), form: { name: "Hal Head", email: "hal@school.test", role: "head" } });
    expect(above.status).toBe(422);
    expect(above.text).toContain("Choose a role no higher than your own");
    expect(above.text).toContain('value="hal@school.test"');
    const email = `${crypto.randomUUID()}@school.test`;
    expect((await page(`${staffPage}/invitations`, { cookie: cookieOf(senco), form: { name: "Tess Teacher", email, role: "teacher" } })).status).toBe(303);
    const open = async () =>
      (await api("/api/invitations", { headers: senco.headers })).json.invitations.filter(
        (i: { email: string; revokedAt: string | null }) => i.email === email && !i.revokedAt,
      );
    const [first] = await open();
    expect((await page(`${staffPage}/invitations/${first.id}/resend`, { cookie: cookieOf(senco), form: {} })).status).toBe(303);
    const [second] = await open();
    expect(second.id).not.toBe(first.id);
    expect((await page(`${staffPage}/invitations/${first.id}/withdraw`, { cookie: cookieOf(senco), form: {} })).status).toBe(404);
    expect((await page(`${staffPage}/invitations/${second.id}/withdraw`, { cookie: cookieOf(senco), form: {} })).status).toBe(303);
    expect(await open()).toEqual([]);
  });
});

describe("changes to a school's staff are audited", () => {
  it("an invitation sent, sent again and withdrawn, a role changed, pupils assigned and a leaver removed are in the school's log with their outcome", async () => {
    const { school, head, senco, teacher } = await world();
    const staffPage = `/staff/schools/${school.id}/staff`;
    const pupil = await enrol(school, "Baker", "4");
    const email = `${crypto.randomUUID()}@school.test`;
    expect((await page(`${staffPage}/invitations`, { cookie: cookieOf(head), form: { name: "Tess Teacher", email, role: "teacher" } })).status).toBe(303);
    const [invitation] = (await api("/api/invitations", { headers: head.headers })).json.invitations.filter((i: { email: string }) => i.email === email);
    expect((await page(`${staffPage}/invitations/${invitation.id}/resend`, { cookie: cookieOf(head), form: {} })).status).toBe(303);
    expect((await page(`${staffPage}/invitations/${invitation.id}/withdraw`, { cookie: cookieOf(head), form: {} })).status).toBe(404);
    expect((await page(`${staffPage}/${teacher.id}/pupils`, { cookie: cookieOf(head), form: { upns: pupil.upn } })).status).toBe(303);
    expect((await page(`${staffPage}/${head.id}/role`, { cookie: cookieOf(senco), form: { role: "teacher" } })).status).toBe(403);
    expect((await page(`${staffPage}/${senco.id}/role`, { cookie: cookieOf(head), form: { role: "teacher" } })).status).toBe(303);
    expect((await page(`${staffPage}/${teacher.id}/remove`, { cookie: cookieOf(head), form: {} })).status).toBe(303);

    const log = await db().select().from(auditLog).where(eq(auditLog.schoolId, school.id));
    const entries = log.map((entry) => [entry.actorId, entry.action, entry.resource, entry.resourceId, entry.outcome]);
    expect(entries).toEqual(
      expect.arrayContaining([
        [head.id, "create", "staffInvitation", null, "done"],
        [head.id, "update", "staffInvitationResent", invitation.id, "done"],
        [head.id, "update", "staffInvitationWithdrawn", invitation.id, "notFound"],
        [head.id, "update", "pupilsTaught", teacher.id, "done"],
        [senco.id, "update", "staffRole", head.id, "refused"],
        [head.id, "update", "staffRole", senco.id, "done"],
        [head.id, "update", "staffRemoved", teacher.id, "done"],
      ]),
    );
  });
});

describe("shared mailboxes", () => {
  it("a school's mailbox gets its notices and its SENCOs' alerts beside the named SENCOs; an LA's beside its officers", async () => {
    const { la, school, senco, head } = await world();
    expect((await page(`/staff/schools/${school.id}/staff/mailbox`, { cookie: cookieOf(head), form: { mailbox: "SENCO@School.test" } })).status).toBe(303);
    expect((await db().select().from(schools).where(eq(schools.id, school.id)).get())?.mailbox).toBe("senco@school.test");
    const notice = await addressesFor(db(), { audience: "staff", recipientUserId: null, pupilId: null, schoolId: school.id, laId: la.id });
    expect(notice.map((a) => a.email).sort()).toEqual([head.email, senco.email, "senco@school.test"].sort());

    const officer = await createStaff("laOfficer", { laId: la.id });
    await db().update(localAuthorities).set({ mailbox: "sen@la.test" }).where(eq(localAuthorities.id, la.id));
    const authority = await addressesFor(db(), { audience: "authority", recipientUserId: null, pupilId: null, schoolId: null, laId: la.id });
    expect(authority.map((a) => a.email).sort()).toEqual([officer.email, "sen@la.test"].sort());

    const pupil = await enrol(school, "Adams", "3");
    const recipients = await recipientsOf(db(), [
      { audienceRole: "senco", pupilId: pupil.id, schoolId: school.id, laId: la.id },
      { audienceRole: "laOfficer", pupilId: pupil.id, schoolId: school.id, laId: la.id },
    ]);
    expect(
      recipients({ audienceRole: "senco", pupilId: pupil.id, schoolId: school.id, laId: la.id })
        .map((r) => r.email)
        .sort(),
    ).toEqual([senco.email, "senco@school.test"].sort());
    expect(
      recipients({ audienceRole: "laOfficer", pupilId: pupil.id, schoolId: school.id, laId: la.id })
        .map((r) => r.email)
        .sort(),
    ).toEqual([officer.email, "sen@la.test"].sort());
  });
});

describe("the directory", () => {
  it("a school may be embedded from http://localhost for local development, but from no other plain http origin", async () => {
    const admin = await createStaff("admin", { laId: null });
    const la = await createLa();
    const body = (origin: string) => ({
      laId: la.id,
      name: "Dev School",
      urn: String(100000 + Math.floor(Math.random() * 900000)),
      phase: "primary",
      framework: "england2014",
      publicSlug: `dev-${crypto.randomUUID()}`,
      region: "englandAndWales",
      embedOrigins: [origin],
    });
    expect((await api("/api/admin/schools", { headers: admin.headers, body: body("http://localhost:8787") })).status).toBe(201);
    const plain = await api("/api/admin/schools", { headers: admin.headers, body: body("http://www.school.example") });
    expect(plain.status).toBe(400);
  });
});
