import { closePassedWindowsQuery, raiseAlerts } from "./alerts/raise";
import { queueDigests } from "./alerts/digest";
import { takeTermSnapshot } from "./dashboards/term-snapshots";
import { openDb } from "./db";
import { deliverOutbox, type DeliveryReport } from "./mail/deliver";
import { eraseExpiredRecords } from "./records/close-and-erase";
import { configuredTransport, type MailTransport } from "./mail/transport";

/** The cron of wrangler.toml that sends the daily digest; every other run raises alerts and delivers the outbox. */
export const dailyDigestCron = "0 6 * * *";

export type ScheduledRun = {
  raised: number;
  digestsQueued: number;
  termSnapshot: { term: string; rows: number } | null;
  erased: number;
  delivery: DeliveryReport;
};

/**
 * One scheduled run at `now` (the controller's scheduledTime, never the wall clock): close passed windows (their
 * alerts resolve as the clock stops: migrations/0011), raise today's alerts; on the daily run queue the digests, keep the term's dashboard
 * figures (the last daily run of a term stands) and erase closed records past their LA's retention; then deliver the outbox.
 */
export async function runSchedule(env: Env, cron: string, now: string, mail?: { transport: MailTransport; from: string }): Promise<ScheduledRun> {
  const db = openDb(env.DB);
  const today = now.slice(0, 10);
  await closePassedWindowsQuery(db, today, now);
  const raised = await raiseAlerts(db, now);
  const daily = cron === dailyDigestCron;
  const digestsQueued = daily ? await queueDigests(db, now) : 0;
  const termSnapshot = daily ? await takeTermSnapshot(db, new Date(now)) : null;
  const erased = daily ? (await eraseExpiredRecords(db, new Date(now))).erased.length : 0;
  const { transport, from } = mail ?? configuredTransport(env);
  const delivery = await deliverOutbox(db, transport, from, now);
  return { raised, digestsQueued, termSnapshot, erased, delivery };
}

export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = new Date(controller.scheduledTime).toISOString();
  try {
    const run = await runSchedule(env, controller.cron, now);
    console.log(JSON.stringify({ scheduled: controller.cron, at: now, ...run }));
  } catch (error) {
    // Logged with its cause so the failed run is visible in the Worker's logs; rethrown so the platform records it too.
    console.error("scheduled run failed", controller.cron, now, error);
    throw error;
  }
}
