import { outbox } from "../../schema/tables";

/** A message to queue: who it is for, which template, its payload, and the key that makes queueing it twice a no-op. */
export type QueuedMail = {
  audience: (typeof outbox.$inferInsert)["audience"];
  template: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  /** The moment it is queued: it is due at once. */
  at: string;
  laId?: string | null;
  schoolId?: string | null;
  pupilId?: string | null;
  recipientUserId?: string | null;
  recipientEmail?: string | null;
};

/** The one builder of outbox rows: every message is queued as the same shape, due the moment it is queued. */
export function outboxRow(mail: QueuedMail): typeof outbox.$inferInsert {
  return {
    id: crypto.randomUUID(),
    laId: mail.laId ?? null,
    schoolId: mail.schoolId ?? null,
    pupilId: mail.pupilId ?? null,
    audience: mail.audience,
    recipientUserId: mail.recipientUserId ?? null,
    recipientEmail: mail.recipientEmail ?? null,
    template: mail.template,
    payload: mail.payload,
    dedupeKey: mail.dedupeKey,
    nextAttemptAt: mail.at,
    createdAt: mail.at,
  };
}
