import { closePassedWindowsQuery, raiseAlerts } from "./alerts/raise";
import { queueDigests } from "./alerts/digest";
import { takeTermSnapshot } from "./dashboards/term-snapshots";
import { apart, type ItemFailure } from "./apart";
import { openDb } from "./db";
import { publicOrigin } from "./http/public-origin";
import { deliverOutbox, type DeliveryReport } from "./mail/deliver";
import { eraseExpiredRecords } from "./records/close-and-erase";
import { configuredTransport, type MailTransport } from "./mail/transport";

/** The cron of wrangler.toml that sends the daily digest; every other run raises alerts and delivers the outbox. */
export const dailyDigestCron = "0 6 * * *";
/** The day's digest time, as the daily cron names it (UTC). */
const digestTimeOn = (day: string) => `${day}T06:00:00.000Z`;

export type ScheduledRun = {
  raised: number;
  digestsQueued: number;
  termSnapshot: { term: string; rows: number } | null;
  erased: number;
  delivery: DeliveryReport;
  /** What failed, each with its id; left as it was, so a later run tries it again. */
  failures: ItemFailure[];
};

/**
 * One scheduled run at `now` (the controller's scheduledTime, never the wall clock): close passed windows (their
 * alerts resolve as the clock stops: migrations/0011), raise today's alerts; on the daily run queue the digests, keep the term's dashboard
 * figures (the last daily run of a term stands) and erase closed records past their LA's retention; then deliver the outbox.
 * The hourly runs after the digest time queue the day's digests that are not queued yet.
 * Every step, and every clock, digest, record and message within it, runs apart: a failure is logged with its id and
 * the run goes on, for that LA and every other.
 */
export async function runSchedule(env: Env, cron: string, now: string, mail?: { transport: MailTransport; from: string }): Promise<ScheduledRun> {
  const db = openDb(env.DB);
  const failures: ItemFailure[] = [];
  const today = now.slice(0, 10);
  const daily = cron === dailyDigestCron;
  await apart(failures, "close passed windows", today, () => closePassedWindowsQuery(db, today, now));
  const raised = (await apart(failures, "raise alerts", today, () => raiseAlerts(db, now, failures))) ?? 0;
  // Every later run of the day queues the day's digests again, from the same alerts as at the digest time: each is
  // keyed by person and day, so one that failed to queue (or a daily run that never came) is added, and none twice.
  const digestTime = daily ? now : digestTimeOn(today);
  const digestsQueued =
    now >= digestTime ? ((await apart(failures, "queue digests", today, () => queueDigests(db, digestTime, publicOrigin(env), failures))) ?? 0) : 0;
  const termSnapshot = daily ? ((await apart(failures, "term figures", today, () => takeTermSnapshot(db, new Date(now), failures))) ?? null) : null;
  const erased = daily ? ((await apart(failures, "erasure", today, () => eraseExpiredRecords(db, new Date(now), 50, failures)))?.erased.length ?? 0) : 0;
  const { transport, from } = mail ?? configuredTransport(env);
  const delivery = (await apart(failures, "deliver outbox", now, () => deliverOutbox(db, transport, from, now, failures))) ?? {
    sent: 0,
    retrying: 0,
    failed: 0,
  };
  return { raised, digestsQueued, termSnapshot, erased, delivery, failures };
}

export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = new Date(controller.scheduledTime).toISOString();
  try {
    const run = await runSchedule(env, controller.cron, now);
    // Each failure was logged as it happened; the summary repeats them so one line tells what the run did.
    (run.failures.length > 0 ? console.error : console.log)(JSON.stringify({ scheduled: controller.cron, at: now, ...run }));
  } catch (error) {
    // Only setting up the run can land here (the database binding, the mail transport): every step runs apart.
    console.error("scheduled run failed", controller.cron, now, error);
    throw error;
  }
}
