import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../schema/tables";
import { api, createLa, createSchool, createStaff, db } from "../support/world";

async function failedMessage(email: string) {
  const id = crypto.randomUUID();
  await db()
    .insert(outbox)
    .values({
      id,
      audience: "staff",
      recipientEmail: email,
      template: "dailyDigest",
      payload: { date: "2026-03-10", name: "Private name", items: [] },
      dedupeKey: `test:${id}`,
      status: "failed",
      attempts: 8,
      lastError: "Email API answered 503",
      nextAttemptAt: "2026-03-10T12:00:00.000Z",
    });
  return id;
}

describe("admins see the outbox and failed deliveries", () => {
  it("an admin lists failed messages with their last error, never their contents, and sends one again", async () => {
    const admin = await createStaff("admin", { laId: null });
    const id = await failedMessage("someone@example.test");
    const listed = await api("/api/admin/outbox?status=failed&limit=200", { headers: admin.headers });
    expect(listed.status).toBe(200);
    const row = listed.json.messages.find((m: { id: string }) => m.id === id);
    expect(row).toMatchObject({ status: "failed", attempts: 8, lastError: "Email API answered 503", recipientEmail: "someone@example.test" });
    expect(row).not.toHaveProperty("payload");
    expect(listed.json.counts.failed).toBeGreaterThanOrEqual(1);

    const retried = await api(`/api/admin/outbox/${id}/retry`, { method: "POST", headers: admin.headers });
    expect(retried.status).toBe(200);
    expect(await db().select().from(outbox).where(eq(outbox.id, id)).get()).toMatchObject({
      status: "pending",
      attempts: 0,
      lastError: "Email API answered 503",
    });
    expect((await api(`/api/admin/outbox/${id}/retry`, { method: "POST", headers: admin.headers })).status).toBe(404);
  });

  it("nobody else may: school staff and LA officers get 403, no token gets 401", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    for (const role of ["teacher", "senco", "head", "laOfficer"] as const) {
      const user = await createStaff(role, { laId: la.id, schoolIds: role === "laOfficer" ? [] : [school.id] });
      expect((await api("/api/admin/outbox", { headers: user.headers })).status, role).toBe(403);
    }
    expect((await api("/api/admin/outbox")).status).toBe(401);
  });

  it("a status it does not know is a 400 naming the field", async () => {
    const admin = await createStaff("admin", { laId: null });
    const bad = await api("/api/admin/outbox?status=lost", { headers: admin.headers });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual([expect.objectContaining({ field: "status" })]);
  });
});
