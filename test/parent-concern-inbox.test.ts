import { SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, outbox, recordsOfConcern } from "../schema/tables";
import { renderMail } from "../worker/mail/templates";
import { api, createLa, createSchool, createStaff, db, page } from "./support/world";

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });

/** A school with its SENCO, and a concern a parent sent through the school's link (the JSON API). */
async function schoolWithParentConcern() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2001");
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  const sent = await SELF.fetch(`https://stepwise.test/api/public/schools/${school.publicSlug}/concerns`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": "198.51.100.20" },
    body: JSON.stringify({ childName: "Ada Lovelace", childDateOfBirth: "2018-05-04", childYearGroup: "2", areasOfConcern: ["cognitionAndLearning"], parentName: "Anne Lovelace", parentRelationship: "Mother", parentEmail: "anne@example.test", description: "She finds reading very hard and is upset every morning." }),
  });
  expect(sent.status).toBe(201);
  const answer = (await sent.json()) as { reference: string; respondBy: string; statusUrl: string };
  const [concern] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.reference, answer.reference));
  return { la, school, senco, concern: concern!, statusPath: new URL(answer.statusUrl).pathname, respondBy: answer.respondBy };
}

describe("a parent's concern at the school", () => {
  it("tells the SENCO at once, with a link to it", async () => {
    const { school, concern } = await schoolWithParentConcern();
    const [notice] = await db().select().from(outbox).where(and(eq(outbox.schoolId, school.id), eq(outbox.audience, "staff")));
    expect(notice).toMatchObject({ template: "parentConcernReceived", pupilId: null });
    const mail = renderMail(notice!.template, notice!.payload, { pupilName: null, schoolName: school.name });
    expect(mail.subject).toContain(concern.reference!);
    expect(mail.text).toContain(`https://stepwise.test/forms/schools/${school.id}/parent-concerns/${concern.id}`);
  });

  it("is on the SEN register and the SENCO's tasks until the school has contacted the parent, who sees each step", async () => {
    const { school, senco, concern, statusPath, respondBy } = await schoolWithParentConcern();
    const register = await page(`/dashboard/schools/${school.id}`, { headers: bearer(senco) });
    expect(register.text).toContain(`href="/forms/schools/${school.id}/parent-concerns/${concern.id}"`);
    expect(register.text).toContain("Not yet read");
    const tasks = await api(`/api/dashboard/schools/${school.id}/tasks`, { headers: senco.headers });
    expect(tasks.json.rows).toEqual(expect.arrayContaining([expect.objectContaining({ pupil: "Ada Lovelace", dueOn: respondBy, task: expect.stringContaining(concern.reference!) })]));
    expect((await page(statusPath)).text).toContain("The school's special educational needs co-ordinator (SENCO) reads it.");

    const opened = await page(`/forms/schools/${school.id}/parent-concerns/${concern.id}`, { headers: bearer(senco) });
    expect(opened.status).toBe(200);
    expect(opened.text).toContain("She finds reading very hard");
    expect(opened.text).toContain("anne@example.test");
    expect((await page(statusPath)).text).toContain("The school read your concern on");

    const wrong = await page(`/forms/schools/${school.id}/parent-concerns/${concern.id}/contacted`, { headers: bearer(senco), form: { "on.day": "31", "on.month": "2", "on.year": "2026" } });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('href="#on.day"');

    const contacted = await page(`/forms/schools/${school.id}/parent-concerns/${concern.id}/contacted`, { headers: bearer(senco), form: { "on.day": "2", "on.month": "12", "on.year": "2026" } });
    expect(contacted.status).toBe(303);
    const [stored] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, concern.id));
    expect(stored).toMatchObject({ respondedOn: "2026-12-02" });
    expect(stored!.acknowledgedAt).not.toBeNull();
    const after = await api(`/api/dashboard/schools/${school.id}/tasks`, { headers: senco.headers });
    expect(JSON.stringify(after.json.rows)).not.toContain(concern.reference!);
    expect((await page(statusPath)).text).toContain("The school contacted you on 2 December 2026");
    expect((await page(`/dashboard/schools/${school.id}`, { headers: bearer(senco) })).text).toContain("Parent contacted on 2026-12-02");

    const logged = await db().select().from(auditLog).where(eq(auditLog.resourceId, concern.id));
    expect(logged.map((entry) => [entry.actorId, entry.action])).toEqual(expect.arrayContaining([[senco.id, "read"], [senco.id, "update"]]));
  });

  it("is the school's SENCO's and head's only: another school's SENCO finds nothing, its teachers and the LA are refused", async () => {
    const { la, school, concern } = await schoolWithParentConcern();
    const path = `/forms/schools/${school.id}/parent-concerns/${concern.id}`;
    const otherSchool = await createSchool(la.id, "england2001");
    const otherSenco = await createStaff("senco", { laId: la.id, schoolIds: [otherSchool.id] });
    const hidden = await page(path, { headers: bearer(otherSenco) });
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain("Ada Lovelace");
    // The right school, a concern of another school: not found either.
    expect((await page(`/forms/schools/${otherSchool.id}/parent-concerns/${concern.id}`, { headers: bearer(otherSenco) })).status).toBe(404);
    const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
    expect((await page(path, { headers: bearer(teacher) })).status).toBe(403);
    expect((await page(path, { headers: bearer(await createStaff("laOfficer", { laId: la.id })) })).status).toBe(403);
    const [untouched] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, concern.id));
    expect(untouched!.acknowledgedAt).toBeNull();
  });
});
