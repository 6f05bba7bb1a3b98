import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { outbox } from "../../schema/tables";
import type { Db } from "../app-env";

export type OutboxStatus = (typeof outbox.$inferSelect)["status"];

/**
 * What an admin sees of the outbox: who, what, how it went; never the payload, which may name a pupil.
 * Newest first by next attempt, a page at a time, through the outbox_due index.
 */
export async function listOutbox(db: Db, status: OutboxStatus, limit: number, after: { at: string; id: string } | null) {
  const rows = await db
    .select({
      id: outbox.id,
      audience: outbox.audience,
      template: outbox.template,
      recipientEmail: outbox.recipientEmail,
      status: outbox.status,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
      sentAt: outbox.sentAt,
      providerMessageId: outbox.providerMessageId,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, status),
        after ? or(lt(outbox.nextAttemptAt, after.at), and(eq(outbox.nextAttemptAt, after.at), lt(outbox.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(outbox.nextAttemptAt), desc(outbox.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { messages: page, next: rows.length > limit && last ? `${last.nextAttemptAt}|${last.id}` : null };
}

export const outboxCounts = (db: Db) => db.select({ status: outbox.status, count: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status);
