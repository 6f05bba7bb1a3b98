import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import type { FrameworkDefinition } from "../../worker/workflow/definition";
import { frameworks } from "../../worker/workflow/frameworks";
import { axeViolations } from "./support/axe";
import { fillEveryField, formWithDecision, saveForm } from "./support/fill";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, staffPassword } from "./support/staff";

const screenshots = path.resolve("test-results/journeys");
let serial = 0;
const upn = () => withUpnCheckLetter(`${Date.now() % 1e9}${serial++ % 1000}`.padStart(12, "2").slice(-12));

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
const stageOf = async (pupilId: string) => (await worker.db.prepare("SELECT stage FROM pupils WHERE id = ?").bind(pupilId).first<{ stage: string }>())?.stage;
const shownStage = (page: Page) => page.locator("[data-stage]").textContent();

/** A school of the framework and its SENCO, signed in through the sign-in page by typing. */
async function sencoOf(framework: string) {
  const school = await insertSchool(worker.db, { framework });
  const senco = await insertStaff(worker.db, school, "senco");
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${worker.url}/staff/sign-in`);
  await page.getByLabel("Email address").fill(senco.email);
  await page.getByLabel("Password").fill(staffPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/staff$/);
  return { school, context, page };
}

/** Enrols a pupil on the enrol page, reached from the staff home through the SEN register, at the framework's first stage. */
async function enrolOnPage(page: Page, framework: FrameworkDefinition, givenName: string, familyName: string) {
  await page.goto(`${worker.url}/staff`);
  await page.getByRole("link", { name: /^SEN register:/ }).click();
  await page.getByRole("link", { name: "Enrol a pupil" }).click();
  await page.getByLabel("Unique pupil number (UPN)").fill(upn());
  await page.getByLabel("First name").fill(givenName);
  await page.getByLabel("Last name").fill(familyName);
  await page.getByLabel("Day").fill("14");
  await page.getByLabel("Month").fill("6");
  await page.getByLabel("Year", { exact: true }).fill("2017");
  await page.getByLabel("Year group").selectOption("4");
  await page.getByLabel(framework.stages[framework.initialStage]!.label, { exact: true }).check();
  await page.getByRole("button", { name: "Enrol the pupil" }).click();
  await page.waitForURL(/\/forms\/pupils\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * Makes a decision from the pupil's page as a person would: follows its link under "Decisions open now", then either
 * confirms it (a decision with no form) or fills in the form that records it and saves. Returns the banner's words.
 */
async function decide(page: Page, pupilId: string, move: string, words: string) {
  await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
  await page.locator(`ul.decisions-open li[data-move="${move}"] a`).click();
  await page.waitForLoadState();
  const saved = new RegExp(`/forms/pupils/${pupilId}\\?saved=`);
  if (/\/decisions\/[^/]+$/.test(page.url())) {
    await page.getByLabel("Reason (optional)").fill(words);
    await page.getByRole("button", { name: "Confirm the decision" }).click();
    await page.waitForURL(saved);
  } else {
    await fillEveryField(await formWithDecision(page, move), move, words);
    expect(await saveForm(page, move, saved), `${move}: the form's errors`).toEqual([]);
  }
  return page.locator(".notification-banner__heading").textContent();
}

describe("whole journeys through the pages, for the 2001 Code and Jersey", () => {
  it("2001 Code: a concern, School Action, a review, School Action Plus, and a review requesting Statutory Assessment", async () => {
    const framework = frameworks.england2001;
    const { context, page } = await sencoOf(framework.id);
    const pupilId = await enrolOnPage(page, framework, "Ella", "Morris");
    expect(await shownStage(page)).toBe(framework.stages.ordinaryCurriculum.label);

    const steps: [string, keyof typeof framework.stages][] = [
      ["raiseConcern", "concernRecorded"],
      ["moveToSchoolAction", "schoolAction"],
      ["instigateSchoolActionPlus", "schoolActionPlus"],
      ["requestStatutoryAssessment", "statutoryAssessmentRequested"],
    ];
    for (const [move, stage] of steps) {
      const banner = await decide(page, pupilId, move, `Ella: ${move}`);
      expect(banner).toContain(`Ella Morris is now at ${framework.stages[stage].label}.`);
      expect([move, await stageOf(pupilId)]).toEqual([move, stage]);
      expect(await shownStage(page)).toBe(framework.stages[stage].label);
      await noViolations(page);
      await page.screenshot({ path: path.join(screenshots, `2001-${move}.png`), fullPage: true });
    }
    await context.close();
  }, 180_000);

  it("Jersey: a concern, the meeting with parents, Assess-Plan-Do-Review, the SEN register, external advice, the reports reviewed, an Exceptional Action Assessment requested", async () => {
    const framework = frameworks.recordOfNeed;
    const { context, page } = await sencoOf(framework.id);
    const pupilId = await enrolOnPage(page, framework, "Tom", "Le Brocq");

    const made = async (move: string, stage: keyof typeof framework.stages) => {
      const banner = await decide(page, pupilId, move, `Tom: ${move}`);
      expect(banner).toContain(`Tom Le Brocq is now at ${framework.stages[stage].label}.`);
      expect([move, await stageOf(pupilId)]).toEqual([move, stage]);
      await noViolations(page);
      await page.screenshot({ path: path.join(screenshots, `jersey-${move}.png`), fullPage: true });
    };
    await made("raiseConcern", "concernRaised");
    await made("meetParents", "parentMeetingHeld");
    await made("agreeApdrPlan", "apdrCycles");
    // "After successive cycles expected progress is not made": the register is open once enough cycles are reviewed.
    const cycleOf = async () => (await worker.db.prepare("SELECT cycle FROM pupils WHERE id = ?").bind(pupilId).first<{ cycle: number }>())?.cycle ?? 0;
    let reviews = 0;
    while ((await cycleOf()) < framework.moves.placeOnSenRegister.minimumCycles && reviews++ < 3) {
      await page.goto(`${worker.url}/forms/pupils/${pupilId}`);
      expect(await page.locator('ul.decisions-open li[data-move="placeOnSenRegister"]').count()).toBe(0);
      await made("continueApdrCycle", "apdrCycles");
    }
    expect(reviews).toBeGreaterThan(0);
    await made("placeOnSenRegister", "senRegister");
    await made("seekExternalAdvice", "externalAdvice");
    await made("reviewReportsRecommendations", "reportsReviewed");
    await made("requestExceptionalActionAssessment", "exceptionalActionAssessmentRequested");

    // What was recorded on the way is on the pupil's page: the meetings and the specialist's involvement.
    const meetings = page.locator("table", { has: page.locator("caption", { hasText: "Meetings with the parents" }) });
    expect(await meetings.locator("tbody tr").count()).toBe(2);
    const involved = page.locator("table", { has: page.locator("caption", { hasText: "Specialists involved" }) });
    expect(await involved.locator("tbody tr").count()).toBe(1);
    await context.close();
  }, 240_000);
});

describe("a generated walk: every decision the school makes, in every framework, from every stage, through the pages alone", () => {
  it("each move the framework leaves to the school is made on its page by the SENCO and lands the pupil where the framework says", async () => {
    const failures: string[] = [];
    for (const framework of Object.values(frameworks)) {
      const { school, context, page } = await sencoOf(framework.id);
      // Set-up: a pupil enrolled at each stage through the enrol page's own data, straight into D1 as an import would.
      for (const [id, move] of Object.entries(framework.moves)) {
        if ((move.decidedBy ?? "school") !== "school" || (move.minimumCycles ?? 0) > 0) continue;
        for (const stage of move.from) {
          // The SENCO's action on a Record of Concern is taken on the concern raised: the pupil starts where a concern is raised.
          const raising = move.form === "recordOfConcern" ? concernRaisedInto(framework, stage) : null;
          const pupilId = await pupilAt(school, raising ? framework.initialStage : stage);
          try {
            if (raising) await decide(page, pupilId, raising, `Walked: ${raising}`);
            await decide(page, pupilId, id, `Walked: ${id}`);
            const to = move.to === "stay" ? stage : move.to;
            if ((await stageOf(pupilId)) !== to) failures.push(`${framework.id} ${stage} ${id}: at ${await stageOf(pupilId)}, not ${to}`);
          } catch (error) {
            failures.push(`${framework.id} ${stage} ${id}: ${String(error).split("\n")[0]}`);
          }
        }
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

/** The move raising a concern from where a case starts into this stage, if there is one. */
function concernRaisedInto(framework: FrameworkDefinition, stage: string) {
  const raising = Object.entries(framework.moves).find(([, move]) => move.form === "recordOfConcern" && move.to === stage && move.from.includes(framework.initialStage as never));
  return raising ? raising[0] : null;
}

/** A pupil of the school at a stage, written straight into D1 (set-up: the walk is about the decision, not the enrolment). */
async function pupilAt(school: { id: string; laId: string }, stage: string) {
  const id = crypto.randomUUID();
  await worker.db
    .prepare(
      "INSERT INTO pupils (id, school_id, la_id, upn, given_name, family_name, date_of_birth, year_group, framework, stage, cycle, version, areas_of_need) SELECT ?, s.id, s.la_id, ?, 'Walk', 'Pupil', '2016-02-10', '5', s.framework, ?, 0, 0, '[\"cognitionAndLearning\"]' FROM schools s WHERE s.id = ?",
    )
    .bind(id, upn(), stage, school.id)
    .run();
  return id;
}
