import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import { takeTermSnapshot } from "../../worker/dashboards/term-snapshots";
import { openDb } from "../../worker/db";
import { seedTwoLas } from "../support/dashboard-world";
import { axeViolations } from "./support/axe";
import { isolatedContext, launchChromium, startWorker, type LocalWorker } from "./support/local";

const screenshots = path.resolve(import.meta.dirname, "../../test-results");
const password = "correct horse battery staple";
const today = new Date().toISOString().slice(0, 10);

describe("the dashboards in a browser", () => {
  let worker: LocalWorker;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof seedTwoLas>>;

  beforeAll(async () => {
    worker = await startWorker();
    world = await seedTwoLas(worker.db, today, await hashPassword(password));
    // Two terms of figures, as the scheduled run would have kept them.
    await takeTermSnapshot(openDb(worker.db), new Date(Date.now() - 120 * 24 * 3600 * 1000));
    await takeTermSnapshot(openDb(worker.db), new Date());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  /** Signs in through the API from the page, which sets the session cookie as a sign-in page would. */
  async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page; blocked: string[] }> {
    const { context, blocked } = await isolatedContext(browser, [worker.url]);
    const page = await context.newPage();
    await page.goto(`${worker.url}/`);
    const status = await page.evaluate(
      async ({ email, password }) => {
        const response = await fetch("/api/auth/sign-in", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
        return response.status;
      },
      { email, password },
    );
    expect(status).toBe(200);
    return { context, page, blocked };
  }

  it("an LA officer signs in, sees the overdue list, opens a school and exports CSV", async () => {
    const { context, page, blocked } = await signedIn(world.officer.email);
    const response = await page.goto(`${worker.url}/dashboard/la`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toContain("Northshire");
    const overdue = page.locator("table", { has: page.locator("caption", { hasText: /^Overdue reviews, longest overdue first$/ }) });
    await expect(overdue.locator("tbody tr").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Ashby Primary\tAmy Adams\tPlan review date\t\d{1,2} [A-Z][a-z]+ \d{4}\t10$/),
      expect.stringMatching(/^Ashby Primary\tBen Baker\tReview at least twice a year\t\d{1,2} [A-Z][a-z]+ \d{4}\t3$/),
    ]);
    await expect(page.locator("body").textContent()).resolves.not.toContain("Corby");
    await expect(page.locator("svg.chart title").allTextContents()).resolves.toContain("Pupils per stage in the authority");
    await page.screenshot({ path: path.join(screenshots, "la-dashboard.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download “Overdue reviews, longest overdue first” as CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("School,Pupil,Review,Due on,Days overdue");
    expect(csv).toContain("Ashby Primary,Amy Adams,Plan review date,");

    await overdue.getByRole("link", { name: "Ashby Primary" }).first().click();
    await expect(page.locator("h1").textContent()).resolves.toContain("Ashby Primary");
    const stages = page.locator("table", { has: page.locator("caption", { hasText: "Pupils per stage at Ashby Primary" }) });
    await expect(stages.locator("tbody tr").allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([expect.stringMatching(/^SEN support: Plan\tK\t3$/), expect.stringMatching(/^EHC plan\tE\t2$/)]),
    );
    await page.screenshot({ path: path.join(screenshots, "la-school.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await stages.getByRole("link", { name: "3" }).click();
    await expect(page.locator("tbody th").allTextContents()).resolves.toEqual(["Amy Adams", "Ben Baker", '=HYPERLINK("http://evil.test") Carter, Jr']);
    expect(await axeViolations(page)).toEqual([]);

    expect((await page.goto(`${worker.url}/dashboard/la/schools/${world.corby.id}`))?.status()).toBe(404);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("a SENCO sees the register, their tasks and the provision map of their school only", async () => {
    const { context, page, blocked } = await signedIn(world.senco.email);
    await page.goto(`${worker.url}/dashboard/school`);
    expect(page.url()).toBe(`${worker.url}/dashboard/schools/${world.ashby.id}`);
    const register = page.locator("table", { has: page.locator("caption", { hasText: "SEN register" }) });
    await expect(register.locator("tbody th").allTextContents()).resolves.toEqual([
      "Amy Adams",
      "Ben Baker",
      '=HYPERLINK("http://evil.test") Carter, Jr',
      "Dee Dunn",
      "Eli Evans",
    ]);
    // The tasks are on their own page, not under the register.
    expect(await page.locator("table", { has: page.locator("caption", { hasText: "My tasks" }) }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "senco-register.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "My tasks: what is due and overdue" }).click();
    await expect(page.locator("table", { has: page.locator("caption", { hasText: "My tasks" }) }).textContent()).resolves.toContain(
      "Give the parents a copy of the plan",
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.goBack();

    await page.getByRole("link", { name: "Provision map" }).click();
    await expect(page.locator("h1").textContent()).resolves.toContain("Provision map");
    const map = page.locator("table", { has: page.locator("caption", { hasText: "Provision map" }) });
    await expect(map.locator("tbody tr").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Lego therapy\t.*\t£150\.00\t£75\.00\t2\t.*\t0\t0\t1\t1\t0%\tYes$/),
      expect.stringMatching(/^Reading catch-up\t.*\t£600\.00\t£300\.00\t2\tAmy Adams; Ben Baker\t2\t1\t0\t0\t67%\tYes$/),
    ]);
    await page.screenshot({ path: path.join(screenshots, "senco-provision-map.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    expect((await page.goto(`${worker.url}/dashboard/schools/${world.brook.id}`))?.status()).toBe(404);
    expect((await page.goto(`${worker.url}/dashboard/la`))?.status()).toBe(403);
    expect(blocked).toEqual([]);
    await context.close();
  });
});
