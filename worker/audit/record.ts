import type { Context } from "hono";
import { auditLog } from "../../schema/tables";
import type { AuditAction } from "../../schema/vocab";
import type { AppEnv, Db } from "../app-env";

export type AuditEntry = {
  action: AuditAction;
  resource: string;
  resourceId?: string | null;
  pupilId?: string | null;
  schoolId?: string | null;
  laId?: string | null;
};

export type AuditActor = { kind: "staff" | "parent" | "public" | "system"; id: string | null; role: string | null };

/** Where a request came from, as the audit log records it. */
export function requestOrigin(c: Context) {
  return {
    route: `${c.req.method} ${c.req.routePath}`,
    ipAddress: c.req.header("CF-Connecting-IP") ?? null,
    userAgent: c.req.header("User-Agent")?.slice(0, 500) ?? null,
  };
}

/** An audit entry as the row it is stored as: plain data, so it can travel to the pupil's object and join a write's batch. */
export type AuditRecord = typeof auditLog.$inferInsert;

export function auditRecord(actor: AuditActor, entry: AuditEntry, origin: Partial<ReturnType<typeof requestOrigin>>, at: string): AuditRecord {
  return {
    at,
    actorKind: actor.kind,
    actorId: actor.id,
    actorRole: actor.role,
    action: entry.action,
    resource: entry.resource,
    resourceId: entry.resourceId ?? null,
    pupilId: entry.pupilId ?? null,
    schoolId: entry.schoolId ?? null,
    laId: entry.laId ?? null,
    route: origin.route ?? null,
    ipAddress: origin.ipAddress ?? null,
    userAgent: origin.userAgent ?? null,
  };
}

export function auditInsert(db: Db, actor: AuditActor, entry: AuditEntry, origin: Partial<ReturnType<typeof requestOrigin>>, at: string) {
  return db.insert(auditLog).values(auditRecord(actor, entry, origin, at));
}

/** Logs what the signed-in member of staff did, from where. Awaited: a read that cannot be logged is not served. */
export async function auditStaff(c: Context<AppEnv>, entry: AuditEntry) {
  await storeAudit(c.var.db, staffAuditRecord(c, entry));
}

export const storeAudit = (db: Db, record: AuditRecord) => db.insert(auditLog).values(record);

/** What the signed-in member of staff did, from where, for a write to store beside its change. */
export function staffAuditRecord(c: Context<AppEnv>, entry: AuditEntry): AuditRecord {
  const caller = c.var.caller;
  return auditRecord({ kind: "staff", id: caller.userId, role: caller.role }, entry, requestOrigin(c), new Date().toISOString());
}

/** "GET /api/pupils/:id/history" touches the pupil's "history"; "GET /api/pupils/:id" the "pupil" itself. */
export function resourceOfRoute(routePath: string): string {
  const afterId = routePath.split("/:id/")[1];
  return afterId?.split("/")[0] || "pupil";
}
