import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { axeViolations } from "./support/axe";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, signIn } from "./support/staff";

const hostile = `<script>window.pwned = 1</script> "quoted" 'single'`;

describe("a SENCO fills the staff forms", () => {
  let worker: LocalWorker;
  let browser: Browser;

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  async function schoolActionPupil(stage = "schoolAction") {
    const school = await insertSchool(worker.db);
    const senco = await insertStaff(worker.db, school, "senco");
    const context = await browser.newContext();
    const token = await signIn(context, worker.url, senco.email);
    const enrolled = await context.request.post(`${worker.url}/api/pupils`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        upn: withUpnCheckLetter(`${Date.now()}9`.slice(0, 12).padEnd(12, "1")),
        givenName: "Sam",
        familyName: "Example",
        dateOfBirth: "2017-05-04",
        yearGroup: "4",
        schoolId: school.id,
        stage,
      },
    });
    expect(enrolled.status()).toBe(201);
    const { pupil } = (await enrolled.json()) as { pupil: { id: string } };
    return { context, token, pupilId: pupil.id };
  }

  const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  async function fillPlan(page: Page) {
    await page.getByLabel("Objective").fill(hostile);
    await page.getByLabel("Baseline assessment").fill("Reads 20 of the first 100 high-frequency words");
    await page.locator("fieldset", { hasText: "Date for review" }).getByLabel("Day").fill("20");
    await page.locator("fieldset", { hasText: "Date for review" }).getByLabel("Month").fill("3");
    await page
      .locator("fieldset", { hasText: "Date for review" })
      .getByLabel("Year")
      .fill(String(new Date().getUTCFullYear() + 1));
    for (const index of [0, 1, 2]) {
      const target = page.locator("fieldset.target").nth(index);
      await target.getByLabel("Target", { exact: true }).fill(`Target ${index + 1}: read 10 more words`);
      await target.getByLabel("Criteria for success").fill("Reads them in 3 of 4 sessions");
      await target.getByLabel("Teaching materials").fill("Word cards");
      await target.getByLabel("Teaching methods").fill("Precision teaching");
      await target.getByLabel("Who will teach or work with the child").fill("Teaching assistant");
      await target.getByLabel("Size of teaching group").fill("One to one");
      await target.getByLabel("Frequency").fill("Ten minutes a day");
    }
  }

  it("goes from the pupil's page to a form and back, and the page passes the accessibility checks", async () => {
    const { context, pupilId } = await schoolActionPupil("schoolAction");
    const page = await context.newPage();
    await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
    await noViolations(page);
    expect(await page.locator("h2").allTextContents()).toEqual(["Due", "Decisions open now", "Fill in a form", "Record", "Forms recorded"]);
    await page.getByRole("link", { name: "Write a plan (IEP or IBP)" }).click();
    await page.waitForURL(/\/plan$/);
    await page.getByRole("link", { name: /'s record$/ }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}$`));
    expect(await page.getByRole("link", { name: "Back to the SEN register" }).count()).toBe(1);
    await context.close();
  });

  it("writes a plan, then a review whose decision moves the pupil to School Action Plus", async () => {
    const { context, pupilId } = await schoolActionPupil();
    const page = await context.newPage();
    await page.goto(`${worker.url}/forms/pupils/${pupilId}/plan`);
    expect(await page.locator("h1").textContent()).toBe("Individual Education Plan (IEP)");
    await noViolations(page);

    await page.getByLabel("Objective").fill("Reading");
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.locator(".error-summary").waitFor();
    await page.getByRole("link", { name: "A plan has 3 to 5 SMART targets" }).click();
    expect(await page.locator("#targets:focus").count()).toBe(1);
    expect(await page.getByLabel("Objective").inputValue()).toBe("Reading");

    await fillPlan(page);
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.waitForURL(/saved=plan/);
    await page.getByRole("link", { name: "See or print what was saved" }).click();
    await page.waitForURL(/\/print\/pupils\/.+\/plans\//);
    expect(await page.locator("table.print-targets tbody tr").count()).toBe(3);
    expect(await page.getByText(hostile).count()).toBe(1);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await noViolations(page);

    await page.goto(`${worker.url}/forms/pupils/${pupilId}/review`);
    const decisions = await page.locator("fieldset", { hasText: "Decision following this review" }).locator("label").allTextContents();
    expect(decisions).toEqual([
      "Move to ordinary differentiated curriculum",
      "Remain at School Action (draw up a fresh IEP and leave pupil on SEN Register)",
      "Instigate School Action Plus (draw up a fresh IEP, leave pupil on SEN Register and seek specialist advice)",
    ]);
    await noViolations(page);
    await page.getByLabel("Cognition and learning difficulties").check();
    await page.getByLabel(/Evaluation of the pupil's performance/).fill(`Little progress. ${hostile}`);
    for (const index of [0, 1, 2]) {
      const target = page.locator("fieldset.target").nth(index);
      await target.getByLabel("Not achieved").check();
      await target.getByLabel("Outcome (including data)").fill("12 of 30 words");
    }
    await page.getByLabel(/^Instigate School Action Plus/).check();
    await page.getByLabel("Signed by").fill("Sam SENCO");
    await page.getByRole("button", { name: "Save the review and its decision" }).click();
    await page.waitForURL(/saved=review/);
    await page.getByRole("link", { name: "See or print what was saved" }).click();
    await page.waitForURL(/\/print\/pupils\/.+\/reviews\//);

    expect(await page.locator(".marked--yes").allTextContents()).toEqual([
      "☒ Selected: Cognition and learning difficulties",
      "☒ Selected: Instigate School Action Plus (draw up a fresh IEP, leave pupil on SEN Register and seek specialist advice)",
    ]);
    await noViolations(page);
    const pupil = await worker.db.prepare("SELECT stage, version FROM pupils WHERE id = ?").bind(pupilId).first();
    expect(pupil).toEqual({ stage: "schoolActionPlus", version: 2 });
    const outcomes = await worker.db.prepare("SELECT outcome FROM plan_targets t JOIN plans p ON p.id = t.plan_id WHERE p.pupil_id = ?").bind(pupilId).all();
    expect(outcomes.results.map((r) => r.outcome)).toEqual(["notAchieved", "notAchieved", "notAchieved"]);

    await page.locator("fieldset", { hasText: "Record the date" }).getByLabel("Day").fill("1");
    await page.getByRole("button", { name: "Record the date" }).click();
    await page.waitForLoadState();
    expect(await page.locator("[data-copy-on]").textContent()).toMatch(/^1 /);
    await context.close();
  });

  it("shows a decision no longer open as an error on the review form, and moves nothing", async () => {
    const { context, token, pupilId } = await schoolActionPupil();
    const page = await context.newPage();
    await page.goto(`${worker.url}/forms/pupils/${pupilId}/review`);
    // Someone else decides first: the page's version is now stale.
    const moved = await context.request.post(`${worker.url}/api/pupils/${pupilId}/reviews`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { reviewDate: "2026-11-20", areasOfConcern: ["sensory"], evaluation: "Good progress", decision: "moveToOrdinaryCurriculum", expectedVersion: 1 },
    });
    expect(moved.status()).toBe(201);
    await page.getByLabel("Sensory difficulties").check();
    await page.getByLabel(/Evaluation of the pupil's performance/).fill("Some progress");
    await page.getByLabel(/^Remain at School Action/).check();
    await page.getByRole("button", { name: "Save the review and its decision" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel(/Evaluation of the pupil's performance/).inputValue()).toBe("Some progress");
    const pupil = await worker.db.prepare("SELECT stage FROM pupils WHERE id = ?").bind(pupilId).first();
    expect(pupil).toEqual({ stage: "ordinaryCurriculum" });
    await context.close();
  });

  it("records a concern with every section of seed 000, then the SENCO's action, the parents' views and a request for assessment with its evidence", async () => {
    const { context, token, pupilId } = await schoolActionPupil("ordinaryCurriculum");
    const page = await context.newPage();
    await page.goto(`${worker.url}/forms/pupils/${pupilId}/concern`);
    await noViolations(page);
    await page.getByLabel("Name 1").fill(hostile);
    await page.getByLabel("Position 1").fill("Class teacher");
    await page.getByLabel("Communication and interaction difficulties").check();
    await page.getByLabel("Brief description of difficulty").fill("Rarely speaks in class");
    await page.getByLabel(/^Details of strategies which have been used/).fill("Talk partners");
    await page.getByRole("button", { name: "Save the Record of Concern" }).click();
    await page.waitForURL(/saved=recordOfConcern/);
    await page.getByRole("link", { name: "See or print what was saved" }).click();
    await page.waitForURL(/\/print\/pupils\/.+\/concerns\//);
    expect(await page.locator("table.print-table td").first().textContent()).toBe(hostile);
    await noViolations(page);

    await page.getByLabel(/^Move to School Action Plus/).check();
    await page.getByRole("button", { name: "Record the action" }).click();
    await page.waitForURL(/saved=/);
    expect(await page.locator(".notification-banner").textContent()).toContain("Move to School Action Plus");
    expect(await worker.db.prepare("SELECT stage FROM pupils WHERE id = ?").bind(pupilId).first()).toEqual({ stage: "schoolActionPlus" });

    const plan = await context.request.post(`${worker.url}/api/pupils/${pupilId}/plans`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        objective: "Speak in a small group",
        baseline: "Silent in groups",
        dateWritten: "2026-11-01",
        reviewDate: "2027-02-01",
        targets: [1, 2, 3].map((n) => ({
          target: `T${n}`,
          successCriteria: "c",
          materials: "m",
          methods: "m",
          deliveredBy: "TA",
          groupSize: "3",
          frequency: "daily",
        })),
      },
    });
    expect(plan.status()).toBe(201);

    await page.goto(`${worker.url}/forms/pupils/${pupilId}/parent-views`);
    await noViolations(page);
    await page.getByRole("button", { name: "Save the parents' views" }).click();
    await page.locator(".error-summary").waitFor();
    await page.getByLabel("What are your concerns?").fill(hostile);
    await page.getByRole("button", { name: "Save the parents' views" }).click();
    await page.waitForURL(/\/forms\/pupils\/.+\/review$/);
    expect(await page.locator(".inset dd").allTextContents()).toContain(hostile);

    await page.goto(`${worker.url}/forms/pupils/${pupilId}/assessment-request`);
    expect(await page.locator("h1").textContent()).toBe("Request for Statutory Assessment");
    expect(await page.locator("#evidence-title + p + h3 + ul li").textContent()).toContain("Speak in a small group");
    await noViolations(page);
    await page.getByLabel("Why the request is made now").fill("Little progress over two School Action Plus cycles");
    await page.getByRole("button", { name: "Send the request" }).click();
    await page.waitForURL(/\?saved=assessmentRequest&record=/);
    expect(await page.locator(".notification-banner__heading").textContent()).toMatch(/^Assessment request recorded\./);
    const request = await worker.db
      .prepare("SELECT kind, evidence FROM assessment_requests WHERE pupil_id = ?")
      .bind(pupilId)
      .first<{ kind: string; evidence: string }>();
    expect(request?.kind).toBe("statutoryAssessment");
    expect(JSON.parse(request!.evidence)).toEqual([expect.objectContaining({ kind: "plan" })]);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await context.close();
  });

  it("refers a disagreement to the DRS only when both parties agree, and prints the referral for signature", async () => {
    const { context, pupilId } = await schoolActionPupil();
    const page = await context.newPage();
    await page.goto(`${worker.url}/forms/pupils/${pupilId}/drs-referral`);
    await noViolations(page);
    await page.getByLabel("How the school and the parents/carers tried to resolve the disagreement informally").fill("Two meetings with the Headteacher");
    await page.getByRole("group", { name: "The parents/carers", exact: true }).getByLabel("Agrees to mediation through the DRS").check();
    await page.getByRole("group", { name: "The school", exact: true }).getByLabel("Does not agree").check();
    await page.getByLabel("Brief written summary of the issues in dispute").fill(hostile);
    await page.getByLabel(/The action the school has taken/).fill("Offered a weekly check-in");
    await page.getByRole("button", { name: /Submit the referral/ }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".error-summary").textContent()).toMatch(/mediation/i);
    expect(await worker.db.prepare("SELECT count(*) AS n FROM drs_referrals WHERE pupil_id = ?").bind(pupilId).first()).toEqual({ n: 0 });
    await page.getByRole("group", { name: "The school", exact: true }).getByLabel("Agrees to mediation through the DRS").check();
    for (const who of ["Date signed by the parents/carers", "Date signed by the school"]) {
      const date = page.getByRole("group", { name: who });
      await date.getByLabel("Day").fill("1");
      await date.getByLabel("Month").fill("11");
      await date.getByLabel("Year").fill("2026");
    }
    await page.getByRole("button", { name: /Submit the referral/ }).click();
    await page.waitForURL(/\/print\/pupils\/.+\/drs-referrals\//);
    expect(await page.getByText(hostile).count()).toBe(1);
    await noViolations(page);
    expect(await worker.db.prepare("SELECT count(*) AS n FROM drs_referrals WHERE pupil_id = ?").bind(pupilId).first()).toEqual({ n: 1 });
    await page.locator("fieldset", { hasText: "Record the date" }).getByLabel("Day").fill("1");
    await page.getByRole("button", { name: "Record the date" }).click();
    await page.waitForLoadState();
    expect(await page.locator("[data-copy-on]").textContent()).toMatch(/^1 /);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await context.close();
  });

  it("sends a visitor who is not signed in to sign in", async () => {
    const { pupilId } = await schoolActionPupil();
    const context = await browser.newContext();
    const response = await (await context.newPage()).goto(`${worker.url}/forms/pupils/${pupilId}/plan`);
    expect(response?.status()).toBe(401);
    await context.close();
  });
});
