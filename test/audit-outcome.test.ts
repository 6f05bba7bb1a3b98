import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, teachingAssignments } from "../schema/tables";
import { drsWorld, makeReferral, recordStep } from "./support/drs";
import { reviewBody } from "./support/records";
import { api, createStaff, db, page, schoolWithPupil } from "./support/world";

const entriesOf = (pupilId: string, route: string) =>
  db()
    .select({ actorId: auditLog.actorId, action: auditLog.action, outcome: auditLog.outcome })
    .from(auditLog)
    .where(and(eq(auditLog.pupilId, pupilId), eq(auditLog.route, route)));

describe("issue 16 finding: refused actions are audited as if done (audit entries record what came of the action)", () => {
  it("a copy-to-parents of a record that does not exist is logged as not found, not as an update done", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001");
    const copy = await api(`/api/pupils/${pupil.id}/plans/${crypto.randomUUID()}/copy-to-parents`, { headers: senco.headers, body: { on: "2026-11-20" } });
    expect(copy.status).toBe(404);
    expect(await entriesOf(pupil.id, "POST /api/pupils/:id/plans/:formId/copy-to-parents")).toEqual([
      { actorId: senco.id, action: "update", outcome: "notFound" },
    ]);
  });

  it("a DRS step that is not the caller's party's is logged as refused, not as an update done", async () => {
    const { senco, officer, pupil } = await drsWorld();
    const id = (await makeReferral(senco.headers, pupil.id)).json.referral.id;
    expect((await recordStep(officer.headers, id, { step: "mediationAgreed" })).status).toBe(403);
    expect((await recordStep(senco.headers, id, { step: "mediationAgreed" })).status).toBe(200);
    expect(await entriesOf(pupil.id, "POST /api/drs-referrals/:referralId/steps")).toEqual([
      { actorId: officer.id, action: "update", outcome: "refused" },
      { actorId: senco.id, action: "update", outcome: "done" },
    ]);
  });

  it("an action beyond the caller's role on a pupil they can see is logged as refused; done ones as done", async () => {
    const { la, school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
    await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: pupil.id });
    expect(
      (await api(`/api/pupils/${pupil.id}/transitions`, { headers: teacher.headers, body: { move: "remainAtSchoolAction", expectedVersion: 1 } })).status,
    ).toBe(403);
    expect((await api(`/api/pupils/${pupil.id}`, { headers: senco.headers })).status).toBe(200);
    expect(await entriesOf(pupil.id, "POST /api/pupils/:id/transitions")).toEqual([{ actorId: teacher.id, action: "move", outcome: "refused" }]);
    expect(await entriesOf(pupil.id, "GET /api/pupils/:id")).toEqual([{ actorId: senco.id, action: "read", outcome: "done" }]);
  });

  it("opening a form is logged as a read, and a form sent back with errors as refused", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const cookie = `__Host-stepwise_session=${senco.token}`;
    expect((await page(`/forms/pupils/${pupil.id}/plan`, { cookie })).status).toBe(200);
    expect((await page(`/forms/pupils/${pupil.id}/plan`, { cookie, form: { objective: "" } })).status).toBe(422);
    expect(await entriesOf(pupil.id, "GET /forms/pupils/:id/plan")).toEqual([{ actorId: senco.id, action: "read", outcome: "done" }]);
    expect(await entriesOf(pupil.id, "POST /forms/pupils/:id/plan")).toEqual([{ actorId: senco.id, action: "create", outcome: "refused" }]);
  });
});

describe("a form's audit entry is written in the form's own batch by the pupil's object", () => {
  it("a review saved is logged once as done, and one refused as stale once as refused", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolActionPlus");
    const saved = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "remainAtSchoolActionPlus", expectedVersion: pupil.version }),
    });
    expect(saved.status).toBe(201);
    const stale = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ decision: "remainAtSchoolActionPlus", expectedVersion: pupil.version }),
    });
    expect(stale.status).toBe(409);
    expect(await entriesOf(pupil.id, "POST /api/pupils/:id/reviews")).toEqual([
      { actorId: senco.id, action: "create", outcome: "done" },
      { actorId: senco.id, action: "create", outcome: "refused" },
    ]);
  });
});
