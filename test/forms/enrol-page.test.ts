import { SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { pupilEvents, pupils, recordsOfConcern } from "../../schema/tables";
import { api, createLa, createSchool, createStaff, db, newUpn, page } from "../support/world";

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });

async function schoolAndSenco(framework: "england2001" | "england2014" = "england2014") {
  const la = await createLa();
  const school = await createSchool(la.id, framework);
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  return { la, school, senco };
}

const typed = (upn: string) => ({
  upn,
  givenName: "Priya",
  familyName: "Shah",
  "dateOfBirth.day": "14",
  "dateOfBirth.month": "6",
  "dateOfBirth.year": "2017",
  yearGroup: "4",
  stage: "senSupportAssess",
  primaryNeed: "SLCN",
  secondaryNeed: "",
});

describe("enrolling one pupil on a page", () => {
  it("offers the framework's stages with their census codes, and stores the pupil at the stage chosen", async () => {
    const { school, senco } = await schoolAndSenco();
    const form = await page(`/forms/schools/${school.id}/pupils/new`, { headers: bearer(senco) });
    expect(form.status).toBe(200);
    expect(form.text).toContain("SEN support: Assess");
    expect(form.text).toContain("School census: SEN support (K)");
    expect(form.text).toContain("School census: Education, health and care plan (E)");

    const upn = newUpn();
    const sent = await page(`/forms/schools/${school.id}/pupils`, { headers: bearer(senco), form: typed(upn) });
    expect(sent.status).toBe(303);
    const [pupil] = await db()
      .select()
      .from(pupils)
      .where(and(eq(pupils.schoolId, school.id), eq(pupils.upn, upn)));
    expect(pupil).toMatchObject({
      givenName: "Priya",
      familyName: "Shah",
      dateOfBirth: "2017-06-14",
      yearGroup: "4",
      stage: "senSupportAssess",
      primaryNeed: "SLCN",
      secondaryNeed: null,
    });
    expect(sent.headers.get("Location")).toBe(`/forms/pupils/${pupil!.id}`);
    const [event] = await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupil!.id));
    expect(event).toMatchObject({ move: "enrol", toStage: "senSupportAssess", actorUserId: senco.id });
  });

  it.each([
    ["a UPN whose check letter is wrong", { upn: "A801200005001" }, "upn", "first letter does not match"],
    ["no stage chosen", { stage: undefined }, "stage", "Choose the stage"],
    ["SEN support without a primary need", { primaryNeed: "" }, "primaryNeed", "school census records one"],
    ["a date of birth that is not a date", { "dateOfBirth.day": "31", "dateOfBirth.month": "2" }, "dateOfBirth.day", "real date"],
  ])("refuses %s with a 422 naming the field, keeping what was typed, storing nothing", async (_what, change, field, message) => {
    const { school, senco } = await schoolAndSenco();
    const form = Object.fromEntries(Object.entries({ ...typed(newUpn()), ...change }).filter(([, value]) => value !== undefined)) as Record<string, string>;
    const sent = await page(`/forms/schools/${school.id}/pupils`, { headers: bearer(senco), form });
    expect(sent.status).toBe(422);
    expect(sent.text).toContain("<title>Error: Enrol a pupil");
    expect(sent.text).toContain(`href="#${field}"`);
    expect(sent.text).toContain(message);
    expect(sent.text).toContain('value="Shah"');
    expect(await db().select().from(pupils).where(eq(pupils.schoolId, school.id))).toEqual([]);
  });

  it("a UPN already on the school's own register is refused on the page", async () => {
    const { school, senco } = await schoolAndSenco();
    const upn = newUpn();
    expect((await page(`/forms/schools/${school.id}/pupils`, { headers: bearer(senco), form: typed(upn) })).status).toBe(303);
    const again = await page(`/forms/schools/${school.id}/pupils`, { headers: bearer(senco), form: typed(upn) });
    expect(again.status).toBe(422);
    expect(again.text).toContain("already on your school&#39;s register");
  });

  it("a temporary UPN is accepted", async () => {
    const { school, senco } = await schoolAndSenco();
    const sent = await page(`/forms/schools/${school.id}/pupils`, { headers: bearer(senco), form: typed(withUpnCheckLetter("34420012400A")) });
    expect(sent.status).toBe(303);
  });

  it("from a parent's concern: starts with the child's details and goes back to the concern, where the pupil can be chosen", async () => {
    const { school, senco } = await schoolAndSenco("england2001");
    const sent = await SELF.fetch(`https://stepwise.test/api/public/schools/${school.publicSlug}/concerns`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": "198.51.100.21" },
      body: JSON.stringify({
        childName: "Ada Lovelace",
        childDateOfBirth: "2018-05-04",
        childYearGroup: "2",
        areasOfConcern: ["cognitionAndLearning"],
        parentName: "Anne Lovelace",
        parentRelationship: "Mother",
        parentEmail: "anne@example.test",
        description: "Reading is hard.",
      }),
    });
    const { reference } = (await sent.json()) as { reference: string };
    const [concern] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.reference, reference));
    const inbox = await page(`/forms/schools/${school.id}/parent-concerns/${concern!.id}`, { headers: bearer(senco) });
    expect(inbox.text).toContain(`href="/forms/schools/${school.id}/pupils/new?concern=${concern!.id}"`);

    const form = await page(`/forms/schools/${school.id}/pupils/new?concern=${concern!.id}`, { headers: bearer(senco) });
    expect(form.text).toContain('value="Ada"');
    expect(form.text).toContain('value="Lovelace"');
    expect(form.text).toContain('value="2018"');
    const enrolled = await page(`/forms/schools/${school.id}/pupils`, {
      headers: bearer(senco),
      form: {
        concernId: concern!.id,
        upn: newUpn(),
        givenName: "Ada",
        familyName: "Lovelace",
        "dateOfBirth.day": "4",
        "dateOfBirth.month": "5",
        "dateOfBirth.year": "2018",
        yearGroup: "2",
        stage: "ordinaryCurriculum",
      },
    });
    expect(enrolled.status).toBe(303);
    expect(enrolled.headers.get("Location")).toBe(`/forms/schools/${school.id}/parent-concerns/${concern!.id}`);
    const back = await page(enrolled.headers.get("Location")!, { headers: bearer(senco) });
    expect(back.text).toContain("Which pupil is this concern about?");
    expect(back.text).toContain("Ada Lovelace");
  });
});

describe("issue 16 finding: UPNs reveal children across LAs (a UPN says nothing about other schools)", () => {
  it("a UPN another LA's school holds enrols here as any other, and neither school's record is touched", async () => {
    const theirs = await schoolAndSenco();
    const ours = await schoolAndSenco();
    const upn = newUpn();
    const body = { upn, givenName: "Sam", familyName: "Twice", dateOfBirth: "2016-01-01", yearGroup: "5" };
    expect((await api("/api/pupils", { headers: theirs.senco.headers, body: { ...body, schoolId: theirs.school.id } })).status).toBe(201);
    const here = await api("/api/pupils", { headers: ours.senco.headers, body: { ...body, schoolId: ours.school.id } });
    expect(here.status).toBe(201);
    expect(JSON.stringify(here.json)).not.toContain(theirs.school.id);
    const both = await db().select().from(pupils).where(eq(pupils.upn, upn));
    expect(both.map((p) => p.schoolId).sort()).toEqual([theirs.school.id, ours.school.id].sort());
  });
});
