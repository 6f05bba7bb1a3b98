import { describe, expect, it } from "vitest";
import { api, createLa, createSchool, createStaff } from "../support/world";

describe("an LA officer sets when alerts fall due soon and when overdue items escalate", () => {
  it("reads the defaults, changes them, and a setting left out goes back to its default", async () => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const path = `/api/las/${la.id}/alert-settings`;
    expect((await api(path, { headers: officer.headers })).json.settings).toEqual({ dueSoonDays: 7, escalateToSencoAfterDays: 5, escalateToLaAfterDays: 20 });

    const changed = await api(path, { method: "PUT", headers: officer.headers, body: { dueSoonDays: 14, escalateToLaAfterDays: 10 } });
    expect(changed.status).toBe(200);
    expect(changed.json.settings).toEqual({ dueSoonDays: 14, escalateToSencoAfterDays: 5, escalateToLaAfterDays: 10 });
    expect((await api(path, { method: "PUT", headers: officer.headers, body: {} })).json.settings.dueSoonDays).toBe(7);
  });

  it("refuses nonsense naming the field: escalation to the LA before the SENCO, fractions, unknown settings", async () => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const path = `/api/las/${la.id}/alert-settings`;
    for (const [body, field] of [
      [{ escalateToSencoAfterDays: 10, escalateToLaAfterDays: 10 }, "escalateToLaAfterDays"],
      [{ dueSoonDays: 2.5 }, "dueSoonDays"],
      [{ dueSoonDays: 365 }, "dueSoonDays"],
      [{ holidays: 3 }, "holidays"],
    ] as const) {
      const refused = await api(path, { method: "PUT", headers: officer.headers, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it("school staff of the LA get 403; another LA's officer gets 404", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
    const stranger = await createStaff("laOfficer", { laId: (await createLa()).id });
    expect((await api(`/api/las/${la.id}/alert-settings`, { method: "PUT", headers: senco.headers, body: {} })).status).toBe(403);
    expect((await api(`/api/las/${la.id}/alert-settings`, { headers: stranger.headers })).status).toBe(404);
  });
});
