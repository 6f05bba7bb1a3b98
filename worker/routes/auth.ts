import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import * as v from "valibot";
import { staffUsers } from "../../schema/tables";
import type { AppEnv } from "../app-env";
import { hashPassword, verifyPassword } from "../auth/password";
import { requireStaff, sessionCookieName } from "../auth/require-staff";
import { issueStaffToken, staffTokenLifetimeSeconds } from "../auth/tokens";
import { ApiError } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";

const signIn = v.strictObject({
  email: v.pipe(v.string("Enter your email address"), v.trim(), v.toLowerCase(), v.email("Enter an email address like name@school.org"), v.maxLength(254)),
  password: v.pipe(v.string("Enter your password"), v.minLength(1, "Enter your password"), v.maxLength(1024)),
});

/** Checked against when the email is unknown, so a wrong email takes as long as a wrong password. */
let decoy: ReturnType<typeof hashPassword> | undefined;
const decoyHash = () => (decoy ??= hashPassword(crypto.randomUUID()));

const tags = ["Sign-in"];
const invalidCredentials = () => new ApiError(401, "invalid_credentials", "The email address or password is not right");

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/sign-in",
    describeRoute({
      summary: "Sign in with email and password: a short-lived token, also set as an HttpOnly session cookie",
      tags,
      body: signIn,
      public: true,
      responses: { 200: "Signed in", 400: "Invalid body", 401: "Wrong email or password", 429: "Too many attempts" },
    }),
    validate("json", signIn),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const address = c.req.header("CF-Connecting-IP") ?? "unknown";
      for (const key of [`address:${address}`, `email:${email}`]) {
        const { success } = await c.env.SIGN_IN_LIMITER.limit({ key });
        if (!success) {
          c.header("Retry-After", "60");
          throw new ApiError(429, "rate_limited", "Too many sign-in attempts: wait a minute and try again");
        }
      }
      const user = await c.var.db.query.staffUsers.findFirst({ where: eq(staffUsers.email, email) });
      const stored = user?.passwordHash && user.passwordSalt ? { hash: user.passwordHash, salt: user.passwordSalt } : await decoyHash();
      const matches = await verifyPassword(password, stored);
      if (!user || !user.active || !matches) throw invalidCredentials();

      const now = Math.floor(Date.now() / 1000);
      const token = await issueStaffToken(c.env, user, now);
      setCookie(c, sessionCookieName, token, { httpOnly: true, secure: true, sameSite: "Strict", path: "/", maxAge: staffTokenLifetimeSeconds });
      return c.json({
        token,
        expiresAt: new Date((now + staffTokenLifetimeSeconds) * 1000).toISOString(),
        user: { id: user.id, name: user.name, role: user.role },
      });
    },
  )
  .post(
    "/sign-out",
    describeRoute({ summary: "Sign out everywhere: every token issued before now stops working", tags, responses: { 204: "Signed out", 401: "Not signed in" } }),
    requireStaff(),
    async (c) => {
      await c.var.db
        .update(staffUsers)
        .set({ tokenVersion: sql`${staffUsers.tokenVersion} + 1` })
        .where(eq(staffUsers.id, c.var.caller.userId));
      deleteCookie(c, sessionCookieName, { path: "/", secure: true });
      return c.body(null, 204);
    },
  )
  .get(
    "/me",
    describeRoute({ summary: "Who you are signed in as, and your scope", tags, responses: { 200: "The caller", 401: "Not signed in" } }),
    requireStaff(),
    (c) => c.json({ caller: c.var.caller }),
  );
