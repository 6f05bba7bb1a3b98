import { env, SELF } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../worker/app-env";
import { allowFramingBy, securityHeaders } from "../worker/http/security-headers";
import { app } from "../worker/index";
import staticHeaders from "../static/_headers?raw";
import { api, createLa, createSchool, createStaff, schoolWithPupil } from "./support/world";

const fetchRaw = (path: string, init: RequestInit = {}) => SELF.fetch(`https://stepwise.test${path}`, { redirect: "manual", ...init });
const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });

function expectLockedDown(headers: Headers, what: string) {
  const csp = headers.get("Content-Security-Policy") ?? "";
  expect([what, csp]).toEqual([what, expect.stringMatching(/default-src '(self|none)'/)]);
  expect([what, csp]).toEqual([what, expect.stringMatching(/frame-ancestors 'none'$/)]);
  expect(csp).not.toMatch(/https?:\/\/|\*/);
  expect(headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{8,}/);
  expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(headers.get("Referrer-Policy")).toBe("no-referrer");
  expect([what, headers.get("X-Frame-Options")]).toEqual([what, "DENY"]);
}

/** One of each kind of response the README's "Headers" paragraph names, and the status it should have. */
async function responsesOfEveryKind() {
  const world = await schoolWithPupil("england2014");
  const elsewhere = await schoolWithPupil("england2014");
  const cookie = `__Host-stepwise_session=${world.senco.token}`;
  const link = await api(`/api/pupils/${world.pupil.id}/parent-links`, {
    headers: world.senco.headers,
    body: { parentName: "Pat Parent", parentEmail: "pat@home.test" },
  });
  return [
    ["the JSON API", `/api/pupils/${world.pupil.id}`, { headers: bearer(world.senco) }, 200],
    ["a staff page", "/staff", { headers: { Cookie: cookie } }, 200],
    ["a staff form", `/forms/schools/${world.school.id}/pupils/new`, { headers: bearer(world.senco) }, 200],
    [
      "a staff form's 422",
      `/forms/schools/${world.school.id}/pupils`,
      { method: "POST", headers: bearer(world.senco), body: new URLSearchParams({ upn: "" }) },
      422,
    ],
    ["a print view", `/print/pupils/${world.pupil.id}/export`, { headers: { Cookie: cookie } }, 200],
    ["a parent's page", new URL(link.json.url).pathname, {}, 200],
    ["a sign-in page", "/staff/sign-in", {}, 200],
    ["the sign-in page's 422", "/staff/sign-in", { method: "POST", body: new URLSearchParams({ email: "" }) }, 422],
    ["an HTML 401", `/forms/pupils/${world.pupil.id}/concern`, {}, 401],
    ["an HTML 404 (staff, another school's pupil)", `/print/pupils/${elsewhere.pupil.id}/export`, { headers: { Cookie: cookie } }, 404],
    ["an HTML 404 (an unknown school's concern link)", "/s/no-such-school/concern", {}, 404],
    ["an HTML 404 (a parent's unknown link)", "/parent/nothing", {}, 404],
    ["a JSON 400", "/api/auth/sign-in", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" }, 400],
    ["a JSON 401", "/api/pupils", {}, 401],
    ["a JSON 403", "/api/admin/outbox", { headers: bearer(world.senco) }, 403],
    ["a JSON 404 (an unknown route)", "/api/nothing-here", {}, 404],
    ["a JSON 404 (another school's pupil)", `/api/pupils/${elsewhere.pupil.id}`, { headers: bearer(world.senco) }, 404],
  ] as const;
}

describe("issue 16 finding: headers differ from the README (the headers it promises, on every kind of response)", () => {
  it("the API, staff pages and forms, print views, parents' pages and every error: no-store, framed by no one", async () => {
    // The finding: staff forms, print views and HTML error pages let Stepwise's own pages frame them (frame-ancestors 'self').
    for (const [what, path, init, status] of await responsesOfEveryKind()) {
      const response = await fetchRaw(path, init as RequestInit);
      expect([what, response.status]).toEqual([what, status]);
      expectLockedDown(response.headers, what);
      expect([what, response.headers.get("Cache-Control")]).toEqual([what, "no-store"]);
    }
  });

  it("a 500 is a JSON error with the same headers", async () => {
    const admin = await createStaff("admin", { laId: null });
    const broken = {
      ...env,
      DB: new Proxy(env.DB, {
        get: () => () => {
          throw new Error("D1 is down");
        },
      }),
    };
    const response = await app.request("https://stepwise.test/api/pupils?schoolId=x", { headers: bearer(admin) }, broken);
    expect(response.status).toBe(500);
    expect((await response.json()) as unknown).toEqual({ error: expect.objectContaining({ code: "internal_error" }) });
    expectLockedDown(response.headers, "a 500");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("the public concern form may be framed by its school's registered origins only; with none, by no one", async () => {
    const la = await createLa();
    const embedded = await createSchool(la.id, "england2014", { embedOrigins: ["https://www.school.example"] });
    const plain = await createSchool(la.id, "england2014");
    const form = await fetchRaw(`/s/${embedded.publicSlug}/concern`);
    expect(form.status).toBe(200);
    expect(form.headers.get("Content-Security-Policy")).toMatch(/frame-ancestors https:\/\/www\.school\.example$/);
    expect(form.headers.get("X-Frame-Options")).toBeNull();
    expect(form.headers.get("Cache-Control")).toBe("no-store");
    const unframed = await fetchRaw(`/s/${plain.publicSlug}/concern`);
    expectLockedDown(unframed.headers, "a concern form with no registered origin");
    expect(unframed.headers.get("Cache-Control")).toBe("no-store");
  });

  it("the calendar feed is kept by no shared cache: private, max-age=900, and framed by no one", async () => {
    const staff = await createStaff("laOfficer", { laId: (await createLa()).id });
    const created = await api("/api/calendar-feed", { method: "POST", headers: staff.headers });
    const feed = await SELF.fetch(created.json.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Cache-Control")).toBe("private, max-age=900");
    expectLockedDown(feed.headers, "the calendar feed");
  });

  it("static files get the Worker's security headers from static/_headers and keep Workers' revalidated caching", async () => {
    // The Workers pool serves no assets (test/e2e/access.test.ts fetches them from the built Worker), so this reads the
    // file the asset server applies: a "Name: value" line under "/*" for each header, and no Cache-Control of its own.
    const rules = staticHeaders.split("\n").filter((line) => /^\s+\S+:/.test(line));
    const fromFile = new Headers(
      rules.map(
        (line) =>
          [
            line.trim().split(":")[0]!,
            line
              .trim()
              .slice(line.trim().indexOf(":") + 1)
              .trim(),
          ] as [string, string],
      ),
    );
    expect(staticHeaders).toMatch(/^\/\*$/m);
    expectLockedDown(fromFile, "a static file");
    expect(fromFile.get("Content-Security-Policy")).toBe((await fetchRaw("/api/health")).headers.get("Content-Security-Policy"));
    // Workers' default then applies (public, max-age=0, must-revalidate): these files hold no record.
    expect(fromFile.has("Cache-Control")).toBe(false);
  });

  it("a route may allow its framing by named origins, and only that route", async () => {
    const app = new Hono<AppEnv>()
      .use(securityHeaders())
      .get("/embed", (c) => {
        allowFramingBy(c, ["https://www.school.example"]);
        return c.text("form");
      })
      .get("/other", (c) => c.text("other"));
    const embed = await app.request("/embed");
    expect(embed.headers.get("Content-Security-Policy")).toContain("frame-ancestors https://www.school.example");
    expect(embed.headers.get("X-Frame-Options")).toBeNull();
    const other = await app.request("/other");
    expect(other.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  });
});
