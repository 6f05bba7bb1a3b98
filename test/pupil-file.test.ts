import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, teachingAssignments } from "../schema/tables";
import { writePlan } from "./support/records";
import { api, createStaff, db, page, schoolWithPupil } from "./support/world";

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });
const links = (text: string) => [...text.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));

/** A pupil at School Action with a concern and a plan recorded, and the school's staff. */
async function pupilWithForms() {
  const world = await schoolWithPupil("england2001", "concernRecorded");
  const { la, school, senco, pupil } = world;
  const raised = await api(`/api/pupils/${pupil.id}/concerns`, {
    headers: senco.headers,
    body: { areasOfConcern: ["sensory"], description: "Squints at the board" },
  });
  const moved = await api(`/api/pupils/${pupil.id}/transitions`, {
    headers: senco.headers,
    body: { move: "moveToSchoolAction", expectedVersion: raised.json.moved?.event.seq ?? 1, form: { kind: "recordOfConcern", id: raised.json.concernId } },
  });
  expect(moved.status).toBe(200);
  const plan = await writePlan(pupil.id, senco.headers);
  const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
  await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: pupil.id });
  const officer = await createStaff("laOfficer", { laId: la.id });
  return { ...world, concernId: raised.json.concernId as string, planId: plan.id, teacher, officer };
}

describe("a pupil's page for staff", () => {
  it("shows the stage, what is due, the forms the role may fill and every form recorded, each link opening", async () => {
    const { school, senco, pupil, concernId, planId } = await pupilWithForms();
    const shown = await page(`/forms/pupils/${pupil.id}`, { headers: bearer(senco) });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("<h1>Sam Example</h1>");
    expect(shown.text).toContain("School Action");
    expect(shown.text).toMatch(/Review at least twice a year: by \d/);
    const hrefs = links(shown.text);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        `/forms/pupils/${pupil.id}/concern`,
        `/forms/pupils/${pupil.id}/plan`,
        `/forms/pupils/${pupil.id}/review`,
        `/forms/pupils/${pupil.id}/parent-views`,
        `/forms/pupils/${pupil.id}/assessment-request`,
        `/forms/pupils/${pupil.id}/drs-referral`,
        `/print/pupils/${pupil.id}/concerns/${concernId}`,
        `/print/pupils/${pupil.id}/plans/${planId}`,
        `/dashboard/schools/${school.id}`,
      ]),
    );
    for (const href of hrefs.filter((h) => h.startsWith("/forms/") || h.startsWith("/print/") || h.startsWith("/dashboard/"))) {
      expect([href, (await page(href, { headers: bearer(senco) })).status]).toEqual([href, 200]);
    }
  });

  it("offers each role only the forms its role may fill, and every one it offers opens", async () => {
    const { pupil, teacher, officer } = await pupilWithForms();
    const offered = async (staff: { token: string }) =>
      links((await page(`/forms/pupils/${pupil.id}`, { headers: bearer(staff) })).text).filter((h) => h.startsWith(`/forms/pupils/${pupil.id}/`));
    const forTeacher = await offered(teacher);
    expect(forTeacher.map((h) => h.split("/").at(-1))).toEqual(["concern", "plan", "parent-views", "parent-meeting"]);
    const forOfficer = await offered(officer);
    expect(forOfficer.map((h) => h.split("/").at(-1))).toEqual(["drs-referral"]);
    for (const [staff, hrefs] of [
      [teacher, forTeacher],
      [officer, forOfficer],
    ] as const) {
      for (const href of hrefs) expect([href, (await page(href, { headers: bearer(staff) })).status]).toEqual([href, 200]);
    }
  });

  it("is not found for a teacher who does not teach the pupil, nor for another school's SENCO, and is logged for those who see it", async () => {
    const { la, pupil, senco } = await pupilWithForms();
    const untaught = await createStaff("teacher", { laId: la.id, schoolIds: [(await schoolWithPupil("england2001")).school.id] });
    expect((await page(`/forms/pupils/${pupil.id}`, { headers: bearer(untaught) })).status).toBe(404);
    const other = (await schoolWithPupil("england2001")).senco;
    const refused = await page(`/forms/pupils/${pupil.id}`, { headers: bearer(other) });
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain("Sam Example");
    await page(`/forms/pupils/${pupil.id}`, { headers: bearer(senco) });
    const log = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, pupil.id), eq(auditLog.route, "GET /forms/pupils/:id")));
    expect(log).toEqual([expect.objectContaining({ actorId: senco.id, action: "read", resource: "pupil" })]);
  });

  it("is reached from the SEN register, the LA's lists and each form, and each form leads back to it", async () => {
    const { school, senco, officer, pupil } = await pupilWithForms();
    const register = await page(`/dashboard/schools/${school.id}`, { headers: bearer(senco) });
    expect(links(register.text)).toContain(`/forms/pupils/${pupil.id}`);
    const behindFigure = await page(`/dashboard/la/tables/pupils?schoolId=${school.id}&stage=schoolAction`, { headers: bearer(officer) });
    expect(behindFigure.status).toBe(200);
    expect(links(behindFigure.text)).toContain(`/forms/pupils/${pupil.id}`);
    for (const form of ["concern", "plan", "review", "parent-views", "assessment-request", "drs-referral"]) {
      const shown = await page(`/forms/pupils/${pupil.id}/${form}`, { headers: bearer(senco) });
      expect([form, links(shown.text)]).toEqual([form, expect.arrayContaining([`/forms/pupils/${pupil.id}`])]);
    }
  });
});

describe("the signed-in home page", () => {
  it("starts a SENCO at the SEN register, a teacher at their pupils and an LA officer at the dashboard", async () => {
    const { school, senco, pupil, teacher, officer } = await pupilWithForms();
    expect(links((await page("/staff", { headers: bearer(senco) })).text)).toContain(`/dashboard/schools/${school.id}`);
    const teacherHome = (await page("/staff", { headers: bearer(teacher) })).text;
    expect(links(teacherHome)).toContain(`/forms/pupils/${pupil.id}`);
    expect(teacherHome).toContain("Example, Sam");
    expect(links((await page("/staff", { headers: bearer(officer) })).text)).toContain("/dashboard/la");
  });
});
