import { createMiddleware } from "hono/factory";
import type { StaffRole } from "../../schema/vocab";
import type { AppEnv } from "../app-env";
import { ApiError } from "../http/errors";

/** After requireStaff: the caller's role must be one of these, or the answer is 403. */
export const requireRole = (...roles: StaffRole[]) =>
  createMiddleware<AppEnv>(async function requireRole(c, next) {
    if (!roles.includes(c.var.caller.role)) throw new ApiError(403, "forbidden", `Only ${roles.join(" or ")} users may do this`);
    await next();
  });
