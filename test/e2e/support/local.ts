import { inject } from "vitest";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { MailLog } from "./mail";
// @ts-expect-error: a plain ES module script shared with the benchmark
import { startLocalWorker } from "../../../scripts/local-worker.mjs";

export type LocalWorker = {
  url: string;
  db: D1Database;
  /** Where delivered mail is found (support/mail.ts). */
  mail: MailLog;
  /** A scheduled run, as the cron would start it (the hourly one unless said): it delivers the outbox. */
  runSchedule(cron?: string, scheduledTime?: Date): Promise<void>;
  stop(): Promise<void>;
};

/** The built Worker under Miniflare with fresh, empty storage and every migration applied; `bindings` override wrangler.toml's vars. */
export async function startWorker(bindings: Record<string, string> = {}): Promise<LocalWorker> {
  const mail = new MailLog();
  const { miniflare, url, db } = await startLocalWorker({ scriptPath: inject("workerBundle"), log: mail, bindings });
  const runSchedule = async (cron = "17 * * * *", scheduledTime = new Date()) => {
    const worker = await miniflare.getWorker();
    const result = await worker.scheduled({ cron, scheduledTime });
    if (result.outcome !== "ok") throw new Error(`scheduled run: ${result.outcome}`);
  };
  return { url, db, mail, runSchedule, stop: () => miniflare.dispose() };
}

/** Debian's Chromium, headless, with no network of its own (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A browser context that refuses any request to a host other than the ones named: pages make no third-party request. */
export async function isolatedContext(browser: Browser, allowedOrigins: string[]): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext();
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const { origin } = new URL(route.request().url());
    if (allowedOrigins.includes(origin)) return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  return { context, blocked };
}
