import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, staffInvitations, staffSchools, staffUsers } from "../schema/tables";
import { hashSecret } from "../worker/auth/secrets";
import { deliverOutbox } from "../worker/mail/deliver";
import { api, createLa, createSchool, createStaff, db, page } from "./support/world";

async function world() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  const otherLa = await createLa();
  const foreignSchool = await createSchool(otherLa.id, "england2014");
  const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
  return { la, school, otherLa, foreignSchool, head };
}

async function invitationLink(invitationId: string) {
  const [mail] = await db()
    .select()
    .from(outbox)
    .where(eq(outbox.dedupeKey, `staffInvitation:${invitationId}`));
  return new URL(String(mail!.payload.acceptUrl)).pathname;
}

describe("inviting staff", () => {
  it("a head invites a teacher; the link is emailed, kept only as a hash, and accepted once with a password", async () => {
    const { school, head } = await world();
    const email = `${crypto.randomUUID()}@school.test`;
    const invited = await api("/api/invitations", { headers: head.headers, body: { email, name: "Tess Teacher", role: "teacher", schoolId: school.id } });
    expect(invited.status).toBe(201);
    expect(JSON.stringify(invited.json)).not.toMatch(/acceptUrl|token/i);

    const path = await invitationLink(invited.json.invitation.id);
    const secret = path.split("/").at(-1)!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await db().select().from(staffInvitations).where(eq(staffInvitations.id, invited.json.invitation.id));
    expect(stored!.tokenHash).toBe(await hashSecret(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);

    await deliverOutbox(db(), { send: async () => ({ messageId: null }) }, "stepwise@stepwise.test", new Date().toISOString());
    const [delivered] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `staffInvitation:${invited.json.invitation.id}`));
    expect(delivered!.status).toBe("sent");
    expect(JSON.stringify(delivered)).not.toContain(secret);

    const form = await page(path);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Tess Teacher");
    const mismatch = await page(path, { form: { password: "twelve chars long", confirmPassword: "something else" } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toMatch(/<title>Error: /);
    expect(mismatch.text).toContain('<a href="#confirmPassword">The passwords do not match</a>');
    const tooShort = await page(path, { form: { password: "short", confirmPassword: "short" } });
    expect(tooShort.text).toContain('<a href="#password">Password must be 12 characters or more</a>');

    const accepted = await page(path, { form: { password: "twelve chars long", confirmPassword: "twelve chars long" } });
    expect(accepted.status).toBe(303);
    const [user] = await db().select().from(staffUsers).where(eq(staffUsers.email, email));
    expect(user).toMatchObject({ role: "teacher", name: "Tess Teacher" });
    expect(await db().select().from(staffSchools).where(eq(staffSchools.userId, user!.id))).toEqual([{ userId: user!.id, schoolId: school.id }]);
    const signIn = await api("/api/auth/sign-in", { body: { email, password: "twelve chars long" } });
    expect(signIn.status).toBe(200);

    expect((await page(path)).status).toBe(404);
    expect((await page(path, { form: { password: "another long one", confirmPassword: "another long one" } })).status).toBe(404);
  });

  it("roles invite up to their own, in their own school or LA", async () => {
    const { la, school, otherLa, foreignSchool, head } = await world();
    const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
    const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
    const officer = await createStaff("laOfficer", { laId: la.id });
    const admin = await createStaff("admin", { laId: null });
    const invite = (who: { headers: Record<string, string> }, body: Record<string, unknown>) =>
      api("/api/invitations", { headers: who.headers, body: { email: `${crypto.randomUUID()}@x.test`, name: "Someone", ...body } }).then((r) => r.status);

    expect(await invite(head, { role: "head", schoolId: school.id })).toBe(201);
    expect(await invite(head, { role: "senco", schoolId: foreignSchool.id })).toBe(404);
    expect(await invite(head, { role: "laOfficer" })).toBe(403);
    expect(await invite(senco, { role: "senco", schoolId: school.id })).toBe(201);
    expect(await invite(senco, { role: "head", schoolId: school.id })).toBe(403);
    expect(await invite(teacher, { role: "teacher", schoolId: school.id })).toBe(403);
    expect(await invite(officer, { role: "laOfficer" })).toBe(201);
    expect(await invite(officer, { role: "laOfficer", laId: otherLa.id })).toBe(404);
    expect(await invite(officer, { role: "head", schoolId: school.id })).toBe(403);
    expect(await invite(officer, { role: "head", schoolId: foreignSchool.id })).toBe(404);
    expect(await invite(admin, { role: "head", schoolId: foreignSchool.id })).toBe(201);
    expect(await invite(admin, { role: "laOfficer", laId: otherLa.id })).toBe(201);
    expect(await invite(head, { role: "teacher" })).toBe(400);
  });

  it("a revoked or expired invitation opens nothing", async () => {
    const { school, head } = await world();
    const first = await api("/api/invitations", {
      headers: head.headers,
      body: { email: `${crypto.randomUUID()}@x.test`, name: "A", role: "teacher", schoolId: school.id },
    });
    const second = await api("/api/invitations", {
      headers: head.headers,
      body: { email: `${crypto.randomUUID()}@x.test`, name: "B", role: "teacher", schoolId: school.id },
    });
    expect((await api(`/api/invitations/${first.json.invitation.id}/revoke`, { method: "POST", headers: head.headers })).status).toBe(204);
    expect((await page(await invitationLink(first.json.invitation.id))).status).toBe(404);
    await db().update(staffInvitations).set({ expiresAt: "2020-01-01T00:00:00.000Z" }).where(eq(staffInvitations.id, second.json.invitation.id));
    expect((await page(await invitationLink(second.json.invitation.id))).status).toBe(404);
    expect((await page(`/staff/invitations/${"A".repeat(43)}`)).status).toBe(404);
    const listed = await api("/api/invitations", { headers: head.headers });
    expect(listed.json.invitations.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([first.json.invitation.id, second.json.invitation.id]));
  });
});
