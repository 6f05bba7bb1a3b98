import type { BrowserContext } from "playwright-core";
import { hashPassword } from "../../../worker/auth/password";

const password = "correct horse battery staple";
/** The password every member of staff inserted here has, for signing in through the sign-in page. */
export const staffPassword = password;

/** A member of staff of the school, with a password, written straight into D1. */
export async function insertStaff(db: D1Database, school: { id: string; laId: string }, role: "senco" | "teacher" | "head") {
  const user = { id: crypto.randomUUID(), email: `${role}-${crypto.randomUUID().slice(0, 8)}@school.test` };
  const { hash, salt } = await hashPassword(password);
  await db.batch([
    db
      .prepare("INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(user.id, user.email, `A ${role}`, role, school.laId, hash, salt),
    db.prepare("INSERT INTO staff_schools (user_id, school_id) VALUES (?, ?)").bind(user.id, school.id),
  ]);
  return user;
}

/** Signs in through the API without a browser: the bearer token, which is also the session cookie's value. */
export async function signInToken(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Signs in through the API as the browser would; the session cookie lands in the context. Returns the bearer token. */
export async function signIn(context: BrowserContext, baseUrl: string, email: string): Promise<string> {
  const response = await context.request.post(`${baseUrl}/api/auth/sign-in`, { data: { email, password } });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  if (!(await context.cookies(baseUrl)).length) {
    await context.addCookies([{ name: "__Host-stepwise_session", value: token, url: baseUrl, secure: true, httpOnly: true, sameSite: "Strict" }]);
  }
  return token;
}

/** An officer of the LA (its SEN Support & Monitoring Officer), with a password, written straight into D1. */
export async function insertOfficer(db: D1Database, laId: string) {
  const user = { id: crypto.randomUUID(), email: `officer-${crypto.randomUUID().slice(0, 8)}@la.test` };
  const { hash, salt } = await hashPassword(password);
  await db
    .prepare("INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) VALUES (?, ?, ?, 'laOfficer', ?, ?, ?)")
    .bind(user.id, user.email, "An officer", laId, hash, salt)
    .run();
  return user;
}
