import type { Context } from "hono";
import { auditLog } from "../../schema/tables";
import { createMiddleware } from "hono/factory";
import type { AuditAction, AuditOutcome } from "../../schema/vocab";
import type { AppEnv, Db } from "../app-env";
import { clientAddress } from "../http/client-address";

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
export function requestOrigin(c: Context<AppEnv>) {
  return {
    route: `${c.req.method} ${c.req.routePath}`,
    ipAddress: clientAddress(c.env, (name) => c.req.header(name)),
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

/** Logs what the signed-in member of staff did, from where, with its outcome once the request has been answered. */
export function auditStaff(c: Context<AppEnv>, entry: AuditEntry) {
  auditOnAnswer(c, staffAuditRecord(c, entry));
}

/**
 * Holds an entry until the request is answered, so it records what came of it (a form that was not found, a step that
 * was not the caller's) rather than the action as if it had happened. auditedAnswers() stores it.
 */
export function auditOnAnswer(c: Context<AppEnv>, record: AuditRecord) {
  c.set("auditPending", [...(c.var.auditPending ?? []), record]);
}

/**
 * Takes back the held entry for a change to this pupil that the pupil's object will store in the change's own batch
 * (one D1 round trip fewer, and no change saved without its entry); the object logs a refused change itself.
 */
export function takeHeldAudit(c: Context<AppEnv>, pupilId: string): AuditRecord | null {
  const pending = c.var.auditPending ?? [];
  const held = pending.find((record) => record.pupilId === pupilId && record.action !== "read");
  if (!held) return null;
  c.set(
    "auditPending",
    pending.filter((record) => record !== held),
  );
  return held;
}

/** 2xx and 3xx are done; 404 not found; any other 4xx refused; 5xx failed. */
export function outcomeOfStatus(status: number): AuditOutcome {
  if (status < 400) return "done";
  if (status === 404) return "notFound";
  return status < 500 ? "refused" : "failed";
}

/**
 * Stores the request's held entries with their outcome before the answer leaves: a read that cannot be logged is not
 * served. A GET or HEAD changes nothing, so whatever the authorisation asked for, it is logged as a read.
 */
export const auditedAnswers = () =>
  createMiddleware<AppEnv>(async function auditedAnswers(c, next) {
    await next();
    const pending = c.var.auditPending;
    if (!pending?.length) return;
    c.set("auditPending", []);
    const outcome = outcomeOfStatus(c.res.status);
    const reading = c.req.method === "GET" || c.req.method === "HEAD";
    await c.var.db.insert(auditLog).values(pending.map((record) => ({ ...record, outcome, action: reading ? "read" : record.action })));
  });

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
