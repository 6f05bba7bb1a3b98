import { SELF } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../worker/app-env";
import { allowFramingBy, securityHeaders } from "../worker/http/security-headers";

const fetchRaw = (path: string, init: RequestInit = {}) => SELF.fetch(`https://stepwise.test${path}`, { redirect: "manual", ...init });

function expectLockedDown(headers: Headers, what: string) {
  const csp = headers.get("Content-Security-Policy") ?? "";
  expect([what, csp]).toEqual([what, expect.stringContaining("default-src 'self'")]);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/https?:\/\/|\*/);
  expect(headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{8,}/);
  expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(headers.get("Referrer-Policy")).toBe("no-referrer");
  expect(headers.get("X-Frame-Options")).toBe("DENY");
}

describe("security headers", () => {
  it.each([
    ["the API", "/api/health", {}, 200],
    ["an unknown route", "/api/nothing-here", {}, 404],
    ["a refusal", "/api/pupils", {}, 401],
    ["a malformed body", "/api/auth/sign-in", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" }, 400],
    ["a page", "/staff/sign-in", {}, 200],
    ["a page's 422", "/staff/sign-in", { method: "POST", body: new URLSearchParams({ email: "" }) }, 422],
    ["a parent's unknown link", "/parent/nothing", {}, 404],
  ] as const)("are on %s", async (what, path, init, status) => {
    const response = await fetchRaw(path, init as RequestInit);
    expect(response.status).toBe(status);
    expectLockedDown(response.headers, what);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
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
