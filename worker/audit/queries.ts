import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { auditLog } from "../../schema/tables";
import type { Db } from "../app-env";
import { ApiError } from "../http/errors";

export type AuditFilter = { schoolId?: string | undefined; pupilId?: string | undefined; before?: string | undefined; limit: number };
export type AuditReadScope = { schoolIds: string[] } | { laId: string };

/**
 * The log for a head's schools or an LA officer's LA, newest first, a page at a time: keyset on (at, id), read through
 * audit_by_school / audit_by_la.
 */
export async function readAuditLog(db: Db, scope: AuditReadScope, filter: AuditFilter) {
  const cursor = filter.before ? decodeCursor(filter.before) : null;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        "laId" in scope ? eq(auditLog.laId, scope.laId) : inArray(auditLog.schoolId, scope.schoolIds.length ? scope.schoolIds : [""]),
        filter.schoolId ? eq(auditLog.schoolId, filter.schoolId) : undefined,
        filter.pupilId ? eq(auditLog.pupilId, filter.pupilId) : undefined,
        cursor ? sql`(${auditLog.at}, ${auditLog.id}) < (${cursor.at}, ${cursor.id})` : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit + 1);
  const entries = rows.slice(0, filter.limit);
  const last = entries.at(-1);
  return { entries, next: rows.length > filter.limit && last ? btoa(JSON.stringify([last.at, last.id])) : null };
}

function decodeCursor(cursor: string): { at: string; id: number } {
  const invalid = new ApiError(400, "invalid_query", "The page cursor is not one Stepwise gave", [{ field: "before", message: "Unknown cursor" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor));
  } catch (cause) {
    throw new ApiError(400, "invalid_query", "The page cursor is not one Stepwise gave", [{ field: "before", message: String(cause) }]);
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== "string" || typeof parsed[1] !== "number") throw invalid;
  return { at: parsed[0], id: parsed[1] };
}
