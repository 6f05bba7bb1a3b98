// The scheduled run over the whole dataset: its time on the plain Worker, its rows read on the counting one, and the
// items it had to look at (running clocks due within a fortnight or overdue, and mail waiting to go).
import { round } from "./load.mjs";

export const cronExpression = "17 * * * *";

export async function itemsDue(db, today) {
  const clocks = await db.prepare("SELECT count(*) AS n FROM clocks WHERE stopped_at IS NULL AND due_on <= date(?, '+14 days')").bind(today).first();
  const mail = await db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").first();
  return { clocks: clocks.n, mail: mail.n, total: clocks.n + mail.n };
}

export async function hasScheduledHandler(url) {
  return (await (await fetch(`${url}/__bench/scheduled`)).json()).hasScheduled;
}

export async function timeScheduled(miniflare, scheduledTime) {
  const worker = await miniflare.getWorker();
  const started = performance.now();
  await worker.scheduled({ cron: cronExpression, scheduledTime });
  return round(performance.now() - started);
}

export async function countScheduled(miniflare, url, scheduledTime) {
  await (await miniflare.getWorker()).scheduled({ cron: cronExpression, scheduledTime });
  return (await (await fetch(`${url}/__bench/scheduled`)).json()).last;
}
