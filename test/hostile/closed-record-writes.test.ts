import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parentLinks, parentViews, plans, recordsOfConcern } from "../../schema/tables";
import { api, db, page, schoolWithPupil } from "../support/world";

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });

/** A pupil with a plan, a Record of Concern and a parent's link made while the record was open; then the record is closed. */
async function closedRecord() {
  const world = await schoolWithPupil("england2014", "senSupportDo");
  const planId = crypto.randomUUID();
  await db().insert(plans).values({
    id: planId,
    pupilId: world.pupil.id,
    schoolId: world.school.id,
    stage: "senSupportDo",
    objective: "Read simple sentences",
    baseline: "Reads 20 words",
    dateWritten: "2026-09-10",
    reviewDate: "2026-12-10",
  });
  const concernId = crypto.randomUUID();
  await db()
    .insert(recordsOfConcern)
    .values({
      id: concernId,
      pupilId: world.pupil.id,
      schoolId: world.school.id,
      raisedBy: "staff",
      areasOfConcern: ["cognitionAndLearning"],
      description: "Reading",
    });
  const link = await api(`/api/pupils/${world.pupil.id}/parent-links`, {
    headers: world.senco.headers,
    body: { parentName: "Pat Parent", parentEmail: "pat@home.test" },
  });
  expect(link.status).toBe(201);
  const closed = await api(`/api/pupils/${world.pupil.id}/close`, { headers: world.senco.headers, body: { reason: "Left the school" } });
  expect(closed.status).toBe(200);
  return { ...world, planId, concernId, link: { id: link.json.link.id as string, path: new URL(link.json.url).pathname } };
}

const linksOf = (pupilId: string) => db().select().from(parentLinks).where(eq(parentLinks.pupilId, pupilId));
const viewsOf = (pupilId: string) => db().select().from(parentViews).where(eq(parentViews.pupilId, pupilId));

describe("issue 16 finding: a closed record still takes parents' links and parents' views", () => {
  it("the API refuses a parent's link, its withdrawal, parents' views and a copy date with 409 pupil_closed, storing nothing", async () => {
    const world = await closedRecord();
    const given = await api(`/api/pupils/${world.pupil.id}/parent-links`, {
      headers: world.senco.headers,
      body: { parentName: "Another Parent", parentEmail: "other@home.test" },
    });
    expect([given.status, given.json.error.code]).toEqual([409, "pupil_closed"]);
    const revoked = await api(`/api/pupils/${world.pupil.id}/parent-links/${world.link.id}/revoke`, { method: "POST", headers: world.senco.headers });
    expect([revoked.status, revoked.json.error.code]).toEqual([409, "pupil_closed"]);
    expect(await linksOf(world.pupil.id)).toEqual([expect.objectContaining({ id: world.link.id, revokedAt: null })]);

    const views = await api(`/api/pupils/${world.pupil.id}/parent-views`, {
      headers: world.senco.headers,
      body: { concerns: "Spelling", planId: world.planId },
    });
    expect([views.status, views.json.error.code]).toEqual([409, "pupil_closed"]);
    expect(await viewsOf(world.pupil.id)).toEqual([]);

    const copy = await api(`/api/pupils/${world.pupil.id}/concerns/${world.concernId}/copy-to-parents`, {
      headers: world.senco.headers,
      body: { on: "2026-11-02" },
    });
    expect([copy.status, copy.json.error.code]).toEqual([409, "pupil_closed"]);
    const [concern] = await db()
      .select()
      .from(recordsOfConcern)
      .where(and(eq(recordsOfConcern.id, world.concernId)));
    expect(concern!.copyGivenToParentsOn).toBeNull();
  });

  it("the pages refuse parents' views from staff and from the parent's own link, and a copy date, storing nothing", async () => {
    const world = await closedRecord();
    const staffViews = await page(`/forms/pupils/${world.pupil.id}/parent-views`, {
      headers: bearer(world.senco),
      form: { whatIsGoingWell: "Reading at home", concerns: "Spelling" },
    });
    expect(staffViews.status).toBe(422);
    expect(staffViews.text).toMatch(/<title>Error: /);
    expect(staffViews.text).toContain("The pupil&#39;s record is closed");

    // The parent's link opens nothing once the record is closed: neither the record nor a place to add views.
    expect((await page(world.link.path)).status).toBe(404);
    const parentsViews = await page(`${world.link.path}/views`, { form: { whatIsGoingWell: "Happier", concerns: "Homework" } });
    expect(parentsViews.status).toBe(404);
    expect(await viewsOf(world.pupil.id)).toEqual([]);

    const copy = await page(`/print/pupils/${world.pupil.id}/concerns/${world.concernId}/copy-to-parents`, {
      headers: bearer(world.senco),
      form: { "on.day": "2", "on.month": "11", "on.year": "2026" },
    });
    expect(copy.status).toBe(409);
    expect(copy.text).toContain("The pupil&#39;s record is closed");
    const [concern] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, world.concernId));
    expect(concern!.copyGivenToParentsOn).toBeNull();
  });
});
