import { and, eq } from "drizzle-orm";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { staffSchools, staffUsers } from "../../schema/tables";
import type { AppEnv } from "../app-env";
import { ApiError } from "../http/errors";
import { verifyStaffToken } from "./tokens";

export const sessionCookieName = "__Host-stepwise_session";

const unauthorised = () => new ApiError(401, "unauthenticated", "Sign in to continue");

function presentedToken(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookie;
}

/**
 * Accepts a Bearer token (API) or the session cookie (pages), then checks the user is still active and has not
 * signed out since the token was issued. Sets c.var.caller with the user's schools.
 */
export const requireStaff = () =>
  createMiddleware<AppEnv>(async function requireStaff(c, next) {
    // Route groups mounted under one prefix each ask for this; the first to run has already proven the caller.
    if (c.get("caller")) return next();
    const token = presentedToken(c.req.header("Authorization"), getCookie(c, sessionCookieName));
    if (!token) throw unauthorised();
    const claims = await verifyStaffToken(c.env, token);
    if (!claims) throw unauthorised();

    const db = c.var.db;
    const user = await db.query.staffUsers.findFirst({
      columns: { id: true, role: true, laId: true, tokenVersion: true, active: true },
      where: and(eq(staffUsers.id, claims.sub), eq(staffUsers.active, true)),
    });
    if (!user || user.tokenVersion !== claims.tv || user.role !== claims.role) throw unauthorised();

    const schools = await db.select({ schoolId: staffSchools.schoolId }).from(staffSchools).where(eq(staffSchools.userId, user.id));
    c.set("caller", {
      kind: "staff",
      userId: user.id,
      role: user.role,
      laId: user.laId,
      schoolIds: schools.map((s) => s.schoolId),
    });
    await next();
  });
