import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, clocks, plans, pupilTransfers, teachingAssignments } from "../../schema/tables";
import { writePlan } from "../support/records";
import { SELF } from "cloudflare:test";
import { api, createLa, createSchool, createStaff, db, newUpn } from "../support/world";

const urn = () => String(100000 + Math.floor(Math.random() * 8_999_999));

/** Two LAs, a school in each working to the 2001 Code, their SENCOs and officers, and a pupil at School Action with a plan. */
async function twoLas() {
  const [laA, laB] = [await createLa(), await createLa()];
  const leaving = await createSchool(laA.id, "england2001", { urn: urn() });
  const receiving = await createSchool(laB.id, "england2001", { urn: urn() });
  const staff = {
    leavingSenco: await createStaff("senco", { laId: laA.id, schoolIds: [leaving.id] }),
    leavingTeacher: await createStaff("teacher", { laId: laA.id, schoolIds: [leaving.id] }),
    leavingOfficer: await createStaff("laOfficer", { laId: laA.id }),
    receivingSenco: await createStaff("senco", { laId: laB.id, schoolIds: [receiving.id] }),
    receivingOfficer: await createStaff("laOfficer", { laId: laB.id }),
  };
  const upn = newUpn();
  const enrolled = await api("/api/pupils", {
    headers: staff.leavingSenco.headers,
    body: { upn, givenName: "Ada", familyName: "Moving", dateOfBirth: "2017-05-04", yearGroup: "4", schoolId: leaving.id, stage: "schoolAction" },
  });
  const pupilId: string = enrolled.json.pupil.id;
  const plan = await writePlan(pupilId, staff.leavingSenco.headers, { reviewDate: "2027-03-15" });
  await db().insert(teachingAssignments).values({ userId: staff.leavingTeacher.id, pupilId });
  return { laA, laB, leaving, receiving, staff, pupilId, plan, upn };
}

const start = (pupilId: string, toUrn: string, headers: Record<string, string>) => api("/api/transfers", { headers, body: { pupilId, urn: toUrn } });
const accept = (transferId: string, headers: Record<string, string>) => api(`/api/transfers/${transferId}/accept`, { method: "POST", headers });
const status = async (pupilId: string, headers: Record<string, string>) => (await api(`/api/pupils/${pupilId}`, { headers })).status;

describe("a pupil moves between two Stepwise schools", () => {
  it("across two LAs: the record, its plan and running clock move; the leaving school and LA lose it, the receiving ones gain it, at the transfer", async () => {
    const w = await twoLas();
    const { staff } = w;
    const started = await start(w.pupilId, w.receiving.urn, staff.leavingSenco.headers);
    expect(started.status).toBe(201);
    expect(started.json.transfer.toSchool).toEqual({ name: w.receiving.name, urn: w.receiving.urn });

    // Waiting: nothing has moved, and the receiving LA does not see the pupil yet.
    expect(await status(w.pupilId, staff.receivingOfficer.headers)).toBe(404);
    expect(await status(w.pupilId, staff.receivingSenco.headers)).toBe(404);
    expect(await status(w.pupilId, staff.leavingOfficer.headers)).toBe(200);
    const incoming = await api(`/api/transfers?schoolId=${w.receiving.id}`, { headers: staff.receivingSenco.headers });
    expect(incoming.json.transfers.map((t: { upn: string; fromSchoolName: string }) => [t.upn, t.fromSchoolName])).toEqual([[w.upn, w.leaving.name]]);

    // Only the receiving school accepts.
    expect((await accept(started.json.transfer.id, staff.leavingSenco.headers)).status).toBe(404);
    expect((await accept(started.json.transfer.id, staff.receivingOfficer.headers)).status).toBe(403);
    const accepted = await accept(started.json.transfer.id, staff.receivingSenco.headers);
    expect(accepted.status).toBe(200);
    expect(accepted.json.pupil).toMatchObject({ id: w.pupilId, schoolId: w.receiving.id, laId: w.laB.id, stage: "schoolAction", version: 2 });

    expect(await status(w.pupilId, staff.leavingSenco.headers)).toBe(404);
    expect(await status(w.pupilId, staff.leavingTeacher.headers)).toBe(404);
    expect(await status(w.pupilId, staff.leavingOfficer.headers)).toBe(404);
    expect(await status(w.pupilId, staff.receivingSenco.headers)).toBe(200);
    expect(await status(w.pupilId, staff.receivingOfficer.headers)).toBe(200);

    const history = await api(`/api/pupils/${w.pupilId}/history`, { headers: staff.receivingSenco.headers });
    expect(history.json.events.map((e: { move: string }) => e.move)).toEqual(["enrol", "transferSchool"]);
    const last = history.json.events.at(-1);
    expect(last).toMatchObject({ move: "transferSchool", fromStage: "schoolAction", toStage: "schoolAction", actorUserId: staff.receivingSenco.id });
    expect(last.reason).toContain(w.leaving.urn);

    const [plan] = await db().select().from(plans).where(eq(plans.id, w.plan.id));
    expect(plan?.schoolId).toBe(w.receiving.id);
    const running = await db().select().from(clocks).where(eq(clocks.pupilId, w.pupilId));
    const planClock = running.find((c) => c.kind === "planReview");
    expect(planClock).toMatchObject({ schoolId: w.receiving.id, laId: w.laB.id, dueOn: "2027-03-15", stoppedAt: null });
    expect(running.every((c) => c.schoolId === w.receiving.id && c.laId === w.laB.id)).toBe(true);
    expect(await db().select().from(teachingAssignments).where(eq(teachingAssignments.pupilId, w.pupilId))).toEqual([]);

    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, w.pupilId), eq(auditLog.resource, "transfer")));
    const entries = audited.map((a) => [a.schoolId, a.actorId, a.action, a.outcome]);
    expect(entries).toEqual(
      expect.arrayContaining([
        [w.leaving.id, staff.leavingSenco.id, "move", "done"],
        [w.receiving.id, staff.leavingSenco.id, "move", "done"],
        [w.leaving.id, staff.receivingSenco.id, "move", "done"],
        [w.receiving.id, staff.receivingSenco.id, "move", "done"],
      ]),
    );
    // The leaving school's audit log still says what it did, and no longer any pupil record.
    const [row] = await db().select().from(pupilTransfers).where(eq(pupilTransfers.id, started.json.transfer.id));
    expect(row).toMatchObject({ status: "accepted", acceptedByUserId: staff.receivingSenco.id, fromSchoolId: w.leaving.id });

    const again = await accept(started.json.transfer.id, staff.receivingSenco.headers);
    expect([again.status, again.json.error?.code ?? again.json.code]).toEqual([409, "transfer_not_pending"]);
  });

  it("refuses a transfer to an unknown URN, to the pupil's own school, to a school of another framework, a second one while one waits, and a teacher's", async () => {
    const w = await twoLas();
    const other = await createSchool(w.laA.id, "england2014", { urn: urn() });
    const code = async (toUrn: string, headers = w.staff.leavingSenco.headers) => {
      const answer = await start(w.pupilId, toUrn, headers);
      return [answer.status, answer.json.error?.code ?? answer.json.code];
    };
    expect(await code("999999")).toEqual([422, "no_school_with_urn"]);
    expect(await code(w.leaving.urn)).toEqual([422, "transfer_to_own_school"]);
    expect(await code(other.urn)).toEqual([409, "other_framework"]);
    expect((await start(w.pupilId, w.receiving.urn, w.staff.leavingTeacher.headers)).status).toBe(403);
    expect((await start(w.pupilId, w.receiving.urn, w.staff.receivingSenco.headers)).status).toBe(404);
    expect((await start(w.pupilId, "12ab", w.staff.leavingSenco.headers)).status).toBe(400);
    expect(await code(w.receiving.urn)).toEqual([201, undefined]);
    expect(await code(w.receiving.urn)).toEqual([409, "transfer_pending"]);
  });

  it("the receiving school cannot accept a child whose UPN is already on its register", async () => {
    const w = await twoLas();
    await api("/api/pupils", {
      headers: w.staff.receivingSenco.headers,
      body: { upn: w.upn, givenName: "Ada", familyName: "Already", dateOfBirth: "2017-05-04", yearGroup: "4", schoolId: w.receiving.id },
    });
    const started = await start(w.pupilId, w.receiving.urn, w.staff.leavingSenco.headers);
    const accepted = await accept(started.json.transfer.id, w.staff.receivingSenco.headers);
    expect([accepted.status, accepted.json.error?.code ?? accepted.json.code]).toEqual([409, "upn_on_register"]);
    expect(await status(w.pupilId, w.staff.leavingSenco.headers)).toBe(200);
  });

  it("a record closed after the transfer started stays at the leaving school: acceptance is refused", async () => {
    const w = await twoLas();
    const started = await start(w.pupilId, w.receiving.urn, w.staff.leavingSenco.headers);
    const closed = await api(`/api/pupils/${w.pupilId}/close`, { headers: w.staff.leavingSenco.headers, body: { reason: "Left the country" } });
    expect(closed.status).toBe(200);
    const accepted = await accept(started.json.transfer.id, w.staff.receivingSenco.headers);
    expect([accepted.status, accepted.json.error?.code]).toEqual([409, "pupil_closed"]);
    expect(await status(w.pupilId, w.staff.leavingSenco.headers)).toBe(200);
    expect(await status(w.pupilId, w.staff.receivingSenco.headers)).toBe(404);
  });

  it("the leaving school cancels a waiting transfer, the receiving school declines one: nothing moves, both logs say who", async () => {
    const w = await twoLas();
    const first = await start(w.pupilId, w.receiving.urn, w.staff.leavingSenco.headers);
    const id: string = first.json.transfer.id;
    const cancel = (headers: Record<string, string>) => api(`/api/transfers/${id}/cancel`, { method: "POST", headers });
    expect((await cancel(w.staff.receivingSenco.headers)).status).toBe(404);
    expect((await cancel(w.staff.leavingTeacher.headers)).status).toBe(403);
    expect((await cancel(w.staff.leavingSenco.headers)).json).toEqual({ transfer: { id, status: "cancelled" } });
    const late = await accept(id, w.staff.receivingSenco.headers);
    expect([late.status, late.json.error?.code]).toEqual([409, "transfer_not_pending"]);
    expect((await api(`/api/transfers?schoolId=${w.receiving.id}`, { headers: w.staff.receivingSenco.headers })).json.transfers).toEqual([]);

    const second = await start(w.pupilId, w.receiving.urn, w.staff.leavingSenco.headers);
    const secondId: string = second.json.transfer.id;
    const decline = (headers: Record<string, string>) => api(`/api/transfers/${secondId}/decline`, { method: "POST", headers });
    expect((await decline(w.staff.leavingSenco.headers)).status).toBe(404);
    expect((await decline(w.staff.receivingOfficer.headers)).status).toBe(403);
    expect((await decline(w.staff.receivingSenco.headers)).json).toEqual({ transfer: { id: secondId, status: "declined" } });
    const again = await decline(w.staff.receivingSenco.headers);
    expect([again.status, again.json.error?.code]).toEqual([409, "transfer_not_pending"]);
    expect(await status(w.pupilId, w.staff.leavingSenco.headers)).toBe(200);

    const rows = await db().select().from(pupilTransfers).where(eq(pupilTransfers.pupilId, w.pupilId));
    expect(rows.map((r) => [r.status, r.endedByUserId]).sort()).toEqual([
      ["cancelled", w.staff.leavingSenco.id],
      ["declined", w.staff.receivingSenco.id],
    ]);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, w.pupilId), eq(auditLog.resource, "transfer"), eq(auditLog.action, "update")));
    expect(audited.map((a) => [a.resourceId, a.schoolId, a.actorId]).sort()).toEqual(
      [
        [id, w.leaving.id, w.staff.leavingSenco.id],
        [id, w.receiving.id, w.staff.leavingSenco.id],
        [secondId, w.leaving.id, w.staff.receivingSenco.id],
        [secondId, w.receiving.id, w.staff.receivingSenco.id],
      ].sort(),
    );
  });

  it("the receiving school's page of the pupil says where they were transferred from, and when", async () => {
    const w = await twoLas();
    const started = await start(w.pupilId, w.receiving.urn, w.staff.leavingSenco.headers);
    const before = await SELF.fetch(`https://stepwise.test/forms/pupils/${w.pupilId}`, { headers: w.staff.leavingSenco.headers });
    expect(await before.text()).not.toContain("Transferred from");
    expect((await accept(started.json.transfer.id, w.staff.receivingSenco.headers)).status).toBe(200);
    const page = await SELF.fetch(`https://stepwise.test/forms/pupils/${w.pupilId}`, { headers: w.staff.receivingSenco.headers });
    const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    // The kit's long date may lead with the weekday ("Tuesday, 1 December 2026").
    expect(await page.text()).toMatch(new RegExp(`Transferred from ${w.leaving.name} on (\\w+, )?${today}<`));
  });
});

describe("enrolling a pupil", () => {
  it("is audited, and at a later stage starts the clocks the framework runs there", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
    const enrol = (stage: string) =>
      api("/api/pupils", {
        headers: senco.headers,
        body: { upn: newUpn(), givenName: "Eve", familyName: "Planned", dateOfBirth: "2015-05-04", yearGroup: "6", schoolId: school.id, stage },
      });
    const onPlan = await enrol("ehcPlan");
    expect(onPlan.status).toBe(201);
    const pupilId: string = onPlan.json.pupil.id;
    const today = new Date().toISOString().slice(0, 10);
    const running = await db().select().from(clocks).where(eq(clocks.pupilId, pupilId));
    const inAYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    expect(running.map((c) => [c.kind, c.startedOn, c.dueOn, c.startedBySeq, c.schoolId])).toEqual([
      ["ehcPlanAnnualReview", today, today.endsWith("02-29") ? `${inAYear.slice(0, 8)}28` : inAYear, 1, school.id],
    ]);
    const onSupport = await enrol("senSupportDo");
    const supportClocks = await db().select().from(clocks).where(eq(clocks.pupilId, onSupport.json.pupil.id));
    expect(supportClocks.map((c) => c.kind)).toEqual(["parentMeetingsThreeAYear"]);
    const first = await enrol("noSenIdentified");
    expect(await db().select().from(clocks).where(eq(clocks.pupilId, first.json.pupil.id))).toEqual([]);

    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, pupilId), eq(auditLog.action, "create"), eq(auditLog.resource, "pupil")));
    expect(audited.map((a) => [a.actorId, a.schoolId, a.outcome])).toEqual([[senco.id, school.id, "done"]]);
  });
});
