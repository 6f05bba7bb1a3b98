import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import { outbox, pupils, schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { apart, readApart, type Failures } from "../apart";
import { addressesFor } from "./addresses";
import { renderMail, withoutSecrets } from "./templates";
import type { MailTransport } from "./transport";

type Queued = typeof outbox.$inferSelect;

export const deliverySettings = {
  /** A run holds what it claimed this long: longer than any run, so an overlapping run never takes it over. */
  claimMinutes: 10,
  batchSize: 50,
  /** After this many failed attempts a message is marked failed (kept, visible to admins, retried by an admin). */
  maxAttempts: 8,
  /** 2, 4, 8 ... minutes between attempts, at most six hours. */
  firstRetryMinutes: 2,
  maxRetryMinutes: 6 * 60,
};

const minutesAfter = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

export function retryDelayMinutes(failedAttempts: number): number {
  return Math.min(deliverySettings.firstRetryMinutes * 2 ** (failedAttempts - 1), deliverySettings.maxRetryMinutes);
}

/**
 * Claims up to a batch of due messages in one statement: D1 runs it atomically, so of two overlapping runs only one
 * gets each message. The claim's expiry is this run's token: only a run holding it may record the outcome.
 */
export function claimQuery(db: Db, now: string, claimedUntil: string) {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now))))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(deliverySettings.batchSize);
  return (
    db
      .update(outbox)
      .set({ claimedUntil })
      .where(and(inArray(outbox.id, due), eq(outbox.status, "pending"), or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now))))
      // Ids only: the rows are read apart after, so one payload that no longer parses cannot fail the whole claim.
      .returning({ id: outbox.id, attempts: outbox.attempts })
  );
}

export type DeliveryReport = { sent: number; retrying: number; failed: number };

/** Gives a message queued by role its addresses: this row takes the first, a copy per further address the rest. */
async function addressed(db: Db, message: Queued, claimedUntil: string): Promise<Queued[] | string> {
  if (message.recipientEmail) return [message];
  const addresses = await addressesFor(db, message);
  const [first, ...rest] = addresses;
  if (!first) return `Nobody to send it to: no ${message.audience === "parents" ? "parent email" : "active recipient"} on record`;
  const copies = rest.map((address) => ({
    ...message,
    id: crypto.randomUUID(),
    recipientUserId: address.userId,
    recipientEmail: address.email,
    dedupeKey: `${message.dedupeKey}>${address.email}`,
    claimedUntil,
  }));
  const [, ...inserted] = await db.batch([
    db.update(outbox).set({ recipientEmail: first.email, recipientUserId: first.userId }).where(eq(outbox.id, message.id)),
    ...copies.map((copy) => db.insert(outbox).values(copy).onConflictDoNothing({ target: outbox.dedupeKey }).returning({ id: outbox.id })),
  ]);
  const stored = new Set(inserted.flat().map((row) => row.id));
  return [{ ...message, recipientEmail: first.email, recipientUserId: first.userId }, ...copies.filter((copy) => stored.has(copy.id))];
}

async function contextOf(db: Db, message: Queued) {
  const pupil = message.pupilId
    ? await db.select({ givenName: pupils.givenName, familyName: pupils.familyName }).from(pupils).where(eq(pupils.id, message.pupilId)).get()
    : undefined;
  const school = message.schoolId
    ? await db.select({ name: schools.name, mailbox: schools.mailbox }).from(schools).where(eq(schools.id, message.schoolId)).get()
    : undefined;
  return {
    pupilName: pupil ? `${pupil.givenName} ${pupil.familyName}` : null,
    schoolName: school?.name ?? null,
    schoolContact: school?.mailbox ?? null,
    audience: message.audience,
  };
}

/** A failed attempt: retried with backoff, or after the last attempt kept, marked failed, for an admin. */
function failedAttempt(db: Db, id: string, held: ReturnType<typeof and>, attempts: number, error: unknown, now: string, report: DeliveryReport) {
  const givingUp = attempts >= deliverySettings.maxAttempts;
  if (givingUp) report.failed += 1;
  else report.retrying += 1;
  return db
    .update(outbox)
    .set({
      status: givingUp ? "failed" : "pending",
      attempts,
      lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
      nextAttemptAt: minutesAfter(now, retryDelayMinutes(attempts)),
      claimedUntil: null,
    })
    .where(held);
}

/**
 * Delivers what is due in the outbox. A message is sent at most once per successful attempt and never deleted: a failed
 * attempt is retried with exponential backoff, and after the last attempt it stays, marked failed, for an admin. Each
 * message is delivered apart: one that cannot even be read or addressed counts as a failed attempt (logged in
 * `failures` with its id) and the others still go.
 */
export async function deliverOutbox(db: Db, transport: MailTransport, from: string, now: string, failures: Failures = []): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const claimedUntil = minutesAfter(now, deliverySettings.claimMinutes);
  const held = (id: string) => and(eq(outbox.id, id), eq(outbox.claimedUntil, claimedUntil));
  const claimed = await claimQuery(db, now, claimedUntil);
  const rows = await readApart(
    failures,
    "outbox message",
    claimed.map((c) => c.id),
    (ids) => db.select().from(outbox).where(inArray(outbox.id, ids)),
  );
  const read = new Set(rows.map((row) => row.id));
  for (const unreadable of claimed.filter((c) => !read.has(c.id))) {
    await apart(failures, "outbox message", unreadable.id, () =>
      failedAttempt(db, unreadable.id, held(unreadable.id), unreadable.attempts + 1, "The message could not be read", now, report),
    );
  }

  for (const queued of rows) {
    await apart(failures, "outbox message", queued.id, async () => {
      const messages = await addressed(db, queued, claimedUntil);
      if (typeof messages === "string") {
        await db.update(outbox).set({ status: "failed", lastError: messages, claimedUntil: null }).where(held(queued.id));
        report.failed += 1;
        return;
      }
      for (const message of messages) {
        const attempts = message.attempts + 1;
        try {
          const rendered = renderMail(message.template, message.payload, await contextOf(db, message));
          const { messageId } = await transport.send({ id: message.id, from, to: message.recipientEmail ?? "", ...rendered });
          await db
            .update(outbox)
            .set({
              status: "sent",
              attempts,
              sentAt: now,
              providerMessageId: messageId,
              lastError: null,
              claimedUntil: null,
              payload: withoutSecrets(message.template, message.payload),
            })
            .where(held(message.id));
          report.sent += 1;
        } catch (error) {
          await failedAttempt(db, message.id, held(message.id), attempts, error, now, report);
        }
      }
    });
  }
  return report;
}

/** An admin sends a failed message again: it goes back in the queue with a fresh set of attempts. */
export function retryQuery(db: Db, id: string, now: string) {
  return db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, claimedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
    .returning({ id: outbox.id });
}
