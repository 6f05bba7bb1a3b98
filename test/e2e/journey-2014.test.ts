import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { frameworks } from "../../worker/workflow/frameworks";
import { axeViolations } from "./support/axe";
import { fillEveryField, formWithDecision, saveForm } from "./support/fill";
import { signInByPage, useLocalWorker } from "./support/browser";
import { insertSchool } from "./support/schools";
import { insertOfficer, insertStaff } from "./support/staff";

const screenshots = path.resolve("test-results/journeys");
const framework = frameworks.england2014;
const { moves, stages } = framework;
const upn = () => withUpnCheckLetter(`${Date.now() % 1e9}`.padStart(12, "3").slice(-12));

const local = useLocalWorker();
const signedIn = (email: string) => signInByPage(local, email);

/** Axe finds nothing on the page, and a screenshot of it is kept. */
async function checked(page: Page, name: string) {
  expect([name, await axeViolations(page)]).toEqual([name, []]);
  await page.screenshot({ path: path.join(screenshots, `2014-${name}.png`), fullPage: true });
}

const stageOf = async (pupilId: string) =>
  local.worker.db.prepare("SELECT stage, cycle FROM pupils WHERE id = ?").bind(pupilId).first<{ stage: string; cycle: number }>();
const banner = (page: Page) => page.locator(".notification-banner__heading").textContent();
const decisionLink = (page: Page, move: string) => page.locator(`ul.decisions-open li[data-move="${move}"] a`);
const savedOn = (pupilId: string) => new RegExp(`/forms/pupils/${pupilId}\\?saved=`);

describe("the 2014 Code's graduated response through the pages, from a concern to the LA's decision on an EHC needs assessment", () => {
  it("a concern, SEN support, Assess to Plan, a plan with three SMART targets, Do to Review, a review starting a further cycle, a parent meeting, specialist involvement, an EHC needs assessment request with the evidence; then the LA officer's decision", async () => {
    const { worker } = local;
    const school = await insertSchool(worker.db, { framework: framework.id });
    const { context, page } = await signedIn((await insertStaff(worker.db, school, "senco")).email);

    // Enrolled on the enrol page, reached from the staff home through the SEN register.
    await page.getByRole("link", { name: /^SEN register:/ }).click();
    await page.getByRole("link", { name: "Enrol a pupil" }).click();
    await page.getByLabel("Unique pupil number (UPN)").fill(upn());
    await page.getByLabel("First name").fill("Maya");
    await page.getByLabel("Last name").fill("Okafor");
    await page.getByLabel("Day").fill("3");
    await page.getByLabel("Month").fill("9");
    await page.getByLabel("Year", { exact: true }).fill("2016");
    await page.getByLabel("Year group").selectOption("5");
    await page.getByLabel(stages[framework.initialStage]!.label, { exact: true }).check();
    await page.getByRole("button", { name: "Enrol the pupil" }).click();
    await page.waitForURL(/\/forms\/pupils\/[0-9a-f-]{36}$/);
    const pupilId = new URL(page.url()).pathname.split("/").pop()!;

    // The concern raised and SEN support begun, each on the Record of Concern that records it.
    for (const [move, stage] of [
      ["raiseConcern", "concernRaised"],
      ["startSenSupport", "senSupportAssess"],
    ] as const) {
      await decisionLink(page, move).click();
      await page.waitForLoadState();
      await fillEveryField(await formWithDecision(page, move), move, `Maya: ${move}`);
      expect(await saveForm(page, move, savedOn(pupilId)), `${move}: the form's errors`).toEqual([]);
      expect(await banner(page)).toContain(`Maya Okafor is now at ${stages[stage].label}.`);
      await checked(page, move);
    }

    // Assess to Plan: a move with no form, confirmed with the day it happened.
    await decisionLink(page, "completeAssessment").click();
    await page.waitForURL(/\/decisions\/completeAssessment$/);
    await page.getByLabel("Reason (optional)").fill("Assessment shared with Maya's parents");
    await page.getByRole("button", { name: "Confirm the decision" }).click();
    await page.waitForURL(savedOn(pupilId));
    expect(await banner(page)).toBe(
      `Decision recorded: ${moves.completeAssessment.label}. Maya Okafor is now at ${stages.senSupportPlan.label}. Next: ${moves.agreePlan.label}`,
    );

    // The plan, with three SMART targets.
    await decisionLink(page, "agreePlan").click();
    await page.waitForURL(/\/plan$/);
    await page.getByLabel("Objective").fill("Read and spell the first 100 high-frequency words");
    await page.getByLabel("Baseline assessment").fill("Reads 20 of the first 100 high-frequency words");
    const reviewOn = page.locator("fieldset", { hasText: "Date for review" });
    await reviewOn.getByLabel("Day").fill("20");
    await reviewOn.getByLabel("Month").fill("3");
    await reviewOn.getByLabel("Year").fill(String(new Date().getUTCFullYear() + 1));
    for (const index of [0, 1, 2]) {
      const target = page.locator("fieldset.target").nth(index);
      await target.getByLabel("Target", { exact: true }).fill(`Reads ${10 * (index + 1)} more words from the list by the review`);
      await target.getByLabel("Criteria for success").fill("Reads them aloud in 3 of 4 sessions");
      await target.getByLabel("Teaching materials").fill("Word cards");
      await target.getByLabel("Teaching methods").fill("Precision teaching");
      await target.getByLabel("Who will teach or work with the child").fill("Teaching assistant");
      await target.getByLabel("Size of teaching group").fill("One to one");
      await target.getByLabel("Frequency").fill("Ten minutes a day");
    }
    await checked(page, "plan");
    await page.getByLabel(moves.agreePlan.label).check();
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.waitForURL(/saved=plan/);
    expect(await banner(page)).toBe(`Plan recorded. Maya Okafor is now at ${stages.senSupportDo.label}. Next: ${moves.startReview.label}`);
    const targets = await worker.db
      .prepare("SELECT COUNT(*) AS n FROM plan_targets JOIN plans ON plans.id = plan_targets.plan_id WHERE plans.pupil_id = ?")
      .bind(pupilId)
      .first<{ n: number }>();
    expect(targets?.n).toBe(3);

    // Do to Review, then the review that starts a further cycle.
    await decisionLink(page, "startReview").click();
    await page.waitForURL(/\/decisions\/startReview$/);
    await page.getByRole("button", { name: "Confirm the decision" }).click();
    await page.waitForURL(savedOn(pupilId));
    await decisionLink(page, "continueSenSupport").click();
    await page.waitForURL(/\/review$/);
    await page.getByLabel(/Evaluation of the pupil's performance/).fill("Some progress: 30 more words read");
    for (const index of [0, 1, 2]) await page.locator("fieldset.target").nth(index).getByLabel("Partly achieved").check();
    await page.getByRole("checkbox", { name: "Cognition and learning difficulties" }).check();
    await checked(page, "review");
    await page.getByLabel(moves.continueSenSupport.label).check();
    await page.getByRole("button", { name: "Save the review and its decision" }).click();
    await page.waitForLoadState();
    expect(await page.locator(".error-summary li").allTextContents()).toEqual([]);
    await page.waitForURL(/saved=review/);
    expect(await banner(page)).toBe(`Review recorded. Maya Okafor is now at ${stages.senSupportAssess.label}. Next: ${moves.completeAssessment.label}`);
    // SEN support began the first cycle; the review starts the second.
    expect(await stageOf(pupilId)).toEqual({ stage: "senSupportAssess", cycle: 2 });

    // The evidence: a meeting with the parents and a specialist's involvement.
    await page.getByRole("link", { name: "Record a meeting with the parents" }).click();
    await page.getByLabel("Outcomes agreed").fill("Parents agree to ask the LA for an EHC needs assessment");
    await checked(page, "parent-meeting");
    await page.getByRole("button", { name: "Save the meeting" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=parentMeeting$`));
    await page.getByRole("link", { name: "Record specialist involvement" }).click();
    await page.getByLabel("Specialist service", { exact: true }).fill("Educational psychology");
    await page.getByLabel("The advice given (optional)").fill("Needs beyond what SEN support can provide");
    await checked(page, "specialist-involvement");
    await page.getByRole("button", { name: "Save the specialist involvement" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=specialistInvolvement$`));

    // The request, carrying the evidence gathered on the way.
    await decisionLink(page, "requestEhcNeedsAssessment").click();
    await page.waitForURL(/\/assessment-request$/);
    await page
      .getByText(/Educational psychology/)
      .first()
      .waitFor();
    await page
      .getByText(/Parents agree to ask the LA/)
      .first()
      .waitFor();
    await page.getByLabel("Why the request is made now").fill("A full cycle of SEN support without the expected progress");
    await checked(page, "assessment-request");
    await page.getByLabel(moves.requestEhcNeedsAssessment.label).check();
    await page.getByRole("button", { name: "Send the request" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=assessmentRequest&record=`));
    expect(await banner(page)).toContain(`Maya Okafor is now at ${stages.ehcNeedsAssessmentRequested.label}.`);
    await context.close();

    // The LA officer finds the request on the LA's dashboard and records the decision.
    const officer = await signedIn((await insertOfficer(worker.db, school.laId)).email);
    const la = officer.page;
    await la.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Dashboard" }).click();
    await la.waitForURL(/\/dashboard\/la$/);
    const requests = la.locator("table", { has: la.locator("caption", { hasText: "Requests for statutory and EHC needs assessment" }) });
    await requests
      .locator("tbody tr", { hasText: "Okafor" })
      .getByRole("link", { name: /assessment/i })
      .click();
    await la.waitForURL(/\/assessment-requests\/[^/]+$/);
    await la.getByText("A full cycle of SEN support without the expected progress").waitFor();
    await la.getByText("Needs beyond what SEN support can provide").waitFor();
    await checked(la, "la-request");
    await la.getByRole("button", { name: "Record the LA's decision" }).click();
    await la.waitForURL(/\/decision$/);
    await la.getByLabel(moves.authorityAgreesToAssess.label).check();
    await la.getByRole("button", { name: "Record the decision" }).click();
    await la.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=authorityAgreesToAssess$`));
    expect(await banner(la)).toContain(`Maya Okafor is now at ${stages.ehcNeedsAssessmentAgreed.label}.`);
    await checked(la, "la-decision-recorded");
    expect(await stageOf(pupilId)).toEqual({ stage: "ehcNeedsAssessmentAgreed", cycle: 2 });
    await officer.context.close();
  }, 300_000);
});
