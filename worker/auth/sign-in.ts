import { eq } from "drizzle-orm";
import type { Context } from "hono";
import * as v from "valibot";
import { staffUsers } from "../../schema/tables";
import type { StaffRole } from "../../schema/vocab";
import type { AppEnv, Db } from "../app-env";
import { hashPassword, verifyPassword } from "./password";
import { setSessionCookie } from "./require-staff";
import { issueStaffToken, verifyStaffToken } from "./tokens";

export const signInFields = v.strictObject({
  email: v.pipe(
    v.string("Enter your email address"),
    v.trim(),
    v.toLowerCase(),
    v.minLength(1, "Enter your email address"),
    v.email("Enter an email address in the correct format, like name@example.org"),
    v.maxLength(254, "Email address must be 254 characters or fewer"),
  ),
  password: v.pipe(v.string("Enter your password"), v.minLength(1, "Enter your password"), v.maxLength(1024, "Password must be 1024 characters or fewer")),
});

/** Checked against when the email is unknown, so a wrong email takes as long as a wrong password. */
let decoy: ReturnType<typeof hashPassword> | undefined;
const decoyHash = () => (decoy ??= hashPassword(crypto.randomUUID()));

export type SignInResult =
  | { ok: true; user: typeof staffUsers.$inferSelect }
  | { ok: false; reason: "rateLimited"; retryAfterSeconds: number }
  | { ok: false; reason: "invalidCredentials" };

/** Per address and per email, so neither one address nor many addresses can guess one person's password. */
export async function checkSignIn(env: Pick<Env, "SIGN_IN_LIMITER">, db: Db, email: string, password: string, address: string): Promise<SignInResult> {
  for (const key of [`address:${address}`, `email:${email}`]) {
    const { success } = await env.SIGN_IN_LIMITER.limit({ key });
    if (!success) return { ok: false, reason: "rateLimited", retryAfterSeconds: 60 };
  }
  const user = await db.query.staffUsers.findFirst({ where: eq(staffUsers.email, email) });
  const stored = user?.passwordHash && user.passwordSalt ? { hash: user.passwordHash, salt: user.passwordSalt } : await decoyHash();
  const matches = await verifyPassword(password, stored);
  if (!user || !user.active || !matches) return { ok: false, reason: "invalidCredentials" };
  return { ok: true, user };
}

/** Issues a token and sets it as the HttpOnly, Secure, SameSite=Strict session cookie pages use. */
export async function startSession(c: Context<AppEnv>, user: { id: string; role: StaffRole; tokenVersion: number }) {
  const now = Math.floor(Date.now() / 1000);
  const token = await issueStaffToken(c.env, user, now);
  setSessionCookie(c, token);
  const claims = await verifyStaffToken(c.env, token);
  return { token, expiresAt: new Date((claims?.exp ?? now) * 1000).toISOString() };
}
