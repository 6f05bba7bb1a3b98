import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium, startWorker, type LocalWorker } from "./local";
import { staffPassword } from "./staff";

export type LocalSetUp = { readonly worker: LocalWorker; readonly browser: Browser };

/**
 * The built Worker under Miniflare (fresh storage) and Debian's Chromium for the whole file: started before its first
 * test, both stopped after its last, so no process outlives the file. Read `worker` and `browser` inside tests or hooks.
 */
export function useLocalWorker(bindings: Record<string, string> = {}): LocalSetUp {
  let worker: LocalWorker | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(bindings), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });
  return {
    get worker() {
      if (!worker) throw new Error("The local Worker is not started yet: read it inside a test or hook");
      return worker;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not started yet: read it inside a test or hook");
      return browser;
    },
  };
}

export type SignedIn = { context: BrowserContext; page: Page; token: string };

/**
 * A person signed in as they would be: the sign-in page, their email and password typed, the button clicked, landing
 * on their staff home. A context of its own, so several people can be signed in at once. Sign-in is rate limited:
 * sign each person in once per file.
 */
export async function signInByPage(set: LocalSetUp, email: string, password = staffPassword): Promise<SignedIn> {
  const context = await set.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${set.worker.url}/staff/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/staff$/);
  const token = (await context.cookies(set.worker.url)).find((cookie) => cookie.name.endsWith("stepwise_session"))?.value;
  if (!token) throw new Error("No session cookie after signing in");
  return { context, page, token };
}
