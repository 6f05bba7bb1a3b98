import { sql } from "drizzle-orm";

/** A constant column of an INSERT ... SELECT: drizzle wants every column of the table, in order, so a guarded insert names them all. */
export const constant = <T>(value: unknown, column: string) => sql<T>`${value}`.as(column);
