import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ukToday } from "../schema/rules";
import { closureDays } from "../schema/tables";
import { overridesOf, timescalesInForceQuery } from "../worker/las/settings";
import { addWorkingDays } from "../worker/calendar/working-days";
import { clockKinds, defaultTimescales } from "../worker/workflow/timescales";
import { drsWorld, foreignStaff, makeReferral, recordStep } from "./support/drs";
import { api, createStaff, db } from "./support/world";

const today = () => new Date().toISOString().slice(0, 10);
const timescales = (laId: string) => `/api/las/${laId}/timescales`;
const inForceToday = async (laId: string) => overridesOf(await timescalesInForceQuery(db(), laId, ukToday()));

describe("an LA's timescales", () => {
  it("show every clock's default, source, basis and the LA's value", async () => {
    const { la, officer } = await drsWorld();
    const shown = await api(timescales(la.id), { headers: officer.headers });
    expect(shown.status).toBe(200);
    expect(shown.json.timescales.map((t: { clock: string }) => t.clock)).toEqual(clockKinds);
    expect(shown.json.timescales).toContainEqual({
      clock: "drsPartiesContacted",
      basis: "local",
      source: defaultTimescales.drsPartiesContacted.source,
      default: { amount: 4, unit: "workingDays" },
      value: { amount: 4, unit: "workingDays" },
      changedByLa: false,
    });
    expect(shown.json.timescales).toContainEqual(
      expect.objectContaining({ clock: "ehcFinalPlan", basis: "statutory", default: { amount: 20, unit: "weeks" } }),
    );
  });

  it("an LA officer changes a local one; a clock left out goes back to its default", async () => {
    const { la, officer } = await drsWorld();
    const changed = await api(timescales(la.id), {
      method: "PUT",
      headers: officer.headers,
      body: { drsMeetingOffered: { amount: 12, unit: "workingDays" }, planReview: { amount: 3, unit: "days" } },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.timescales).toContainEqual(
      expect.objectContaining({ clock: "drsMeetingOffered", value: { amount: 12, unit: "workingDays" }, changedByLa: true }),
    );
    const again = await api(timescales(la.id), { method: "PUT", headers: officer.headers, body: { planReview: null } });
    expect(again.json.timescales.every((t: { changedByLa: boolean }) => !t.changedByLa)).toBe(true);
    expect(await inForceToday(la.id)).toEqual({});
  });

  it("a statutory timescale cannot be changed: 400 naming it, and nothing is stored", async () => {
    const { la, officer } = await drsWorld();
    await api(timescales(la.id), { method: "PUT", headers: officer.headers, body: { drsMeetingHeld: { amount: 20, unit: "workingDays" } } });
    const bodies: [unknown, string][] = [
      [{ drsMeetingHeld: { amount: 10, unit: "workingDays" }, ehcFinalPlan: { amount: 30, unit: "weeks" } }, "ehcFinalPlan"],
      [{ tribunalAppealWindow: { amount: 3, unit: "months" } }, "tribunalAppealWindow"],
      [{ drsMeetingHeld: { amount: 0, unit: "workingDays" } }, "drsMeetingHeld.amount"],
      [{ drsMeetingHeld: { amount: 2.5, unit: "workingDays" } }, "drsMeetingHeld.amount"],
      [{ drsMeetingHeld: { amount: 10, unit: "fortnights" } }, "drsMeetingHeld.unit"],
      [{ noSuchClock: { amount: 10, unit: "days" } }, "noSuchClock"],
    ];
    for (const [body, field] of bodies) {
      const refused = await api(timescales(la.id), { method: "PUT", headers: officer.headers, body });
      expect(refused.status, field).toBe(400);
      expect(
        refused.json.error.fields.map((f: { field: string }) => f.field),
        field,
      ).toContain(field);
    }
    const statutory = await api(timescales(la.id), { method: "PUT", headers: officer.headers, body: { ehcFinalPlan: { amount: 30, unit: "weeks" } } });
    expect(statutory.json.error.fields[0].message).toMatch(/statutory/);
    expect(await inForceToday(la.id)).toEqual({ drsMeetingHeld: { amount: 20, unit: "workingDays" } });
  });

  it("only the LA's own officers and admins see or change them", async () => {
    const { la, senco } = await drsWorld();
    const foreign = await foreignStaff();
    const admin = await createStaff("admin", { laId: null });
    expect((await api(timescales(la.id), { headers: admin.headers })).status).toBe(200);
    expect(
      (await api(timescales(la.id), { method: "PUT", headers: admin.headers, body: { drsMeetingHeld: { amount: 12, unit: "workingDays" } } })).status,
    ).toBe(200);
    expect((await api(timescales(la.id), { headers: senco.headers })).status).toBe(403);
    expect((await api(timescales(la.id), { method: "PUT", headers: senco.headers, body: {} })).status).toBe(403);
    expect((await api(timescales(la.id), { headers: foreign.officer.headers })).status).toBe(404);
    expect((await api(timescales(la.id), { method: "PUT", headers: foreign.officer.headers, body: {} })).status).toBe(404);
    expect((await api(`/api/las/${la.id}/closure-days`, { headers: foreign.officer.headers })).status).toBe(404);
    expect((await api(`/api/las/${la.id}/closure-days`, { headers: senco.headers, body: { date: "2026-12-21", reason: "Staff training" } })).status).toBe(403);
    expect((await api(timescales(crypto.randomUUID()), { headers: admin.headers })).status).toBe(404);
  });
});

describe("an LA's closure days", () => {
  it("are added, listed and removed; a duplicate or a bad date is refused", async () => {
    const { la, officer } = await drsWorld();
    const path = `/api/las/${la.id}/closure-days`;
    expect((await api(path, { headers: officer.headers, body: { date: "2026-12-21", reason: "Staff training day" } })).status).toBe(201);
    expect(await api(path, { headers: officer.headers, body: { date: "2026-12-21", reason: "Again" } })).toMatchObject({
      status: 409,
      json: { error: { code: "closure_day_exists" } },
    });
    for (const [body, field] of [
      [{ date: "2026-02-30", reason: "No such day" }, "date"],
      [{ date: "2026-12-22" }, "reason"],
    ] as const) {
      const refused = await api(path, { headers: officer.headers, body });
      expect(refused.status).toBe(400);
      expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await api(path, { headers: officer.headers })).json.closureDays).toEqual([{ date: "2026-12-21", reason: "Staff training day" }]);
    expect((await api(`${path}/2026-12-21`, { method: "DELETE", headers: officer.headers })).status).toBe(204);
    expect((await api(`${path}/2026-12-21`, { method: "DELETE", headers: officer.headers })).status).toBe(404);
    expect(await db().select().from(closureDays).where(eq(closureDays.laId, la.id))).toEqual([]);
  });

  it("a closure day is not a working day for the LA's DRS clocks", async () => {
    const { la, senco, officer, pupil } = await drsWorld();
    const closed = addWorkingDays(today(), 2, "englandAndWales");
    expect((await api(`/api/las/${la.id}/closure-days`, { headers: officer.headers, body: { date: closed, reason: "Staff training day" } })).status).toBe(201);
    const id = (await makeReferral(senco.headers, pupil.id)).json.referral.id;
    await recordStep(senco.headers, id, { step: "mediationAgreed" });
    const submitted = await recordStep(senco.headers, id, { step: "referralSubmitted" });
    const dueOn = submitted.json.referral.deadlines[0].dueOn;
    expect(dueOn).toBe(addWorkingDays(today(), 10, "englandAndWales", new Set([closed])));
    expect(dueOn).not.toBe(addWorkingDays(today(), 10, "englandAndWales"));
  });
});
