import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { axeViolations } from "./support/axe";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, signInToken } from "./support/staff";

const screenshots = path.resolve(import.meta.dirname, "../../test-results");
const password = "correct horse battery staple";
const year = String(new Date().getUTCFullYear());

describe("the records a school keeps beside its forms, on the pages", () => {
  let worker: LocalWorker;
  let browser: Browser;

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${worker.url}/staff/sign-in`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/staff$/);
    return page;
  }

  /** A school of the framework, its SENCO and one pupil at the stage given: setting the scene is not the journey. */
  async function scene(framework: string, stage: string) {
    const school = await insertSchool(worker.db, { framework });
    const senco = await insertStaff(worker.db, school, "senco");
    const token = await signInToken(worker.url, senco.email);
    const response = await fetch(`${worker.url}/api/pupils`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        upn: withUpnCheckLetter(`${crypto.getRandomValues(new Uint32Array(1))[0]}`.padEnd(12, "3")),
        givenName: "Noah",
        familyName: "Hughes",
        dateOfBirth: "2017-05-04",
        yearGroup: "4",
        schoolId: school.id,
        stage,
      }),
    });
    expect(response.status).toBe(201);
    const pupilId = ((await response.json()) as { pupil: { id: string } }).pupil.id;
    return { school, senco, pupilId };
  }

  const dateIn = (page: Page, legend: string) => page.locator("fieldset", { hasText: legend });

  it("a Jersey SENCO records the meeting with parents that discusses the concern, and the pupil moves on", async () => {
    const { senco, pupilId } = await scene("recordOfNeed", "concernRaised");
    const page = await signedIn(senco.email);
    await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
    expect(await page.locator("[data-stage]").textContent()).toBe("Concern raised");
    await page.getByRole("link", { name: "Record a meeting with the parents" }).click();
    await page.waitForURL(/\/parent-meeting$/);
    await noViolations(page);

    await dateIn(page, "Date of the meeting").getByLabel("Day").fill("");
    await page.getByLabel("Name 1").fill("Mrs Hughes");
    await page.getByLabel("Position 1").fill("Parent");
    await page.getByRole("button", { name: "Save the meeting" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator(".error-summary li").allTextContents()).toEqual(["Date of the meeting must be a real date", "Enter the outcomes agreed"]);
    expect(await page.getByLabel("Name 1").inputValue()).toBe("Mrs Hughes");
    await noViolations(page);

    await dateIn(page, "Date of the meeting").getByLabel("Day").fill("1");
    await dateIn(page, "Date of the meeting").getByLabel("Month").fill("12");
    await dateIn(page, "Date of the meeting")
      .getByLabel("Year")
      .fill(String(Number(year) - 1));
    await page.getByLabel("Name 2").fill("Ms Patel");
    await page.getByLabel("Position 2").fill("Class teacher");
    await page.getByLabel("Outcomes agreed").fill("Noah reads with an adult daily; check phonics in four weeks");
    await page.getByLabel("Class teacher, SLT or SENCo meet with parents to discuss concerns").check();
    await page.getByRole("button", { name: "Save the meeting" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=parentMeeting$`));
    expect(await page.locator(".notification-banner__heading").textContent()).toMatch(
      /^Meeting with parents recorded\. Noah Hughes is now at Met with parents to discuss concerns\./,
    );

    expect(await page.locator("[data-stage]").textContent()).toBe("Met with parents to discuss concerns");
    const meetings = page.locator("table", { has: page.locator("caption", { hasText: "Meetings with the parents" }) });
    expect(await meetings.locator("tbody tr").allInnerTexts()).toEqual([
      `1 December ${Number(year) - 1}\tMrs Hughes (Parent), Ms Patel (Class teacher)\tNoah reads with an adult daily; check phonics in four weeks`,
    ]);
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "record-parent-meeting.png"), fullPage: true });
  });

  it("a 2014 SENCO records a specialist's involvement and sees it on the pupil's page", async () => {
    const { senco, pupilId } = await scene("england2014", "senSupportAssess");
    const page = await signedIn(senco.email);
    await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
    await page.getByRole("link", { name: "Record specialist involvement" }).click();
    await page.waitForURL(/\/specialist-involvement$/);
    await noViolations(page);

    await page.getByRole("button", { name: "Save the specialist involvement" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".error-summary li").allTextContents()).toEqual(["Enter the specialist service"]);
    await noViolations(page);

    await page.getByLabel("Specialist service").fill("Speech and language therapy");
    await page.getByLabel("The specialist's name (optional)").fill("Dr Owen");
    await dateIn(page, "Date the specialist saw the pupil").getByLabel("Day").fill("3");
    await dateIn(page, "Date the specialist saw the pupil").getByLabel("Month").fill("12");
    await dateIn(page, "Date the specialist saw the pupil")
      .getByLabel("Year")
      .fill(String(Number(year) - 1));
    await dateIn(page, "Date advice was requested").getByLabel("Day").fill("1");
    await dateIn(page, "Date advice was requested").getByLabel("Month").fill("11");
    await dateIn(page, "Date advice was requested")
      .getByLabel("Year")
      .fill(String(Number(year) - 1));
    await page.getByLabel("The advice given (optional)").fill("Narrative therapy twice a week");
    await page.getByRole("button", { name: "Save the specialist involvement" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=specialistInvolvement$`));

    const involved = page.locator("table", { has: page.locator("caption", { hasText: "Specialists involved" }) });
    expect(await involved.locator("tbody tr").allInnerTexts()).toEqual([
      `1 November ${Number(year) - 1}\tSpeech and language therapy: Dr Owen\t3 December ${Number(year) - 1}\tNarrative therapy twice a week`,
    ]);
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "record-specialist-involvement.png"), fullPage: true });
  });

  it("a SENCO gives a parent a private link, shown once and emailed, then withdraws it", async () => {
    const { senco, pupilId } = await scene("england2014", "senSupportPlan");
    const page = await signedIn(senco.email);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
    await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
    await page.getByRole("link", { name: "Give or withdraw a parent's private link" }).click();
    await page.waitForURL(/\/parent-links$/);
    await noViolations(page);

    await page.getByLabel("Email address (optional)").fill("not an address");
    await page.getByRole("button", { name: "Give the link" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".error-summary a").evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual([
      "#parentName",
      "#parentEmail",
    ]);
    expect(await page.getByLabel("Email address (optional)").inputValue()).toBe("not an address");
    await noViolations(page);

    await page.getByLabel("Parent's or carer's name").fill("Grace Hughes");
    await page.getByLabel("Email address (optional)").fill("grace@family.test");
    await page.getByRole("button", { name: "Give the link" }).click();
    await page.locator("h1", { hasText: "Link given to Grace Hughes" }).waitFor();
    const url = (await page.locator("#parent-link-url").textContent()) ?? "";
    expect(url).toMatch(/\/parent\/[A-Za-z0-9_-]{20,}$/);
    await page.getByRole("button", { name: "Copy the link" }).click();
    await page.getByText("Link copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "record-parent-link.png"), fullPage: true });
    const mail = await worker.db
      .prepare("SELECT recipient_email AS recipient, payload FROM outbox WHERE pupil_id = ? AND template = 'parentLink'")
      .bind(pupilId)
      .first<{ recipient: string; payload: string }>();
    expect(mail?.recipient).toBe("grace@family.test");
    expect(JSON.parse(mail!.payload).url).toBe(url);

    const parentPage = await (await browser.newContext()).newPage();
    const opened = await parentPage.goto(`${worker.url}${new URL(url).pathname}`);
    expect(opened?.status()).toBe(200);

    await page.getByRole("link", { name: /Back to .*'s record/ }).click();
    await page.getByRole("link", { name: "Give or withdraw a parent's private link" }).click();
    const row = page.locator("tr", { hasText: "Grace Hughes" });
    expect(await row.locator("td").nth(2).textContent()).toMatch(/^Open until /);
    await row.getByRole("button", { name: /Withdraw/ }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}$`));
    await page.getByRole("link", { name: "Give or withdraw a parent's private link" }).click();
    expect(await page.locator("tr", { hasText: "Grace Hughes" }).locator("td").nth(2).textContent()).toMatch(/^Withdrawn on /);
    expect((await parentPage.goto(`${worker.url}${new URL(url).pathname}`))?.status()).toBe(404);
  });
});
