import { drizzle } from "drizzle-orm/d1";
import { createMiddleware } from "hono/factory";
import * as tables from "../../schema/tables";
import type { AppEnv, Db } from "../app-env";

export const openDb = (d1: D1Database): Db => drizzle(d1, { schema: tables });

/** One drizzle handle per request. */
export const withDb = () =>
  createMiddleware<AppEnv>(async function withDb(c, next) {
    c.set("db", openDb(c.env.DB));
    await next();
  });
