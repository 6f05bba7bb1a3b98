import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { safeNext } from "../../worker/routes/staff-pages";
import { api, createLa, createSchool, staffWithPassword } from "../support/world";

const password = "a long enough password";

async function senco() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  return staffWithPassword("senco", { laId: la.id, schoolIds: [school.id] }, password);
}

const signIn = (email: string, headers: Record<string, string> = {}, next?: string) =>
  SELF.fetch("https://stepwise.test/staff/sign-in", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "CF-Connecting-IP": `10.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      ...headers,
    },
    body: new URLSearchParams({ email, password, ...(next === undefined ? {} : { next }) }),
    redirect: "manual",
  });

async function sessionCookie(email: string) {
  const response = await signIn(email, { Origin: "https://stepwise.test", "Sec-Fetch-Site": "same-origin" });
  expect(response.status).toBe(303);
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0]!;
}

describe("issue 16 finding: cross-site posts rely on SameSite alone (Origin and Sec-Fetch-Site were not checked)", () => {
  it.each([
    [{ Origin: "https://evil.example" }],
    [{ "Sec-Fetch-Site": "cross-site" }],
    [{ "Sec-Fetch-Site": "same-site", Origin: "https://sub.stepwise.test" }],
    [{ "Sec-Fetch-Site": "cross-site", Origin: "https://stepwise.test" }],
    [{ Origin: "null" }],
  ])("a cookie-authenticated post to a page from another site (%o) is refused with 403 and does nothing", async (headers) => {
    const staff = await senco();
    const cookie = await sessionCookie(staff.email);
    const signOut = await SELF.fetch("https://stepwise.test/staff/sign-out", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: "",
      redirect: "manual",
    });
    expect(signOut.status).toBe(403);
    // Still signed in: the cross-site sign-out did not happen.
    const home = await SELF.fetch("https://stepwise.test/staff", { headers: { Cookie: cookie }, redirect: "manual" });
    expect(home.status).toBe(200);
  });

  it("the same post from Stepwise's own page goes through (Chromium sends Origin: null under our no-referrer policy)", async () => {
    const staff = await senco();
    const cookie = await sessionCookie(staff.email);
    const signOut = await SELF.fetch("https://stepwise.test/staff/sign-out", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "null", "Sec-Fetch-Site": "same-origin" },
      body: "",
      redirect: "manual",
    });
    expect(signOut.status).toBe(303);
  });

  it("sign-in refuses a post from another site, so nobody is signed in to an account that is not theirs (login CSRF)", async () => {
    const staff = await senco();
    const response = await signIn(staff.email, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(response.status).toBe(403);
    expect(response.headers.get("Set-Cookie")).toBeNull();
  });

  it("the JSON API takes a Bearer token only, never the session cookie", async () => {
    const staff = await senco();
    const cookie = await sessionCookie(staff.email);
    expect((await api("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await api("/api/auth/me", { headers: { Authorization: `Bearer ${staff.token}` } })).status).toBe(200);
  });
});

describe("issue 16 finding: the JSON API accepts the session cookie (CSV downloads the pages link to)", () => {
  async function sencoOfSchool() {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const staff = await staffWithPassword("senco", { laId: la.id, schoolIds: [school.id] }, password);
    return { school, cookie: await sessionCookie(staff.email) };
  }
  const download = (path: string, cookie: string, headers: Record<string, string> = {}) =>
    SELF.fetch(`https://stepwise.test${path}`, { headers: { Cookie: cookie, ...headers } });

  it("a page's Download as CSV link reads the dashboard's CSV with the cookie, from this site only", async () => {
    const { school, cookie } = await sencoOfSchool();
    const register = `/api/dashboard/schools/${school.id}/register?format=csv`;
    for (const site of ["same-origin", "none"]) {
      const own = await download(register, cookie, { "Sec-Fetch-Site": site });
      expect(own.status, site).toBe(200);
      expect(own.headers.get("Content-Type")).toMatch(/^text\/csv/);
    }
    for (const site of ["cross-site", "same-site"]) expect((await download(register, cookie, { "Sec-Fetch-Site": site })).status, site).toBe(401);
  });

  it("the cookie opens no other API route, a CSV asked of it or not", async () => {
    const { school, cookie } = await sencoOfSchool();
    for (const path of [`/api/dashboard/schools/${school.id}/register`, `/api/pupils?format=csv`, `/api/schools/${school.id}/interventions?format=csv`]) {
      expect((await download(path, cookie, { "Sec-Fetch-Site": "same-origin" })).status, path).toBe(401);
    }
  });
});

describe("issue 16 finding: the sign-in redirect can leave the site (next=/.//evil.example redirected to //evil.example)", () => {
  it.each([
    "/.//evil.example",
    "/..//evil.example",
    "/./\\evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "/%2e%2e//evil.example",
    "/%2e//evil.example",
    "/\t/evil.example",
    "evil.example",
  ])("next=%s is not followed off the site", (next) => {
    const kept = safeNext(next);
    if (kept !== null) expect(new URL(kept, "https://stepwise.test").origin).toBe("https://stepwise.test");
    if (kept !== null) expect(kept).not.toMatch(/^\/[\/\\]/);
  });

  it("encoded slashes stay a path on this site", () => {
    expect(safeNext("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeNext("/dashboard/la?x=1#top")).toBe("/dashboard/la?x=1#top");
  });

  it("signing in with next=/.//evil.example lands on the staff home", async () => {
    const staff = await senco();
    const response = await signIn(staff.email, { Origin: "https://stepwise.test" }, "/.//evil.example");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/staff");
  });
});
