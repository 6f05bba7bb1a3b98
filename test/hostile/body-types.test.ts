import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createLa, createSchool, createStaff } from "../support/world";

describe("issue 16 finding: a JSON route sent text/plain treats the body as {} (PUT alert-settings answered 200 and wiped every override)", () => {
  it.each(["alert-settings", "timescales"])("PUT /api/las/{id}/%s with a body that is not JSON is refused with 415 and changes nothing", async (setting) => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const path = `/api/las/${la.id}/${setting}`;
    const change = setting === "alert-settings" ? { dueSoonDays: 14 } : { planReview: { amount: 3, unit: "days" } };
    const set = await api(path, { method: "PUT", headers: officer.headers, body: change });
    const before = (await api(path, { headers: officer.headers })).json;

    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "", "application/jsonx"]) {
      const response = await SELF.fetch(`https://stepwise.test${path}`, {
        method: "PUT",
        headers: { Authorization: officer.headers.Authorization, ...(contentType ? { "Content-Type": contentType } : {}) },
        body: JSON.stringify({}),
      });
      expect(response.status, contentType).toBe(415);
      expect(await response.json()).toMatchObject({
        error: { code: "unsupported_media_type", message: "Send the body as JSON, with Content-Type: application/json" },
      });
    }
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect((await api(path, { headers: officer.headers })).json).toEqual(before);
  });

  it("a JSON body still goes through with a charset", async () => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const response = await SELF.fetch(`https://stepwise.test/api/las/${la.id}/alert-settings`, {
      method: "PUT",
      headers: { Authorization: officer.headers.Authorization, "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ dueSoonDays: 9 }),
    });
    expect(response.status).toBe(200);
  });
});

describe("issue 16 finding: form routes read a body that is not a form as an empty form", () => {
  it("the public concern form sent as JSON is refused with 415 and stores nothing", async () => {
    const school = await createSchool((await createLa()).id, "england2001");
    const response = await SELF.fetch(`https://stepwise.test/s/${school.publicSlug}/concern`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "10.7.7.7" },
      body: JSON.stringify({ childName: "Ada" }),
      redirect: "manual",
    });
    expect(response.status).toBe(415);
  });

  it("sign-in sent as text/plain is refused with 415", async () => {
    const response = await SELF.fetch("https://stepwise.test/staff/sign-in", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "email=a@example.test&password=x",
      redirect: "manual",
    });
    expect(response.status).toBe(415);
  });
});
