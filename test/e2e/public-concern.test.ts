import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe";
import { isolatedContext, launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";

describe("a parent raises a concern through the school's public link", () => {
  let worker: LocalWorker;
  let browser: Browser;

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  async function fillAboutChild(page: Page, childName: string) {
    await page.getByLabel("Your child's full name").fill(childName);
    await page.getByLabel("Day").fill("4");
    await page.getByLabel("Month").fill("5");
    await page.getByLabel("Year", { exact: true }).fill("2018");
    await page.getByLabel("Your child's year group").selectOption("2");
  }

  async function fillAboutParent(page: Page) {
    await page.getByLabel("Your full name").fill("Anne Lovelace");
    await page.getByLabel("Your relationship to the child").fill("Mother");
    await page.getByLabel(/Your email address/).fill("anne@example.test");
  }

  it("fills the form, gets a reference and a private status link, with no third-party request and no accessibility violation", async () => {
    const school = await insertSchool(worker.db);
    const { context, blocked } = await isolatedContext(browser, [worker.url]);
    const page = await context.newPage();
    await page.goto(`${worker.url}/s/${school.publicSlug}/concern`);
    expect(await axeViolations(page)).toEqual([]);

    await fillAboutChild(page, "Ada Lovelace");
    await fillAboutParent(page);
    await page.getByLabel("Learning").check();
    await page.getByLabel("What are you worried about?").fill("She finds reading very hard.");
    await page.getByRole("button", { name: "Send to the school" }).click();

    await page.waitForURL(/\/status\//);
    const reference = await page.locator("[data-reference]").textContent();
    expect(reference).toMatch(/^SW-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.title()).toMatch(/^Concern sent/);
    expect(await page.getByText(/The school will contact you by/).textContent()).toMatch(/\d{4}/);
    expect(await axeViolations(page)).toEqual([]);

    const stored = await worker.db.prepare("SELECT reference, child_name FROM records_of_concern WHERE school_id = ?").bind(school.id).all();
    expect(stored.results).toEqual([{ reference, child_name: "Ada Lovelace" }]);

    const statusUrl = (await page.locator("[data-status-url]").textContent())!;
    await page.goto(statusUrl);
    expect(await page.locator("h1").textContent()).toBe("Your concern about Ada Lovelace");
    expect(blocked).toEqual([]);
    await context.close();
  });

  for (const withScript of [true, false]) {
    it(`shows the error summary for a missing field and keeps what was typed (${withScript ? "checked in the browser" : "without the page's script: checked by the server"})`, async () => {
      const school = await insertSchool(worker.db);
      const context = await browser.newContext();
      if (!withScript) await context.route("**/js/forms.js", (route) => route.abort());
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${worker.url}/s/${school.publicSlug}/concern`);
      const typed = `<script>window.pwned = 1</script> "double" and 'single' quotes`;
      await fillAboutChild(page, typed);
      await page.getByLabel("Your relationship to the child").fill("Mother");
      await page.getByLabel(/Your email address/).fill("anne@example.test");
      await page.getByLabel("What are you worried about?").fill(typed);
      const served = page.waitForResponse((response) => response.request().method() === "POST", { timeout: 5_000 }).catch(() => null);
      await page.getByRole("button", { name: "Send to the school" }).click();
      expect((await served)?.status() ?? "not sent").toBe(withScript ? "not sent" : 422);

      const summary = page.locator(".error-summary");
      await summary.waitFor();
      expect(await page.title()).toMatch(/^Error: /);
      const link = summary.getByRole("link", { name: "Enter your full name" });
      expect(await link.getAttribute("href")).toBe("#parentName");
      await link.click();
      expect(await page.locator("#parentName:focus").count()).toBe(1);
      expect(await page.locator("#parentName-error").textContent()).toContain("Enter your full name");
      expect(await page.getByLabel("Your child's full name").inputValue()).toBe(typed);
      expect(await page.getByLabel("What are you worried about?").inputValue()).toBe(typed);
      expect(await page.getByLabel("Month").inputValue()).toBe("5");
      expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
      expect(await axeViolations(page)).toEqual([]);
      const stored = await worker.db.prepare("SELECT count(*) AS n FROM records_of_concern WHERE school_id = ?").bind(school.id).first();
      expect(stored).toEqual({ n: 0 });
      await context.close();
    });
  }

  it("shows text with <script> and quotes as text on the status page", async () => {
    const school = await insertSchool(worker.db);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${worker.url}/s/${school.publicSlug}/concern`);
    const typed = `<script>window.pwned = 1</script> "Ada" 'Lovelace'`;
    await fillAboutChild(page, typed);
    await fillAboutParent(page);
    await page.getByLabel("What are you worried about?").fill("Reading");
    await page.getByRole("button", { name: "Send to the school" }).click();
    await page.waitForURL(/\/status\//);
    await page.goto((await page.locator("[data-status-url]").textContent())!);
    expect(await page.locator("h1").textContent()).toBe(`Your concern about ${typed}`);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await context.close();
  });
});
