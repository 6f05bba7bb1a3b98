import { and, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { staffSchools, staffUsers } from "../../schema/tables";
import type { AppEnv, Db, StaffCaller } from "../app-env";
import { ApiError } from "../http/errors";
import { pupilQuery } from "../pupils/queries";
import { issueStaffToken, renewalDue, sessionLimits, staffOfEndedToken, verifyStaffToken } from "./tokens";

export const sessionCookieName = "__Host-stepwise_session";

const unauthorised = () => new ApiError(401, "unauthenticated", "Sign in to continue");

/**
 * The JSON API takes a Bearer token only: a browser adds the session cookie to any request, another site's included,
 * but never a token. Pages take the cookie (their writes are checked for same origin) or a token.
 */
function presentedToken(c: Context<AppEnv>): { token: string; from: "bearer" | "cookie" } | undefined {
  const bearer = c.req.header("Authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return { token: bearer, from: "bearer" };
  const cookie = c.req.path.startsWith("/api/") && !isPageCsvDownload(c) ? undefined : getCookie(c, sessionCookieName);
  return cookie ? { token: cookie, from: "cookie" } : undefined;
}

/**
 * The session cookie outlives its token up to the maximum session length, so a form posted after the token ran out
 * still says whose it was (worker/auth/replay.ts); the token inside decides whether anyone is signed in.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, sessionCookieName, token, { httpOnly: true, secure: true, sameSite: "Strict", path: "/", maxAge: sessionLimits(c.env).maxSeconds });
}

/** Whose session the request's cookie was, though it has ended; null when there is none we signed. */
export async function staffOfEndedSession(c: Context<AppEnv>): Promise<string | null> {
  const cookie = getCookie(c, sessionCookieName);
  return cookie ? staffOfEndedToken(c.env, cookie) : null;
}

/**
 * The one exception: a page's "Download as CSV" link reads a dashboard table's CSV (`/api/dashboard/…?format=csv`) with
 * the session cookie. It is a read, of the dashboard only, and from this site alone: the browser's Sec-Fetch-Site must say
 * same-origin (or none, the person opening the address themselves); SameSite=Strict keeps the cookie to this site besides.
 */
const isPageCsvDownload = (c: Context<AppEnv>) => {
  const site = c.req.header("Sec-Fetch-Site");
  const fromThisSite = site === undefined || site === "same-origin" || site === "none";
  return c.req.method === "GET" && c.req.path.startsWith("/api/dashboard/") && c.req.query("format") === "csv" && fromThisSite;
};

/**
 * The caller proven by a Bearer token (API, pages) or the session cookie (pages only), if the user is still active and
 * has not signed out since the token was issued; otherwise null.
 */
export async function resolveCaller(c: Context<AppEnv>): Promise<StaffCaller | null> {
  const presented = presentedToken(c);
  if (!presented) return null;
  const claims = await verifyStaffToken(c.env, presented.token);
  if (!claims) return null;

  const db = c.var.db;
  // Every request pays for this, so the account and its schools come back in one round trip, and on a pupil's
  // routes the pupil too: authorisePupil then needs no trip of its own.
  const pupilId = pupilOfPath(c.req.path);
  const account = db
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role, laId: staffUsers.laId, tokenVersion: staffUsers.tokenVersion })
    .from(staffUsers)
    .where(and(eq(staffUsers.id, claims.sub), eq(staffUsers.active, true)));
  const schoolsOfUser = db.select({ schoolId: staffSchools.schoolId }).from(staffSchools).where(eq(staffSchools.userId, claims.sub));
  const [[user], schools, pupilRows] = pupilId ? await db.batch([account, schoolsOfUser, pupilQuery(db, pupilId)]) : await db.batch([account, schoolsOfUser]);
  if (!user || user.tokenVersion !== claims.tv || user.role !== claims.role) return null;
  // A person using the pages stays signed in: past half its life, the cookie's token is replaced (never a Bearer token,
  // whose holder asks for a new one), up to the maximum after signing in.
  const now = Math.floor(Date.now() / 1000);
  if (presented.from === "cookie" && renewalDue(c.env, claims, now)) setSessionCookie(c, await issueStaffToken(c.env, user, now, claims.at));
  if (pupilId) c.set("pupilOfPath", { id: pupilId, row: pupilRows?.[0] ?? null });
  c.set("signedIn", { name: user.name, role: user.role, schoolIds: schools.map((s) => s.schoolId) });
  return { kind: "staff", userId: user.id, role: user.role, laId: user.laId, schoolIds: schools.map((s) => s.schoolId) };
}

/** The pupil a path is about: /api/pupils/{id}/..., /forms/pupils/{id}/..., /print/pupils/{id}/... */
const pupilOfPath = (path: string) => path.match(/\/pupils\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i)?.[1];

/** Sets c.var.caller, or answers 401. */
export const requireStaff = () =>
  createMiddleware<AppEnv>(async function requireStaff(c, next) {
    // Route groups mounted under one prefix each ask for this; the first to run has already proven the caller.
    if (c.get("caller")) return next();
    const caller = await resolveCaller(c);
    if (!caller) throw unauthorised();
    c.set("caller", caller);
    await next();
  });

/** Sign-out everywhere: raising the token version refuses every token issued before now. */
export async function signOut(c: Context<AppEnv>, db: Db, userId: string) {
  await db
    .update(staffUsers)
    .set({ tokenVersion: sql`${staffUsers.tokenVersion} + 1` })
    .where(eq(staffUsers.id, userId));
  deleteCookie(c, sessionCookieName, { path: "/", secure: true });
}
