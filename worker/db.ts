import { drizzle } from "drizzle-orm/d1";
import * as tables from "../schema/tables";
import type { Db } from "./app-env";

/** The drizzle handle over D1, for requests (worker/http/db.ts), the pupil's object and the scheduled run alike. */
export const openDb = (d1: D1Database): Db => drizzle(d1, { schema: tables });
