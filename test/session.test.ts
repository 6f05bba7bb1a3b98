import { env } from "cloudflare:test";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordsOfConcern } from "../schema/tables";
import { openReplay, replayablePath, sealReplay } from "../worker/auth/replay";
import { issueStaffToken, sessionLimits } from "../worker/auth/tokens";
import { createStaff, db, page, schoolWithPupil, staffWithPassword } from "./support/world";

const nowSeconds = () => Math.floor(Date.now() / 1000);
const { idleSeconds, maxSeconds } = sessionLimits(env);
const password = "correct horse battery";
/** Each test signs in from an address of its own, so the sign-in limiter never decides a test. */
const fromAnywhere = () => ({ "CF-Connecting-IP": `198.51.100.${Math.floor(Math.random() * 250) + 1}` });

const cookieOf = (token: string) => `__Host-stepwise_session=${token}`;
const freshToken = (setCookie: string | null) => setCookie?.match(/__Host-stepwise_session=([^;]*)/)?.[1] ?? null;
const claimsOf = (token: string) => jwt.decode<{ iat: number; exp: number; at: number }>(token).payload!;

/** A SENCO with a password, and a pupil of their school (2014 Code). */
async function sencoWithPupil() {
  const world = await schoolWithPupil("england2014");
  const senco = await staffWithPassword("senco", { laId: world.la.id, schoolIds: [world.school.id] }, password);
  return { ...world, senco };
}

const tokenFor = (user: { id: string }, issuedAt: number, signedInAt = issuedAt) =>
  issueStaffToken(env, { id: user.id, role: "senco", tokenVersion: 0 }, issuedAt, signedInAt);

describe("a session stays alive while the person works, and ends when they stop or sign out", () => {
  it("a request past half the token's life gets a fresh cookie; a young token is left as it is", async () => {
    const { senco } = await sencoWithPupil();
    const signedInAt = nowSeconds() - Math.ceil(idleSeconds * 0.6);
    const old = await tokenFor(senco, signedInAt);
    const home = await page("/staff", { cookie: cookieOf(old) });
    expect(home.status).toBe(200);
    const renewed = freshToken(home.headers.get("Set-Cookie"));
    expect(renewed).toBeTruthy();
    const claims = claimsOf(renewed!);
    expect(claims.iat).toBeGreaterThanOrEqual(nowSeconds() - 5);
    expect(claims.exp - claims.iat).toBe(idleSeconds);
    // The time of signing in is kept, so renewals never pass the maximum.
    expect(claims.at).toBe(signedInAt);
    expect(home.headers.get("Set-Cookie")).toMatch(/HttpOnly.*Secure.*SameSite=Strict/);
    expect((await page("/staff", { cookie: cookieOf(renewed!) })).status).toBe(200);

    const young = await page("/staff", { cookie: cookieOf(await tokenFor(senco, nowSeconds())) });
    expect(young.status).toBe(200);
    expect(young.headers.get("Set-Cookie")).toBeNull();
  });

  it("working for longer than the old fixed 15 minutes keeps the session, renewal after renewal", async () => {
    const { senco, pupil } = await sencoWithPupil();
    // Signed in 40 minutes ago and active since: the last renewal was 10 minutes ago.
    const token = await tokenFor(senco, nowSeconds() - 10 * 60, nowSeconds() - 40 * 60);
    const shown = await page(`/forms/pupils/${pupil.id}`, { cookie: cookieOf(token) });
    expect(shown.status).toBe(200);
  });

  it("a session idle past the idle limit is refused", async () => {
    const { senco, pupil } = await sencoWithPupil();
    const idle = await tokenFor(senco, nowSeconds() - idleSeconds - 5);
    expect((await page("/staff", { cookie: cookieOf(idle) })).headers.get("Location")).toBe("/staff/sign-in");
    const form = await page(`/forms/pupils/${pupil.id}`, { cookie: cookieOf(idle) });
    expect(form.status).toBe(401);
    expect(form.headers.get("Set-Cookie")).toBeNull();
  });

  it("however active, a session ends at the maximum after signing in: renewal stops there", async () => {
    const { senco } = await sencoWithPupil();
    const signedInAt = nowSeconds() - maxSeconds + 60;
    const nearTheEnd = await tokenFor(senco, nowSeconds() - Math.ceil(idleSeconds * 0.6), signedInAt);
    expect(claimsOf(nearTheEnd).exp).toBe(signedInAt + maxSeconds);
    const home = await page("/staff", { cookie: cookieOf(nearTheEnd) });
    expect(home.status).toBe(200);
    // Already capped at the maximum: nothing longer to give.
    expect(home.headers.get("Set-Cookie")).toBeNull();
    const past = await tokenFor(senco, nowSeconds() - 30, nowSeconds() - maxSeconds - 30);
    expect((await page("/staff", { cookie: cookieOf(past) })).status).toBe(303);
  });

  it("sign-out ends the session: neither the cookie nor a renewal of it works afterwards", async () => {
    const { senco } = await sencoWithPupil();
    const signedIn = await page("/staff/sign-in", { form: { email: senco.email, password }, headers: fromAnywhere() });
    const cookie = cookieOf(freshToken(signedIn.headers.get("Set-Cookie"))!);
    const older = cookieOf(await tokenFor(senco, nowSeconds() - Math.ceil(idleSeconds * 0.6)));
    const renewed = cookieOf(freshToken((await page("/staff", { cookie: older })).headers.get("Set-Cookie"))!);
    const out = await page("/staff/sign-out", { form: {}, cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toMatch(/__Host-stepwise_session=;.*Max-Age=0/);
    for (const each of [cookie, older, renewed]) expect((await page("/staff", { cookie: each })).headers.get("Location")).toBe("/staff/sign-in");
  });

  it("signing out after the session has ended answers the sign-in page, never JSON", async () => {
    const { senco } = await sencoWithPupil();
    const out = await page("/staff/sign-out", { form: {}, cookie: cookieOf(await tokenFor(senco, nowSeconds() - idleSeconds - 5)) });
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe("/staff/sign-in");
  });
});

/** The hidden fields of a page's one form, and where it posts. */
function formOf(text: string) {
  const action = text.match(/<form method="post" action="([^"]+)"/)?.[1];
  const fields = [...text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    ([, name, value]) =>
      [
        name!,
        value!
          .replace(/&amp;/g, "&")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">"),
      ] as const,
  );
  return { action, fields };
}

describe("a form posted after the session ended is kept through signing in again, then saved", () => {
  const typed = 'Finds reading hard & "guesses" words <b>not</b> sounded out';

  async function expiredConcern() {
    const world = await sencoWithPupil();
    const expired = cookieOf(await tokenFor(world.senco, nowSeconds() - idleSeconds - 60));
    const path = `/forms/pupils/${world.pupil.id}/concern`;
    const posted = await page(path, { form: { areasOfConcern: "cognitionAndLearning", description: typed }, cookie: expired });
    return { ...world, path, posted };
  }

  it("the expired post answers the sign-in page carrying the form sealed; signing in sends it back to the same page, which saves it", async () => {
    const { senco, pupil, path, posted } = await expiredConcern();
    expect(posted.status).toBe(401);
    expect(posted.text).toContain("<h1>Sign in to Stepwise</h1>");
    expect(posted.text).toContain("what you typed will be saved");
    // Sealed: what was typed is not readable in the page, and nothing was saved yet.
    expect(posted.text).not.toContain("guesses");
    const signIn = formOf(posted.text);
    expect(signIn.action).toBe("/staff/sign-in");
    const replay = signIn.fields.find(([name]) => name === "replay")?.[1];
    expect(replay).toBeTruthy();
    expect(await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.pupilId, pupil.id))).toHaveLength(0);

    // A wrong password keeps the seal for the next try.
    const wrong = await page("/staff/sign-in", { form: { email: senco.email, password: "not it", next: path, replay: replay! }, headers: fromAnywhere() });
    expect(wrong.status).toBe(422);
    expect(formOf(wrong.text).fields).toContainEqual(["replay", replay]);

    const signedIn = await page("/staff/sign-in", { form: { email: senco.email, password, next: path, replay: replay! }, headers: fromAnywhere() });
    expect(signedIn.status).toBe(200);
    const again = formOf(signedIn.text);
    expect(again.action).toBe(path);
    expect(again.fields).toEqual([
      ["areasOfConcern", "cognitionAndLearning"],
      ["description", typed],
    ]);
    const cookie = cookieOf(freshToken(signedIn.headers.get("Set-Cookie"))!);
    const saved = await page(path, { form: Object.fromEntries(again.fields), cookie });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toMatch(new RegExp(`^/forms/pupils/${pupil.id}\\?saved=recordOfConcern`));
    const [record] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.pupilId, pupil.id));
    expect(record?.description).toBe(typed);
  });

  it("another person signing in with the seal gets their own home, not the form: no post in someone else's name", async () => {
    const { la, school, path, posted } = await expiredConcern();
    const replay = formOf(posted.text).fields.find(([name]) => name === "replay")![1];
    const colleague = await staffWithPassword("senco", { laId: la.id, schoolIds: [school.id] }, password);
    const signedIn = await page("/staff/sign-in", { form: { email: colleague.email, password, next: path, replay }, headers: fromAnywhere() });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("Location")).toBe("/staff");
    expect(signedIn.text).not.toContain(typed);
  });

  it("a seal altered by one character, or of another key, is ignored", async () => {
    const { senco, path, posted } = await expiredConcern();
    const replay = formOf(posted.text).fields.find(([name]) => name === "replay")![1];
    const flipped = `${replay.slice(0, -2)}${replay.at(-2) === "A" ? "B" : "A"}${replay.at(-1)}`;
    const signedIn = await page("/staff/sign-in", { form: { email: senco.email, password, next: path, replay: flipped }, headers: fromAnywhere() });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("Location")).toBe("/staff");
    const foreign = await sealReplay(
      { JWT_SECRET: "another-secret-of-at-least-thirty-two-bytes" },
      { userId: senco.id, path, fields: { description: typed } },
      nowSeconds(),
    );
    expect(await openReplay(env, foreign!, senco.id, nowSeconds())).toBeNull();
  });

  it("the replay goes only to the staff page the form was posted to: never off the site, never to the API", async () => {
    const userId = crypto.randomUUID();
    for (const unsafe of [
      "//evil.example/forms/x",
      "https://evil.example/forms/x",
      "/\\evil.example",
      "/.//evil.example",
      "/api/pupils",
      "/staff/sign-in",
      "/staff/sign-out",
      "/s/school/concern",
      "javascript:alert(1)",
    ]) {
      expect(replayablePath(unsafe), unsafe).toBeNull();
      expect(await sealReplay(env, { userId, path: unsafe, fields: {} }, nowSeconds()), unsafe).toBeNull();
    }
    const sealed = await sealReplay(env, { userId, path: "/forms/pupils/1/plan", fields: { objective: "x" } }, nowSeconds());
    expect(await openReplay(env, sealed!, userId, nowSeconds())).toEqual({ userId, path: "/forms/pupils/1/plan", fields: { objective: "x" } });
    expect(await openReplay(env, sealed!, crypto.randomUUID(), nowSeconds())).toBeNull();
    // Short-lived: an old seal found in a page's history is worthless.
    expect(await openReplay(env, sealed!, userId, nowSeconds() + 31 * 60)).toBeNull();
  });

  it("a post with no session of ours behind it keeps nothing: the plain sign-in-to-continue page", async () => {
    const { pupil } = await sencoWithPupil();
    const forged = await jwt.sign(
      { sub: (await createStaff("senco", { laId: null })).id, iat: 0, exp: 1, at: 0, role: "senco", tv: 0 },
      "another-secret-of-at-least-thirty-two-bytes",
      { algorithm: "HS256" },
    );
    for (const cookie of [undefined, cookieOf(forged)]) {
      const posted = await page(`/forms/pupils/${pupil.id}/concern`, { form: { description: "x" }, ...(cookie ? { cookie } : {}) });
      expect(posted.status).toBe(401);
      expect(posted.text).not.toContain('name="replay"');
    }
  });
});
