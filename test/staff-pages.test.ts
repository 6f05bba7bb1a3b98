import { describe, expect, it } from "vitest";
import { createLa, createSchool, page, staffWithPassword } from "./support/world";

async function senco(password = "a long enough password") {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  return staffWithPassword("senco", { laId: la.id, schoolIds: [school.id] }, password);
}

const sessionOf = (setCookie: string | null) => (setCookie ?? "").split(";")[0]!;

describe("the sign-in page, without JavaScript", () => {
  it("labels each field with its hint", async () => {
    const shown = await page("/staff/sign-in");
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<label class="label" for="email">Email address</label>');
    expect(shown.text).toContain('id="email-hint"');
    expect(shown.text).toContain('aria-describedby="email-hint"');
    expect(shown.text).toContain('<label class="label" for="password">Password</label>');
  });

  it("re-renders with 422, an error summary, what was typed except the password, and an Error: title", async () => {
    const staff = await senco();
    const wrong = await page("/staff/sign-in", { form: { email: staff.email, password: "not it" } });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(/<title>Error: Sign in/);
    expect(wrong.text).toContain('<a href="#email">The email address or password is not right</a>');
    expect(wrong.text).toContain(`value="${staff.email}"`);
    expect(wrong.text).not.toContain("not it");

    const empty = await page("/staff/sign-in", { form: { email: "", password: "" } });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('<a href="#email">Enter your email address</a>');
    expect(empty.text).toContain('<a href="#password">Enter your password</a>');
    expect(empty.text).toContain('aria-describedby="email-hint email-error"');
  });

  it("escapes what was typed", async () => {
    const shown = await page("/staff/sign-in", { form: { email: '"><script>alert(1)</script>', password: "x" } });
    expect(shown.status).toBe(422);
    expect(shown.text).not.toContain("<script>alert(1)</script>");
    expect(shown.text).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("signs in with a Secure, HttpOnly, SameSite cookie, redirects, and sign-out revokes the session", async () => {
    const staff = await senco("correct horse battery");
    const signedIn = await page("/staff/sign-in", { form: { email: staff.email, password: "correct horse battery" } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("Location")).toBe("/staff");
    const setCookie = signedIn.headers.get("Set-Cookie");
    expect(setCookie).toMatch(/^__Host-stepwise_session=.*HttpOnly.*Secure.*SameSite=Strict/);
    const cookie = sessionOf(setCookie);

    const home = await page("/staff", { cookie });
    expect(home.status).toBe(200);
    expect(home.text).toContain(staff.email);

    const out = await page("/staff/sign-out", { form: {}, cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe("/staff/sign-in");
    expect((await page("/staff", { cookie })).status).toBe(303);
  });

  it("is rate limited: 429 with Retry-After after repeated failures", async () => {
    const staff = await senco();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 13; i++) {
      const attempt = await page("/staff/sign-in", { form: { email: staff.email, password: `guess ${i}` } });
      statuses.push(attempt.status);
      retryAfter ??= attempt.headers.get("Retry-After");
    }
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe("signing in from another page (forms, dashboards link /sign-in?next=…)", () => {
  const next = "/dashboard/schools?term=2026-autumn";
  /** Another address than the rate-limit test above used, so these sign-ins are not throttled. */
  const fromAnywhere = () => ({ "CF-Connecting-IP": `192.0.2.${Math.floor(Math.random() * 250) + 1}` });

  it("a signed-out form page links to the staff sign-in with the page as next; signing in returns there", async () => {
    const pupilId = crypto.randomUUID();
    const refused = await page(`/forms/pupils/${pupilId}/concern`);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain(`href="/staff/sign-in?next=${encodeURIComponent(`/forms/pupils/${pupilId}/concern`)}"`);

    const redirected = await page(`/sign-in?next=${encodeURIComponent(next)}`);
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("Location")).toBe(`/staff/sign-in?next=${encodeURIComponent(next)}`);
    expect((await page("/sign-in")).headers.get("Location")).toBe("/staff/sign-in");

    const shown = await page(`/staff/sign-in?next=${encodeURIComponent(next)}`);
    expect(shown.text).toContain(`<input type="hidden" name="next" value="${next}">`);

    const staff = await senco("correct horse battery");
    const wrong = await page("/staff/sign-in", { form: { email: staff.email, password: "not it", next }, headers: fromAnywhere() });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain(`name="next" value="${next}"`);
    const signedIn = await page("/staff/sign-in", { form: { email: staff.email, password: "correct horse battery", next }, headers: fromAnywhere() });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("Location")).toBe(next);
  });

  it.each(["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/a\r\nSet-Cookie: x=1", "dashboard"])(
    "never sends anyone off the site: next=%j is dropped",
    async (unsafe) => {
      const redirected = await page(`/sign-in?next=${encodeURIComponent(unsafe)}`);
      expect(redirected.headers.get("Location")).toBe("/staff/sign-in");
      expect((await page(`/staff/sign-in?next=${encodeURIComponent(unsafe)}`)).text).not.toContain('name="next"');
      const staff = await senco("correct horse battery");
      const signedIn = await page("/staff/sign-in", { form: { email: staff.email, password: "correct horse battery", next: unsafe }, headers: fromAnywhere() });
      expect(signedIn.headers.get("Location")).toBe("/staff");
    },
  );
});
