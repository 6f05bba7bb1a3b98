import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { frameworks } from "../../worker/workflow/frameworks";
import { axeViolations } from "./support/axe";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, staffPassword } from "./support/staff";

let serial = 0;
const upn = () => withUpnCheckLetter(`${Date.now() % 1e9}${serial++ % 1000}`.padStart(12, "1").slice(-12));

describe("the pupil's page is the hub: the decisions open now, derived from the framework", () => {
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

  /** A school of the framework and its SENCO, signed in through the sign-in page by typing. */
  async function sencoOf(framework: string) {
    const school = await insertSchool(worker.db, { framework });
    const senco = await insertStaff(worker.db, school, "senco");
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${worker.url}/staff/sign-in`);
    await page.getByLabel("Email address").fill(senco.email);
    await page.getByLabel("Password").fill(staffPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/staff$/);
    // The session cookie's value is the bearer token: the set-up calls use it, so each SENCO signs in once.
    const token = (await context.cookies(worker.url)).find((cookie) => cookie.name.endsWith("stepwise_session"))?.value;
    if (!token) throw new Error("no session cookie after signing in");
    return { school, token, context, page };
  }

  /** Set-up, not the journey: a pupil enrolled at a stage through the API (as a register import would). */
  async function enrol(school: { id: string }, token: string, stage: string, givenName = "Noah", familyName = "Hughes") {
    const response = await fetch(`${worker.url}/api/pupils`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        upn: upn(),
        givenName,
        familyName,
        dateOfBirth: "2016-02-10",
        yearGroup: "5",
        schoolId: school.id,
        stage,
        areasOfNeed: ["cognitionAndLearning"],
      }),
    });
    if (response.status !== 201) throw new Error(`enrol at ${stage}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { pupil: { id: string } }).pupil.id;
  }

  const stageOf = async (pupilId: string) =>
    worker.db.prepare("SELECT stage, cycle FROM pupils WHERE id = ?").bind(pupilId).first<{ stage: string; cycle: number }>();
  const banner = (page: Page) => page.locator(".notification-banner__heading").textContent();
  const decisionLink = (page: Page, label: string) => page.locator("ul.decisions-open").getByRole("link", { name: label, exact: true });

  async function confirmDecision(page: Page, reason: string) {
    await page.getByLabel("Reason (optional)").fill(reason);
    await page.getByRole("button", { name: "Confirm the decision" }).click();
    await page.waitForURL(/\/forms\/pupils\/[^/]+\?saved=/);
  }

  async function fillPlan(page: Page) {
    await page.getByLabel("Objective").fill("Read and spell the first 100 high-frequency words");
    await page.getByLabel("Baseline assessment").fill("Reads 20 of the first 100 high-frequency words");
    const review = page.locator("fieldset", { hasText: "Date for review" });
    await review.getByLabel("Day").fill("20");
    await review.getByLabel("Month").fill("3");
    await review.getByLabel("Year").fill(String(new Date().getUTCFullYear() + 1));
    for (const index of [0, 1, 2]) {
      const target = page.locator("fieldset.target").nth(index);
      await target.getByLabel("Target", { exact: true }).fill(`Reads ${10 * (index + 1)} more words by the review`);
      await target.getByLabel("Criteria for success").fill("Reads them in 3 of 4 sessions");
      await target.getByLabel("Teaching materials").fill("Word cards");
      await target.getByLabel("Teaching methods").fill("Precision teaching");
      await target.getByLabel("Who will teach or work with the child").fill("Teaching assistant");
      await target.getByLabel("Size of teaching group").fill("One to one");
      await target.getByLabel("Frequency").fill("Ten minutes a day");
    }
  }

  it("a SENCO takes a 2014 pupil from Assess to Plan, writes a plan with three targets, goes from Do to Review and records a review starting a further cycle", async () => {
    const { school, token, context, page } = await sencoOf("england2014");
    const pupilId = await enrol(school, token, "senSupportAssess");
    const moves = frameworks.england2014.moves;
    await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
    await noViolations(page);

    await decisionLink(page, moves.completeAssessment.label).click();
    await page.waitForURL(/\/decisions\/completeAssessment$/);
    await noViolations(page);
    await confirmDecision(page, "Assessment shared with parents");
    expect(await banner(page)).toBe(
      `Decision recorded: ${moves.completeAssessment.label}. Noah Hughes is now at SEN support: Plan. Next: ${moves.agreePlan.label}`,
    );
    await noViolations(page);

    await decisionLink(page, moves.agreePlan.label).click();
    await page.waitForURL(/\/plan$/);
    await fillPlan(page);
    await page.getByLabel(moves.agreePlan.label).check();
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.waitForURL(/saved=plan/);
    expect(await banner(page)).toBe(`Plan recorded. Noah Hughes is now at SEN support: Do. Next: ${moves.startReview.label}`);
    await page.getByRole("link", { name: "See or print what was saved" }).click();
    await page.waitForURL(/\/print\/pupils\/.+\/plans\//);
    expect(await page.locator("table.print-targets tbody tr").count()).toBe(3);
    await noViolations(page);
    await page.getByRole("link", { name: "Back to Noah Hughes's record" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}$`));

    await decisionLink(page, moves.startReview.label).click();
    await page.waitForURL(/\/decisions\/startReview$/);
    await confirmDecision(page, "The review date has come");
    expect(await banner(page)).toContain("Noah Hughes is now at SEN support: Review.");

    await decisionLink(page, moves.continueSenSupport.label).click();
    await page.waitForURL(/\/review$/);
    await noViolations(page);
    await page.getByLabel(/Evaluation of the pupil's performance/).fill("Some progress: 30 more words read");
    for (const index of [0, 1, 2]) await page.locator("fieldset.target").nth(index).getByLabel("Partly achieved").check();
    await page.getByLabel(moves.continueSenSupport.label).check();
    await page.getByRole("button", { name: "Save the review and its decision" }).click();
    await page.waitForURL(/saved=review/);
    expect(await banner(page)).toBe(`Review recorded. Noah Hughes is now at SEN support: Assess. Next: ${moves.completeAssessment.label}`);
    await noViolations(page);
    // Enrolled at cycle 0 (as a register import records it): the review starts the next cycle.
    expect(await stageOf(pupilId)).toEqual({ stage: "senSupportAssess", cycle: 1 });
    await context.close();
  });

  it("saves a review at SEN support: Do, where there is no decision to make", async () => {
    const { school, token, context, page } = await sencoOf("england2014");
    const pupilId = await enrol(school, token, "senSupportDo");
    await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
    await page.getByRole("link", { name: "Record a review of progress" }).click();
    await page.waitForURL(/\/review$/);
    expect(await page.locator("input[name=decision]").count()).toBe(0);
    await noViolations(page);
    await page.getByLabel(/Evaluation of the pupil's performance/).fill("Halfway through the plan: on track");
    await page.getByRole("button", { name: "Save the review" }).click();
    await page.waitForURL(/saved=review/);
    expect(await banner(page)).toContain("Review recorded. Noah Hughes is now at SEN support: Do.");
    expect(await stageOf(pupilId)).toEqual({ stage: "senSupportDo", cycle: 0 });
    await context.close();
  });

  it("refuses a decision made on a page whose record changed meanwhile, in plain English, and saves nothing", async () => {
    const { school, token, context, page } = await sencoOf("england2014");
    const pupilId = await enrol(school, token, "senSupportAssess");
    await page.goto(`${worker.url}/forms/pupils/${pupilId}/decisions/completeAssessment`);
    // Set-up: someone else moves the pupil first.
    const elsewhere = await fetch(`${worker.url}/api/pupils/${pupilId}/transitions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ move: "completeAssessment", expectedVersion: 1 }),
    });
    expect(elsewhere.status).toBe(200);
    await page.getByLabel("Reason (optional)").fill("Typed before the other change");
    await page.getByRole("button", { name: "Confirm the decision" }).click();
    await page.locator("h1", { hasText: "The record changed before your decision was saved" }).waitFor();
    await noViolations(page);
    const events = await worker.db.prepare("SELECT COUNT(*) AS n FROM pupil_events WHERE pupil_id = ?").bind(pupilId).first<{ n: number }>();
    expect(events?.n).toBe(2);
    await context.close();
  });
});
