import { and, eq, gt, inArray, isNull, lt, lte } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alerts, clocks, outbox, pupils } from "../../schema/tables";
import type { AlertThreshold } from "../../schema/vocab";
import type { Db } from "../app-env";
import { apartSync, writeApart, type Failures } from "../apart";
import { inChunks } from "../http/chunks";
import { detailsOf } from "../workflow/clock-kinds";
import { resolvingPath } from "./links";
import { recipientsOf, type Recipient } from "./recipients";
import { outboxRow } from "../mail/outbox";

/** One alert as a digest lists it: the pupil, the clock, the date it was due and the page that resolves it. */
export type DigestItem = { pupilId: string; pupil: string; clock: string; threshold: AlertThreshold; dueOn: string; url: string };
export type DigestPayload = { date: string; name: string; items: DigestItem[] };

const dayMs = 24 * 60 * 60 * 1000;
const overdueThresholds: readonly AlertThreshold[] = ["overdue", "escalatedToSenco", "escalatedToLa"];

/** Open alerts raised in the day up to `at`, through the index on raised_at. */
export function alertsOfTheDayQuery(db: Db, at: string) {
  const since = new Date(Date.parse(at) - dayMs).toISOString();
  return db
    .select()
    .from(alerts)
    .where(and(gt(alerts.raisedAt, since), lte(alerts.raisedAt, at), isNull(alerts.resolvedAt)));
}

/**
 * Alerts raised before the day whose clock still runs past its date: what is still overdue is in every digest until
 * it is recorded (which stops the clock and resolves the alert), as it is on the register and the tasks. Read from the
 * running clocks past their date (running_clocks_by_due), then each one's open alerts (open_alerts_by_clock).
 */
export function stillOverdueQuery(db: Db, at: string) {
  const since = new Date(Date.parse(at) - dayMs).toISOString();
  return db
    .select({ alert: alerts })
    .from(clocks)
    .innerJoin(alerts, and(eq(alerts.clockId, clocks.id), isNull(alerts.resolvedAt)))
    .where(and(isNull(clocks.stoppedAt), lt(clocks.dueOn, at.slice(0, 10)), lte(alerts.raisedAt, since)));
}

/** A child's name as staff email shows it: given name and family initial, so less leaves the system. */
const shortName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName.slice(0, 1)}.`;

/**
 * One email a person a day listing the alerts raised for them since the previous digest, queued in the outbox.
 * Keyed by person and day, so a second run on the same day queues nothing more. An alert that cannot be listed, or a
 * digest that cannot be queued, is logged in `failures` and the rest go out (the alerts stay on the person's pages).
 * Returns how many were queued.
 */
export async function queueDigests(db: Db, at: string, origin: string, failures: Failures = []): Promise<number> {
  const date = at.slice(0, 10);
  const [today, still] = await Promise.all([alertsOfTheDayQuery(db, at), stillOverdueQuery(db, at)]);
  // Only the overdue thresholds carry over: a "due soon" of an earlier day has been said.
  const raised = [...today, ...still.map((row) => row.alert).filter((alert) => overdueThresholds.includes(alert.threshold))];
  if (raised.length === 0) return 0;
  const names = await inChunks(
    raised.map((a) => a.pupilId),
    (ids) => db.select({ id: pupils.id, givenName: pupils.givenName, familyName: pupils.familyName }).from(pupils).where(inArray(pupils.id, ids)),
  );
  const nameOf = new Map(names.map((p) => [p.id, shortName(p)]));
  const subjects = await inChunks(
    raised.map((a) => a.clockId),
    (ids) => db.select({ id: clocks.id, subjectKind: clocks.subjectKind, subjectId: clocks.subjectId }).from(clocks).where(inArray(clocks.id, ids)),
  );
  const subjectOf = new Map(subjects.map((s) => [s.id, s]));
  const recipients = await recipientsOf(db, raised);

  const digests = new Map<string, { recipient: Recipient; laId: string; items: DigestItem[] }>();
  for (const alert of raised) {
    const clock = apartSync(failures, "digest item of alert", alert.id, () => detailsOf(alert.clockKind).label);
    if (clock === undefined) continue;
    const subject = subjectOf.get(alert.clockId);
    const path = resolvingPath({
      clockKind: alert.clockKind,
      pupilId: alert.pupilId,
      subjectKind: subject?.subjectKind ?? null,
      subjectId: subject?.subjectId ?? null,
    });
    const item = {
      pupilId: alert.pupilId,
      pupil: nameOf.get(alert.pupilId) ?? "a pupil",
      clock,
      threshold: alert.threshold,
      dueOn: alert.dueOn,
      url: `${origin}${path}`,
    };
    for (const recipient of recipients(alert)) {
      const digest = digests.get(recipient.key) ?? { recipient, laId: alert.laId, items: [] };
      digest.items.push(item);
      digests.set(recipient.key, digest);
    }
  }
  const inserts = [...digests.values()].map(({ recipient, laId, items }) => {
    const insert: BatchItem<"sqlite"> = db
      .insert(outbox)
      .values(
        outboxRow({
          laId,
          audience: "staff",
          recipientUserId: recipient.userId,
          recipientEmail: recipient.email,
          template: "dailyDigest",
          payload: { date, name: recipient.name, items: items.sort((a, b) => a.dueOn.localeCompare(b.dueOn)) } satisfies DigestPayload,
          dedupeKey: `dailyDigest:${recipient.key}:${date}`,
          at,
        }),
      )
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    const statements: [BatchItem<"sqlite">] = [insert];
    return { id: recipient.key, statements };
  });
  const results = await writeApart(failures, "digest for person", inserts, (batch) => db.batch(batch));
  return results.reduce((sum, item) => sum + (Array.isArray(item?.[0]) ? item[0].length : 0), 0);
}
