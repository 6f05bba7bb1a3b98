import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { auditLog, pupils, staffSchools, staffUsers } from "../../schema/tables";
import type { Db } from "../app-env";
import { addCalendarPeriod } from "../calendar/working-days";
import type { AuditReadScope } from "./queries";

export type AuditPageFilter = {
  schoolId?: string | undefined;
  actorId?: string | undefined;
  /** A pupil's family name, or given and family name. */
  pupil?: string | undefined;
  pupilId?: string | undefined;
  /** Calendar days in the UK (YYYY-MM-DD), both included. */
  from?: string | null | undefined;
  to?: string | null | undefined;
  /** Keyset cursors, "at|id": the page before or after an entry. */
  before?: string | undefined;
  after?: string | undefined;
  limit: number;
};

const london = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" });

/** The instant a UK calendar day starts: midnight in London, GMT or BST. */
export function startOfUkDay(date: string): string {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const offset = london.formatToParts(utcMidnight).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const hours = Number(/GMT([+-]\d+)/.exec(offset)?.[1] ?? 0);
  return new Date(utcMidnight.getTime() - hours * 3_600_000).toISOString();
}

const at = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
/** "14 June 2026, 10:32", in UK time. */
export const ukDateTime = (iso: string) => at.format(new Date(iso)).replace(" at ", ", ");

export const encodeCursor = (entry: { at: string; id: number }) => `${entry.at}|${entry.id}`;
function decodeCursor(cursor: string | undefined): { at: string; id: number } | null {
  const match = cursor ? /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\|(\d{1,15})$/.exec(cursor) : null;
  return match ? { at: match[1]!, id: Number(match[2]) } : null;
}

function scopeCondition(scope: AuditReadScope): SQL {
  return "laId" in scope ? eq(auditLog.laId, scope.laId) : inArray(auditLog.schoolId, scope.schoolIds.length ? scope.schoolIds : [""]);
}

/**
 * A page of the log with who (name, role) and which pupil (name), newest first; `after` reads the newer page, so the
 * page can go back. Keyset on (at, id) over audit_by_school / audit_by_la.
 */
export async function auditPage(db: Db, scope: AuditReadScope, filter: AuditPageFilter) {
  const before = decodeCursor(filter.before);
  const after = before ? null : decodeCursor(filter.after);
  const name = filter.pupil?.trim().toLowerCase();
  const pupilNamed = name
    ? or(sql`lower(${pupils.familyName}) = ${name}`, sql`lower(${pupils.givenName} || ' ' || ${pupils.familyName}) = ${name}`)
    : undefined;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      actorRole: auditLog.actorRole,
      actorName: staffUsers.name,
      action: auditLog.action,
      outcome: auditLog.outcome,
      resource: auditLog.resource,
      pupilId: auditLog.pupilId,
      pupilGivenName: pupils.givenName,
      pupilFamilyName: pupils.familyName,
      route: auditLog.route,
      ipAddress: auditLog.ipAddress,
    })
    .from(auditLog)
    .leftJoin(staffUsers, and(eq(auditLog.actorKind, "staff"), eq(staffUsers.id, auditLog.actorId)))
    .leftJoin(pupils, eq(pupils.id, auditLog.pupilId))
    .where(
      and(
        scopeCondition(scope),
        filter.schoolId ? eq(auditLog.schoolId, filter.schoolId) : undefined,
        filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
        filter.pupilId ? eq(auditLog.pupilId, filter.pupilId) : undefined,
        pupilNamed,
        filter.from ? gte(auditLog.at, startOfUkDay(filter.from)) : undefined,
        filter.to ? lt(auditLog.at, startOfUkDay(addCalendarPeriod(filter.to, 1, "days"))) : undefined,
        before ? sql`(${auditLog.at}, ${auditLog.id}) < (${before.at}, ${before.id})` : undefined,
        after ? sql`(${auditLog.at}, ${auditLog.id}) > (${after.at}, ${after.id})` : undefined,
      ),
    )
    .orderBy(...(after ? [asc(auditLog.at), asc(auditLog.id)] : [desc(auditLog.at), desc(auditLog.id)]))
    .limit(filter.limit + 1);
  const more = rows.length > filter.limit;
  const entries = rows.slice(0, filter.limit);
  if (after) entries.reverse();
  const first = entries[0];
  const last = entries.at(-1);
  // Reading older (or the first page): older ones remain if more came back; newer ones exist if we came from a cursor.
  const olderExists = after ? true : more;
  const newerExists = after ? more : Boolean(before);
  return {
    entries,
    older: olderExists && last ? encodeCursor(last) : null,
    newer: newerExists && first ? encodeCursor(first) : null,
  };
}

/** The people whose actions the caller may read, for the filter: a head's schools' staff, an LA's officers and schools' staff. */
export async function auditPeople(db: Db, scope: AuditReadScope) {
  const columns = { id: staffUsers.id, name: staffUsers.name, role: staffUsers.role };
  if ("laId" in scope) return db.select(columns).from(staffUsers).where(eq(staffUsers.laId, scope.laId)).orderBy(staffUsers.name).limit(500);
  return db
    .selectDistinct(columns)
    .from(staffUsers)
    .innerJoin(staffSchools, eq(staffSchools.userId, staffUsers.id))
    .where(inArray(staffSchools.schoolId, scope.schoolIds.length ? scope.schoolIds : [""]))
    .orderBy(staffUsers.name)
    .limit(500);
}
