import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { openDb } from "../db";

/** One drizzle handle per request. */
export const withDb = () =>
  createMiddleware<AppEnv>(async function withDb(c, next) {
    c.set("db", openDb(c.env.DB));
    await next();
  });
