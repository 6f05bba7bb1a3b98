import { SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, outbox, recordsOfConcern, staffSchools } from "../schema/tables";
import { renderMail } from "../worker/mail/templates";
import { api, createLa, createSchool, createStaff, db, newUpn, page } from "./support/world";

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });

/** A school with its SENCO, and a concern a parent sent through the school's link (the JSON API). */
async function schoolWithParentConcern() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2001");
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  const sent = await SELF.fetch(`https://stepwise.test/api/public/schools/${school.publicSlug}/concerns`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": "198.51.100.20" },
    body: JSON.stringify({
      childName: "Ada Lovelace",
      childDateOfBirth: "2018-05-04",
      childYearGroup: "2",
      areasOfConcern: ["cognitionAndLearning"],
      parentName: "Anne Lovelace",
      parentRelationship: "Mother",
      parentEmail: "anne@example.test",
      description: "She finds reading very hard and is upset every morning.",
    }),
  });
  expect(sent.status).toBe(201);
  const answer = (await sent.json()) as { reference: string; respondBy: string; statusUrl: string };
  const [concern] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.reference, answer.reference));
  return { la, school, senco, concern: concern!, statusPath: new URL(answer.statusUrl).pathname, respondBy: answer.respondBy };
}

describe("a parent's concern at the school", () => {
  it("tells the SENCO at once, with a link to it", async () => {
    const { school, concern } = await schoolWithParentConcern();
    const [notice] = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.schoolId, school.id), eq(outbox.audience, "staff")));
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
    expect(tasks.json.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ pupil: "Ada Lovelace", dueOn: respondBy, task: expect.stringContaining(concern.reference!) })]),
    );
    expect((await page(statusPath)).text).toContain("The school's special educational needs co-ordinator (SENCO) reads it.");

    const opened = await page(`/forms/schools/${school.id}/parent-concerns/${concern.id}`, { headers: bearer(senco) });
    expect(opened.status).toBe(200);
    expect(opened.text).toContain("She finds reading very hard");
    expect(opened.text).toContain("anne@example.test");
    expect((await page(statusPath)).text).toContain("The school read your concern on");

    const wrong = await page(`/forms/schools/${school.id}/parent-concerns/${concern.id}/contacted`, {
      headers: bearer(senco),
      form: { "on.day": "31", "on.month": "2", "on.year": "2026" },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('href="#on.day"');

    const contacted = await page(`/forms/schools/${school.id}/parent-concerns/${concern.id}/contacted`, {
      headers: bearer(senco),
      form: { "on.day": "27", "on.month": "11", "on.year": "2026" },
    });
    expect(contacted.status).toBe(303);
    const [stored] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, concern.id));
    expect(stored).toMatchObject({ respondedOn: "2026-11-27" });
    expect(stored!.acknowledgedAt).not.toBeNull();
    const after = await api(`/api/dashboard/schools/${school.id}/tasks`, { headers: senco.headers });
    expect(JSON.stringify(after.json.rows)).not.toContain(concern.reference!);
    expect((await page(statusPath)).text).toContain("The school contacted you on 27 November 2026");
    expect((await page(`/dashboard/schools/${school.id}`, { headers: bearer(senco) })).text).toContain("Parent contacted on 27 November 2026");

    const logged = await db().select().from(auditLog).where(eq(auditLog.resourceId, concern.id));
    expect(logged.map((entry) => [entry.actorId, entry.action])).toEqual(
      expect.arrayContaining([
        [senco.id, "read"],
        [senco.id, "update"],
      ]),
    );
  });

  it("is added to the pupil's record the SENCO chooses, once, as the pupil's Record of Concern", async () => {
    const { la, school, senco, concern, statusPath } = await schoolWithParentConcern();
    const enrol = async (schoolId: string, givenName: string, familyName: string, dateOfBirth: string) => {
      const enrolled = await api("/api/pupils", {
        headers: senco.headers,
        body: { upn: newUpn(), givenName, familyName, dateOfBirth, yearGroup: "2", schoolId },
      });
      expect(enrolled.status).toBe(201);
      return enrolled.json.pupil as { id: string; stage: string };
    };
    const ada = await enrol(school.id, "Ada", "Byron", "2018-05-04");
    const cousin = await enrol(school.id, "Allegra", "Lovelace", "2017-01-12");
    await enrol(school.id, "Someone", "Else", "2016-02-02");
    const path = `/forms/schools/${school.id}/parent-concerns/${concern.id}`;
    const shown = await page(path, { headers: bearer(senco) });
    // Offered: born on the day the parent gave, or of the family name the child's name ends with; nobody else.
    expect(shown.text).toContain(`value="${ada.id}"`);
    expect(shown.text).toContain(`value="${cousin.id}"`);
    expect(shown.text).not.toContain("Someone Else");

    const nobody = await page(`${path}/match`, { headers: bearer(senco), form: {} });
    expect(nobody.status).toBe(422);
    expect(nobody.text).toContain("Choose the pupil this concern is about");

    // A pupil at another of the SENCO's schools is refused, naming the field.
    const second = await createSchool(la.id, "england2001");
    await db().insert(staffSchools).values({ userId: senco.id, schoolId: second.id });
    const elsewhere = await enrol(second.id, "Ada", "Lovelace", "2018-05-04");
    const refused = await page(`${path}/match`, { headers: bearer(senco), form: { pupilId: elsewhere.id } });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#pupilId"');

    const matched = await page(`${path}/match`, { headers: bearer(senco), form: { pupilId: ada.id } });
    expect(matched.status).toBe(303);
    expect(matched.headers.get("Location")).toBe(`/print/pupils/${ada.id}/concerns/${concern.id}`);
    const [stored] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, concern.id));
    expect(stored).toMatchObject({ pupilId: ada.id, raisedBy: "parent", reference: concern.reference });
    const history = await api(`/api/pupils/${ada.id}/history`, { headers: senco.headers });
    expect(history.json.events.at(-1)).toMatchObject({ move: "raiseConcern", formKind: "recordOfConcern", formId: concern.id });
    expect((await page(`/print/pupils/${ada.id}/concerns/${concern.id}`, { headers: bearer(senco) })).text).toContain("She finds reading very hard");
    expect((await page(path, { headers: bearer(senco) })).text).toContain(`href="/forms/pupils/${ada.id}"`);

    const again = await page(`${path}/match`, { headers: bearer(senco), form: { pupilId: cousin.id } });
    expect(again.status).toBe(422);
    expect((await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, concern.id)))[0]!.pupilId).toBe(ada.id);
    // Still owed to the parent until the school records contacting them.
    const tasks = await api(`/api/dashboard/schools/${school.id}/tasks`, { headers: senco.headers });
    expect(tasks.json.rows).toEqual(expect.arrayContaining([expect.objectContaining({ pupilId: ada.id, task: expect.stringContaining(concern.reference!) })]));
    expect((await page(statusPath)).text).toContain("The school read your concern on");
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
