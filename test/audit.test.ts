import { and, eq } from "drizzle-orm";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { auditLog, teachingAssignments } from "../schema/tables";
import { drsWorld, makeReferral, recordStep } from "./support/drs";
import { openDb } from "../worker/db";
import { applyMove } from "../worker/pupil-case/moves";
import { failBatchesOf, healD1Of } from "./support/failing-d1";
import { api, createLa, createSchool, createStaff, db, schoolWithPupil } from "./support/world";

describe("the audit log", () => {
  it("records a read of a pupil's record by every role that can read it: who, role, what, when, route, address, browser", async () => {
    const { la, school, senco, pupil } = await schoolWithPupil("england2014");
    const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
    await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: pupil.id });
    const readers = {
      teacher,
      senco,
      head: await createStaff("head", { laId: la.id, schoolIds: [school.id] }),
      laOfficer: await createStaff("laOfficer", { laId: la.id }),
    };
    for (const [role, reader] of Object.entries(readers)) {
      const read = await api(`/api/pupils/${pupil.id}`, {
        headers: { ...reader.headers, "User-Agent": `Browser-${role}`, "CF-Connecting-IP": "198.51.100.7" },
      });
      expect([role, read.status]).toEqual([role, 200]);
      const entries = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.pupilId, pupil.id), eq(auditLog.actorId, reader.id), eq(auditLog.action, "read")));
      expect(entries).toEqual([
        expect.objectContaining({
          actorKind: "staff",
          actorRole: role,
          action: "read",
          resource: "pupil",
          resourceId: pupil.id,
          schoolId: school.id,
          laId: la.id,
          route: "GET /api/pupils/:id",
          ipAddress: "198.51.100.7",
          userAgent: `Browser-${role}`,
        }),
      ]);
      expect(Date.now() - Date.parse(entries[0]!.at)).toBeLessThan(60_000);
    }
    await api(`/api/pupils/${pupil.id}/history`, { headers: senco.headers });
    const history = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, pupil.id), eq(auditLog.resource, "history")));
    expect(history).toEqual([expect.objectContaining({ actorId: senco.id, route: "GET /api/pupils/:id/history" })]);
  });

  it("records writes, and nothing for a refused request", async () => {
    const { la, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const foreign = await createStaff("senco", { laId: la.id, schoolIds: [(await createSchool(la.id, "england2001")).id] });
    await api(`/api/pupils/${pupil.id}/transitions`, { headers: foreign.headers, body: { move: "remainAtSchoolAction", expectedVersion: 1 } });
    await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body: { move: "remainAtSchoolAction", expectedVersion: 1 } });
    const entries = await db().select().from(auditLog).where(eq(auditLog.pupilId, pupil.id));
    expect(entries.filter((e) => e.actorId === foreign.id)).toEqual([]);
    expect(entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ actorId: senco.id, action: "move", route: "POST /api/pupils/:id/transitions" })]),
    );
  });

  it("stores a move's entry in the move's own batch, and logs a refused or unsaved attempt on its own", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "concernRecorded");
    const raised = await api(`/api/pupils/${pupil.id}/concerns`, {
      headers: senco.headers,
      body: { areasOfConcern: ["sensory"], description: "Squints at the board" },
    });
    const body = { move: "moveToSchoolAction", expectedVersion: 1, form: { kind: "recordOfConcern", id: raised.json.concernId } };
    const moveEntries = () =>
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.pupilId, pupil.id), eq(auditLog.action, "move")));

    // The move's batch fails: its entry goes with it, and the attempt is logged alone.
    await failBatchesOf(pupil.id);
    expect((await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body })).status).toBe(503);
    expect(await moveEntries()).toEqual([expect.objectContaining({ actorId: senco.id, resource: "transitions", route: "POST /api/pupils/:id/transitions" })]);

    await healD1Of(pupil.id);
    expect((await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body })).status).toBe(200);
    expect(await moveEntries()).toHaveLength(2);

    // Stale now: refused, and still logged, once.
    expect((await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body })).status).toBe(409);
    expect(await moveEntries()).toHaveLength(3);
  });

  it("sends a move's entry to D1 in the same batch as the move's event", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "concernRecorded");
    const raised = await api(`/api/pupils/${pupil.id}/concerns`, {
      headers: senco.headers,
      body: { areasOfConcern: ["sensory"], description: "Squints at the board" },
    });
    const batches: string[][] = [];
    const recording = new Proxy(env.DB, {
      get(target, property) {
        if (property === "batch") {
          return (statements: D1PreparedStatement[]) => {
            batches.push(statements.map((statement) => (statement as unknown as { statement: string }).statement));
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const at = "2026-11-23T09:00:00.000Z";
    const audit = { at, actorKind: "staff" as const, actorId: senco.id, action: "move" as const, resource: "transitions", pupilId: pupil.id };
    const command = {
      move: "moveToSchoolAction",
      expectedVersion: 1,
      actor: { userId: senco.id, role: "senco" as const },
      reason: null,
      form: { kind: "recordOfConcern" as const, id: raised.json.concernId },
    };
    expect(await applyMove(openDb(recording), pupil.id, command, at, audit)).toMatchObject({ ok: true });
    const written = batches.filter((batch) => batch.some((sql) => /^insert into "pupil_events"/i.test(sql)));
    expect(written).toHaveLength(1);
    expect(written[0]!.filter((sql) => /^insert into "audit_log"/i.test(sql))).toHaveLength(1);
    expect(await db().select().from(auditLog).where(eq(auditLog.pupilId, pupil.id))).toEqual(
      expect.arrayContaining([expect.objectContaining({ actorId: senco.id, action: "move", at })]),
    );
  });

  it("records reads and writes of a pupil's DRS referrals, by the party acting", async () => {
    const { senco, officer, pupil } = await drsWorld();
    const made = await makeReferral(senco.headers, pupil.id);
    const id = made.json.referral.id;
    await api(`/api/drs-referrals/${id}`, { headers: officer.headers });
    await recordStep(officer.headers, id, { step: "forwardedToDrs" });
    await api(`/api/drs-referrals?pupilId=${pupil.id}`, { headers: senco.headers });
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, pupil.id), eq(auditLog.resource, "drsReferral")));
    expect(entries.map(({ actorId, action, resourceId, route }) => ({ actorId, action, resourceId, route }))).toEqual([
      { actorId: senco.id, action: "create", resourceId: null, route: "POST /api/drs-referrals" },
      { actorId: officer.id, action: "read", resourceId: id, route: "GET /api/drs-referrals/:referralId" },
      { actorId: officer.id, action: "update", resourceId: id, route: "POST /api/drs-referrals/:referralId/steps" },
      { actorId: senco.id, action: "read", resourceId: null, route: "GET /api/drs-referrals" },
    ]);
  });

  it("the head reads their school's log and the LA officer their LA's, a page at a time; nothing foreign, nobody else", async () => {
    const { la, school, senco, pupil } = await schoolWithPupil("england2014");
    const other = await schoolWithPupil("england2014");
    const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
    const officer = await createStaff("laOfficer", { laId: la.id });
    const otherLa = await createLa();
    const otherOfficer = await createStaff("laOfficer", { laId: otherLa.id });
    for (let i = 0; i < 3; i++) await api(`/api/pupils/${pupil.id}`, { headers: senco.headers });
    await api(`/api/pupils/${other.pupil.id}`, { headers: other.senco.headers });

    const first = await api(`/api/audit?limit=2`, { headers: head.headers });
    expect(first.status).toBe(200);
    expect(first.json.entries).toHaveLength(2);
    const second = await api(`/api/audit?limit=2&before=${encodeURIComponent(first.json.next)}`, { headers: head.headers });
    const seen = [...first.json.entries, ...second.json.entries];
    expect(new Set(seen.map((e: { id: number }) => e.id)).size).toBe(seen.length);
    expect(seen.every((e: { schoolId: string }) => e.schoolId === school.id)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(other.pupil.id);

    const byOfficer = await api(`/api/audit?pupilId=${pupil.id}`, { headers: officer.headers });
    expect(byOfficer.json.entries.length).toBeGreaterThanOrEqual(3);
    expect((await api(`/api/audit?pupilId=${pupil.id}`, { headers: otherOfficer.headers })).json.entries).toEqual([]);
    expect((await api(`/api/audit?schoolId=${school.id}`, { headers: otherOfficer.headers })).status).toBe(404);
    expect((await api(`/api/audit`, { headers: senco.headers })).status).toBe(403);
    expect((await api(`/api/audit?before=nonsense`, { headers: head.headers })).status).toBe(400);
  });
});
