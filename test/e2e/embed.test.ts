import { createServer, type Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe";
import { isolatedContext, launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";

/** A school's own website on another 127.0.0.1 port: one page with the one <script> tag the README tells schools to paste. */
async function schoolWebsite(page: (origin: string) => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page(origin));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

const websitePage = (stepwise: string, slug: string) => () =>
  `<!doctype html><html lang="en"><head><title>Our school</title></head><body><h1>Special educational needs</h1>
<script src="${stepwise}/js/embed.js" data-school="${slug}" async></script></body></html>`;

const frameHeight = (page: Page) => page.evaluate(() => document.querySelector("iframe")!.style.height);

/** What a school website's own script gets back from the JSON API: the status, or "refused" if CORS stops it. */
const postFromWebsite = (page: Page, url: string) =>
  page.evaluate(async (target) => {
    try {
      const response = await fetch(target, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify({
          childName: "Cy",
          childDateOfBirth: "2017-02-03",
          childYearGroup: "3",
          parentName: "Di",
          parentRelationship: "Aunt",
          parentPhone: "01632960001",
          description: "Sleep",
        }),
      });
      return response.status;
    } catch {
      return "refused";
    }
  }, url);

describe("the concern form embedded in a school's website", () => {
  let worker: LocalWorker;
  let browser: Browser;
  const servers: Server[] = [];

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  });
  afterAll(async () => {
    servers.forEach((server) => server.close());
    await browser?.close();
    await worker?.stop();
  });

  it("loads in the registered website, resizes to its content and submits", async () => {
    const slug = `embedded-${crypto.randomUUID().slice(0, 8)}`;
    const site = await schoolWebsite(websitePage(worker.url, slug));
    servers.push(site.server);
    await insertSchool(worker.db, { embedOrigins: [site.origin], slug });
    const { context, blocked } = await isolatedContext(browser, [worker.url, site.origin]);
    const page = await context.newPage();
    await page.goto(site.origin);

    const frame = (await (await page.waitForSelector("iframe")).contentFrame())!;
    await frame.waitForSelector("form[data-form=parentConcern]");
    await page.waitForFunction(() => document.querySelector("iframe")!.style.height.endsWith("px"));
    const formHeight = parseInt(await frameHeight(page), 10);
    const contentHeight = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    expect(formHeight).toBe(contentHeight);
    expect(formHeight).toBeGreaterThan(1000);
    expect(await axeViolations(frame)).toEqual([]);

    await frame.getByLabel("Your child's full name").fill("Ada Lovelace");
    await frame.getByLabel("Day").fill("4");
    await frame.getByLabel("Month").fill("5");
    await frame.getByLabel("Year", { exact: true }).fill("2018");
    await frame.getByLabel("Your child's year group").selectOption("2");
    await frame.getByLabel("Your full name").fill("Anne Lovelace");
    await frame.getByLabel("Your relationship to the child").fill("Mother");
    await frame.getByLabel(/Your telephone number/).fill("01632 960 001");
    await frame.getByLabel("What are you worried about?").fill("Reading");
    await frame.getByRole("button", { name: "Send to the school" }).click();

    await frame.waitForSelector("[data-reference]");
    expect(await frame.locator("[data-reference]").textContent()).toMatch(/^SW-/);
    await page.waitForFunction((before) => document.querySelector("iframe")!.style.height !== before, `${formHeight}px`);
    expect(parseInt(await frameHeight(page), 10)).toBeLessThan(formHeight);
    expect(await postFromWebsite(page, `${worker.url}/api/public/schools/${slug}/concerns`)).toBe(201);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("is refused by the browser in a website the school has not registered", async () => {
    const slug = `embedded-${crypto.randomUUID().slice(0, 8)}`;
    const registered = await schoolWebsite(() => "<!doctype html><title>registered</title>");
    const stranger = await schoolWebsite(websitePage(worker.url, slug));
    servers.push(registered.server, stranger.server);
    await insertSchool(worker.db, { embedOrigins: [registered.origin], slug });
    const context = await browser.newContext();
    const page = await context.newPage();
    const refusals: string[] = [];
    page.on("console", (message) => refusals.push(message.text()));
    await page.goto(stranger.origin);

    const frame = (await (await page.waitForSelector("iframe")).contentFrame())!;
    await frame.waitForLoadState();
    await page.waitForTimeout(500);
    expect(await frame.locator("form").count()).toBe(0);
    expect(await frameHeight(page)).toBe("40rem");
    expect(refusals.join("\n")).toMatch(/frame-ancestors/);
    expect(await postFromWebsite(page, `${worker.url}/api/public/schools/${slug}/concerns`)).toBe("refused");
    await context.close();
  });
});
