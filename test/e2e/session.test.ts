import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { frameworks } from "../../worker/workflow/frameworks";
import { axeViolations } from "./support/axe";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, staffPassword } from "./support/staff";

/** Sessions end after this many idle seconds here, rather than half an hour, so the test can outwait one. */
const idleSeconds = 12;
let serial = 0;
const upn = () => withUpnCheckLetter(`${Date.now() % 1e9}${serial++ % 100}`.padStart(12, "3").slice(-12));

describe("work is never lost: a plan typed across an expired session is saved after signing in again", () => {
  let worker: LocalWorker;
  let browser: Browser;

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker({ SESSION_IDLE_SECONDS: String(idleSeconds), SESSION_MAX_SECONDS: "3600" }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);
  const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/session-${name}.png`, fullPage: true });

  const tokenOf = async (context: BrowserContext) => (await context.cookies(worker.url)).find((cookie) => cookie.name.endsWith("stepwise_session"))!.value;

  /** Set-up, not the journey: a pupil enrolled at a stage through the API with the session's token. */
  async function enrol(token: string, schoolId: string, stage: string) {
    const enrolled = await fetch(`${worker.url}/api/pupils`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        upn: upn(),
        givenName: "Noah",
        familyName: "Hughes",
        dateOfBirth: "2016-02-10",
        yearGroup: "5",
        schoolId,
        stage,
        areasOfNeed: ["cognitionAndLearning"],
      }),
    });
    expect(enrolled.status).toBe(201);
    return ((await enrolled.json()) as { pupil: { id: string } }).pupil.id;
  }

  async function signIn(page: Page, email: string) {
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(staffPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  it("a SENCO types a plan, the session expires, they press save, sign in again, and the plan is saved with everything typed", async () => {
    const school = await insertSchool(worker.db, { framework: "england2014" });
    const senco = await insertStaff(worker.db, school, "senco");
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${worker.url}/staff/sign-in`);
    await signIn(page, senco.email);
    await page.waitForURL(/\/staff$/);

    const pupilId = await enrol(await tokenOf(context), school.id, "senSupportPlan");

    await page.goto(`${worker.url}/forms/pupils/${pupilId}/plan`);
    const typed = {
      objective: "Read and spell the first 100 high-frequency words",
      baseline: "Reads 20 of the first 100 high-frequency words",
      supportAtHome: "Ten minutes of shared reading each evening",
      pupilViews: "Noah would like to read comics on his own",
      parentViews: "His mother wants more phonics practice",
    };
    await page.getByLabel("Objective").fill(typed.objective);
    await page.getByLabel("Baseline assessment").fill(typed.baseline);
    await page.getByLabel("What help parents can give at home (optional)").fill(typed.supportAtHome);
    await page.getByLabel("The pupil's views (optional)").fill(typed.pupilViews);
    await page.getByLabel("The parents' views (optional)").fill(typed.parentViews);
    const review = page.locator("fieldset", { hasText: "Date for review" });
    const reviewYear = new Date().getUTCFullYear() + 1;
    await review.getByLabel("Day").fill("20");
    await review.getByLabel("Month").fill("3");
    await review.getByLabel("Year").fill(String(reviewYear));
    for (const index of [0, 1, 2]) {
      const target = page.locator("fieldset.target").nth(index);
      await target.getByLabel("Target", { exact: true }).fill(`Reads ${10 * (index + 1)} more words by the review`);
      await target.getByLabel("Criteria for success").fill(`Reads them in ${index + 2} of 5 sessions`);
      await target.getByLabel("Teaching materials").fill("Word cards");
      await target.getByLabel("Teaching methods").fill("Precision teaching");
      await target.getByLabel("Who will teach or work with the child").fill("Teaching assistant");
      await target.getByLabel("Size of teaching group").fill("One to one");
      await target.getByLabel("Frequency").fill("Ten minutes a day");
    }
    await page.getByLabel(frameworks.england2014.moves.agreePlan.label).check();

    // The person stops for longer than the idle limit: the session ends while the plan is on the screen.
    await page.waitForTimeout((idleSeconds + 2) * 1000);
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.waitForURL(/\/forms\/pupils\/[^/]+\/plan$/);
    expect(await page.locator("h1").textContent()).toBe("Sign in to Stepwise");
    expect(await page.locator(".notification-banner__heading").textContent()).toContain("what you typed will be saved");
    expect(await worker.db.prepare("SELECT COUNT(*) AS n FROM plans WHERE pupil_id = ?").bind(pupilId).first<{ n: number }>()).toEqual({ n: 0 });
    await noViolations(page);
    await shoot(page, "1-sign-in-again");

    // A wrong password first: the kept plan survives it.
    await page.getByLabel("Email address").fill(senco.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/staff\/sign-in$/);
    expect(await page.title()).toMatch(/^Error: /);
    await signIn(page, senco.email);

    await page.waitForURL(/\/forms\/pupils\/[^/]+\?saved=plan/);
    expect(await page.locator(".notification-banner__heading").textContent()).toContain("Plan recorded");
    await noViolations(page);
    await shoot(page, "2-saved");

    const plan = await worker.db
      .prepare("SELECT id, objective, baseline, support_at_home, pupil_views, parent_views, review_date FROM plans WHERE pupil_id = ?")
      .bind(pupilId)
      .first<Record<string, string>>();
    expect(plan).toMatchObject({
      objective: typed.objective,
      baseline: typed.baseline,
      support_at_home: typed.supportAtHome,
      pupil_views: typed.pupilViews,
      parent_views: typed.parentViews,
      review_date: `${reviewYear}-03-20`,
    });
    const targets = await worker.db
      .prepare("SELECT target, success_criteria, frequency FROM plan_targets WHERE plan_id = ? ORDER BY position")
      .bind(plan!.id)
      .all<Record<string, string>>();
    expect(targets.results).toEqual(
      [0, 1, 2].map((index) => ({
        target: `Reads ${10 * (index + 1)} more words by the review`,
        success_criteria: `Reads them in ${index + 2} of 5 sessions`,
        frequency: "Ten minutes a day",
      })),
    );
    expect(await worker.db.prepare("SELECT stage FROM pupils WHERE id = ?").bind(pupilId).first<{ stage: string }>()).toEqual({ stage: "senSupportDo" });
    await context.close();
  });
});
