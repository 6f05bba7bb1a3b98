import { env } from "cloudflare:test";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staffUsers } from "../schema/tables";
import { hashPassword, verifyPassword } from "../worker/auth/password";
import { issueStaffToken } from "../worker/auth/tokens";
import { api, createLa, createSchool, createStaff, db } from "./support/world";

async function staffWithPassword(password: string) {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  const hashed = await hashPassword(password);
  await db().update(staffUsers).set({ passwordHash: hashed.hash, passwordSalt: hashed.salt }).where(eq(staffUsers.id, senco.id));
  return senco;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("passwords", () => {
  it("hash with a salt of their own and verify only the right password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
  });
});

describe("sign-in", () => {
  it("gives a token that works on the API and sets an HttpOnly, Secure, SameSite session cookie", async () => {
    const senco = await staffWithPassword("a long enough password");
    const signedIn = await api("/api/auth/sign-in", { body: { email: senco.email.toUpperCase(), password: "a long enough password" } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user).toMatchObject({ id: senco.id, role: "senco" });
    const cookie = signedIn.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^__Host-stepwise_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await api("/api/auth/me", { headers: bearer(signedIn.json.token) });
    expect(me.json.caller).toMatchObject({ userId: senco.id, role: "senco" });
    // The cookie is for the pages: the JSON API takes a Bearer token only (issue 16, cross-site posts).
    const byCookie = await api("/api/auth/me", { headers: { Cookie: cookie.split(";")[0]! } });
    expect(byCookie.status).toBe(401);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const senco = await staffWithPassword("right password");
    const wrong = await api("/api/auth/sign-in", { body: { email: senco.email, password: "wrong password" } });
    const unknown = await api("/api/auth/sign-in", { body: { email: "nobody@example.test", password: "right password" } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json).toEqual(unknown.json);
  });

  it("is rate limited per email, answering 429 with Retry-After", async () => {
    const senco = await staffWithPassword("right password");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // The limiter counts in fixed one-minute windows: twice the limit plus one attempts overflow a window even when
    // the run straddles a window boundary.
    for (let i = 0; i < 21 && !statuses.includes(429); i++) {
      const attempt = await api("/api/auth/sign-in", { body: { email: senco.email, password: `guess ${i}` } });
      statuses.push(attempt.status);
      retryAfter ??= attempt.headers.get("Retry-After");
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe("token attacks are refused with 401", () => {
  const claims = (user: { id: string }, overrides: Record<string, unknown> = {}) => ({
    sub: user.id,
    iss: env.JWT_ISSUER,
    aud: env.JWT_AUDIENCE,
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
    role: "senco",
    tv: 0,
    ...overrides,
  });

  it.each([
    ["algorithm none", async (user: { id: string }) => jwt.sign(claims(user), undefined, { algorithm: "none" })],
    ["a wrong key", async (user: { id: string }) => jwt.sign(claims(user), "another-secret-of-sufficient-length-000000", { algorithm: "HS256" })],
    ["HS512 with the right key", async (user: { id: string }) => jwt.sign(claims(user), env.JWT_SECRET, { algorithm: "HS512" })],
    [
      "expired",
      async (user: { id: string }) => jwt.sign(claims(user, { iat: nowSeconds() - 3600, exp: nowSeconds() - 1800 }), env.JWT_SECRET, { algorithm: "HS256" }),
    ],
    ["a wrong audience", async (user: { id: string }) => jwt.sign(claims(user, { aud: "someone-else" }), env.JWT_SECRET, { algorithm: "HS256" })],
    ["a wrong issuer", async (user: { id: string }) => jwt.sign(claims(user, { iss: "https://evil.example" }), env.JWT_SECRET, { algorithm: "HS256" })],
    ["a role the user does not have", async (user: { id: string }) => jwt.sign(claims(user, { role: "laOfficer" }), env.JWT_SECRET, { algorithm: "HS256" })],
    [
      "a tampered payload",
      async (user: { id: string }) => {
        const [header, , signature] = (await issueStaffToken(env, { id: user.id, role: "senco", tokenVersion: 0 }, nowSeconds())).split(".");
        const payload = btoa(JSON.stringify(claims(user, { role: "head" })))
          .replace(/=+$/, "")
          .replaceAll("+", "-")
          .replaceAll("/", "_");
        return `${header}.${payload}.${signature}`;
      },
    ],
    ["garbage", async () => "not.a.token"],
  ])("%s", async (_what, forge) => {
    const senco = await staffWithPassword("pw");
    const valid = await api("/api/auth/me", { headers: bearer(await issueStaffToken(env, { id: senco.id, role: "senco", tokenVersion: 0 }, nowSeconds())) });
    expect(valid.status).toBe(200);
    const forged = await api("/api/auth/me", { headers: bearer(await forge(senco)) });
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe("unauthenticated");
  });

  it("a token issued before sign-out is revoked", async () => {
    const senco = await staffWithPassword("pw");
    const token = await issueStaffToken(env, { id: senco.id, role: "senco", tokenVersion: 0 }, nowSeconds());
    expect((await api("/api/auth/me", { headers: bearer(token) })).status).toBe(200);
    expect((await api("/api/auth/sign-out", { method: "POST", headers: bearer(token) })).status).toBe(204);
    expect((await api("/api/auth/me", { headers: bearer(token) })).status).toBe(401);
    expect((await api("/api/pupils", { headers: bearer(token) })).status).toBe(401);
  });

  it("a deactivated user's token stops working", async () => {
    const senco = await staffWithPassword("pw");
    await db().update(staffUsers).set({ active: false }).where(eq(staffUsers.id, senco.id));
    expect((await api("/api/auth/me", { headers: senco.headers })).status).toBe(401);
  });
});
