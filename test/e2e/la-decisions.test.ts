import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { drsProcedure, drsStepLabel } from "../../worker/workflow/drs-procedure";
import { frameworks } from "../../worker/workflow/frameworks";
import { axeViolations } from "./support/axe";
import { signInByPage, useLocalWorker, type SignedIn } from "./support/browser";
import { insertSchool } from "./support/schools";
import { insertOfficer, insertStaff } from "./support/staff";

const screenshots = path.resolve(import.meta.dirname, "../../test-results");
let serial = 0;
const upn = () => withUpnCheckLetter(`${Date.now() % 1e9}${serial++ % 1000}`.padStart(12, "1").slice(-12));
const moves = frameworks.england2014.moves;
const steps = drsProcedure.steps;

describe("the LA officer decides on an EHC needs assessment request, and school and LA record a DRS referral's steps, on the pages", () => {
  const local = useLocalWorker();
  let school: { id: string; laId: string };
  let senco: SignedIn;
  let officer: SignedIn;

  // Each person signed in once for the whole file, through the sign-in page (sign-in is rate-limited).
  beforeAll(async () => {
    school = await insertSchool(local.worker.db, { framework: "england2014" });
    senco = await signInByPage(local, (await insertStaff(local.worker.db, school, "senco")).email);
    officer = await signInByPage(local, (await insertOfficer(local.worker.db, school.laId)).email);
  });

  /** Axe finds nothing on the page, and a screenshot of it is kept. */
  async function checked(page: Page, name: string) {
    expect([name, await axeViolations(page)]).toEqual([name, []]);
    await page.screenshot({ path: path.join(screenshots, `la-decisions-${name}.png`), fullPage: true });
  }

  /** Set-up, not the journey: a pupil enrolled at a stage through the API (as a register import would). */
  async function enrol(stage: string, familyName: string) {
    const response = await fetch(`${local.worker.url}/api/pupils`, {
      method: "POST",
      headers: { Authorization: `Bearer ${senco.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        upn: upn(),
        givenName: "Noah",
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

  const banner = (page: Page) => page.locator(".notification-banner__heading").textContent();

  it("a SENCO requests an EHC needs assessment with the evidence gathered; the LA officer finds it in the LA's list, opens it, records an exception and the decision", async () => {
    const familyName = `Hughes${serial++}`;
    const pupilId = await enrol("senSupportReview", familyName);
    const { page } = senco;
    await page.goto(`${local.worker.url}/forms/pupils/${pupilId}`);

    // The evidence, recorded on the pages: a meeting with the parents and a specialist's involvement.
    await page.getByRole("link", { name: "Record a meeting with the parents" }).click();
    await page.getByLabel("Outcomes agreed").fill("Parents agree to ask the LA for an EHC needs assessment");
    await page.getByRole("button", { name: "Save the meeting" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=parentMeeting$`));
    await page.getByRole("link", { name: "Record specialist involvement" }).click();
    await page.getByLabel("Specialist service", { exact: true }).fill("Educational psychology");
    await page.getByLabel("The advice given (optional)").fill("Needs beyond what SEN support can provide");
    await page.getByRole("button", { name: "Save the specialist involvement" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=specialistInvolvement$`));

    await page.locator("ul.decisions-open").getByRole("link", { name: moves.requestEhcNeedsAssessment.label, exact: true }).click();
    await page.waitForURL(/\/assessment-request$/);
    await page
      .locator("#evidence-title + p + h3 ~ ul")
      .getByText(/Educational psychology/)
      .waitFor();
    await page.getByLabel("Why the request is made now").fill("Two cycles of SEN support without the expected progress");
    await page.getByLabel(moves.requestEhcNeedsAssessment.label).check();
    await page.getByRole("button", { name: "Send the request" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=assessmentRequest&record=`));
    expect(await banner(page)).toMatch(/^Assessment request recorded\. Noah \S+ is now at /);

    // The officer: the LA's list of requests, the request's page, an exception, the decision.
    const { page: la } = officer;
    await la.goto(`${local.worker.url}/staff`);
    await la.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Dashboard" }).click();
    await la.waitForURL(/\/dashboard\/la$/);
    const requests = la.locator("table", { has: la.locator("caption", { hasText: "Requests for statutory and EHC needs assessment" }) });
    const request = requests.locator("tbody tr", { hasText: familyName });
    expect(await request.count()).toBe(1);
    await request.getByRole("link", { name: /assessment/i }).click();
    await la.waitForURL(/\/assessment-requests\/[^/]+$/);
    await la.getByText("Two cycles of SEN support without the expected progress").waitFor();
    await la.getByText("Awaiting the LA's decision").waitFor();
    await la.getByText("Needs beyond what SEN support can provide").waitFor();
    await la.getByText("Parents agree to ask the LA for an EHC needs assessment").waitFor();
    await checked(la, "request");

    await la.getByRole("link", { name: "Record an exception to the time limits" }).click();
    await la.waitForURL(/\/exception$/);
    await la.getByRole("button", { name: "Record the exception" }).click();
    await la.locator(".error-summary").getByRole("link", { name: "Choose why the time limit cannot be met" }).waitFor();
    expect(await la.title()).toMatch(/^Error: /);
    await checked(la, "exception-error");
    await la.getByLabel("Exceptional personal circumstances affect the child or their parent, or the young person").check();
    await la.getByLabel("What happened (optional)").fill("A family bereavement");
    await la.getByRole("button", { name: "Record the exception" }).click();
    await la.waitForURL(/\?saved=exception$/);
    expect(await banner(la)).toBe("Exception to the time limits recorded");
    await la.getByText("A family bereavement").waitFor();
    await checked(la, "request-with-exception");

    await la.getByRole("button", { name: "Record the LA's decision" }).click();
    await la.waitForURL(/\/decision$/);
    await checked(la, "decision");
    await la.getByLabel(moves.authorityAgreesToAssess.label).check();
    await la.getByRole("button", { name: "Record the decision" }).click();
    await la.waitForURL(new RegExp(`/forms/pupils/${pupilId}\\?saved=authorityAgreesToAssess$`));
    expect(await banner(la)).toContain(`Decision recorded: ${moves.authorityAgreesToAssess.label}. Noah ${familyName} is now at EHC needs assessment agreed.`);
    await checked(la, "pupil-after-decision");

    const stored = await local.worker.db
      .prepare("SELECT la_decision, la_decision_on FROM assessment_requests WHERE pupil_id = ?")
      .bind(pupilId)
      .first<{ la_decision: string; la_decision_on: string }>();
    expect(stored).toEqual({ la_decision: "agreed", la_decision_on: new Date().toISOString().slice(0, 10) });
  }, 180_000);

  it("a DRS referral's steps: the school's on its pages, then the LA officer's, each on its own page", async () => {
    const familyName = `Evans${serial++}`;
    const pupilId = await enrol("senSupportDo", familyName);
    const { page } = senco;
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`${local.worker.url}/forms/pupils/${pupilId}`);
    await page.getByRole("link", { name: /Refer a disagreement/ }).click();
    await page.getByLabel("How the school and the parents/carers tried to resolve the disagreement informally").fill("Two meetings with the Headteacher");
    await page.getByRole("group", { name: "The parents/carers", exact: true }).getByLabel("Agrees to mediation through the DRS").check();
    await page.getByRole("group", { name: "The school", exact: true }).getByLabel("Agrees to mediation through the DRS").check();
    for (const who of ["Date signed by the parents/carers", "Date signed by the school"]) {
      const date = page.getByRole("group", { name: who });
      await date.getByLabel("Day").fill(String(Number(today.slice(8, 10))));
      await date.getByLabel("Month").fill(String(Number(today.slice(5, 7))));
      await date.getByLabel("Year").fill(today.slice(0, 4));
    }
    await page.getByLabel("Brief written summary of the issues in dispute").fill("Provision in the plan");
    await page.getByLabel(/The action the school has taken/).fill("Offered a weekly check-in");
    await page.getByRole("button", { name: /Submit the referral/ }).click();
    await page.waitForURL(/\/print\/pupils\/.+\/drs-referrals\//);
    await page.getByRole("link", { name: "The referral's steps and deadlines" }).click();
    await page.waitForURL(/\/forms\/drs-referrals\/[^/]+$/);
    await checked(page, "drs-referral-school");
    // The LA's steps are not the school's to record.
    expect(await page.getByRole("link", { name: steps.forwardedToDrs.label }).count()).toBe(0);

    const record = async (on: Page, step: keyof typeof steps, note?: string) => {
      await on.getByRole("link", { name: drsStepLabel(step, frameworks.england2014.words), exact: true }).click();
      await on.waitForURL(new RegExp(`/steps/${step}$`));
      if (note) await on.getByLabel("Note (optional)").fill(note);
      await on.getByRole("button", { name: "Record the step" }).click();
      await on.waitForURL(new RegExp(`\\?saved=${step}$`));
      expect(await banner(on)).toBe(`Step recorded: ${drsStepLabel(step, frameworks.england2014.words)}`);
    };
    await page.getByRole("link", { name: drsStepLabel("parentPartnershipInformed", frameworks.england2014.words), exact: true }).click();
    await checked(page, "drs-step-school");
    await page.getByLabel("Note (optional)").fill("Leaflet given at the meeting");
    await page.getByRole("button", { name: "Record the step" }).click();
    await page.waitForURL(/\?saved=parentPartnershipInformed$/);
    await record(page, "mediationAgreed");
    await record(page, "referralSubmitted", "Sent to the SEN Support & Monitoring Officer");
    await checked(page, "drs-referral-submitted");

    // The officer reaches the referral from the pupil's page, found on the LA dashboard.
    const { page: la } = officer;
    await la.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Dashboard" }).click();
    await la.waitForURL(/\/dashboard\/la$/);
    const referrals = la.locator("table", { has: la.locator("caption", { hasText: "Open DRS referrals" }) });
    await referrals
      .locator("tbody tr", { hasText: familyName })
      .getByRole("link", { name: new RegExp(familyName) })
      .click();
    await la.waitForURL(new RegExp(`/forms/pupils/${pupilId}$`));
    await la
      .locator("table", { has: la.locator("caption", { hasText: "Disagreement Resolution Service referrals" }) })
      .locator("tbody a")
      .first()
      .click();
    await la.waitForURL(/\/forms\/drs-referrals\/[^/]+$/);
    await checked(la, "drs-referral-la");
    await la.getByRole("link", { name: steps.forwardedToDrs.label, exact: true }).click();
    await checked(la, "drs-step-la");
    await la.getByRole("button", { name: "Record the step" }).click();
    await la.waitForURL(/\?saved=forwardedToDrs$/);
    for (const step of ["drsContactedParties", "meetingOffered", "meetingHeld", "agreementReached"] as const) await record(la, step);
    await la.getByText(`Now at: ${steps.agreementReached.label}`).waitFor();
    await la.getByText("Leaflet given at the meeting").waitFor();
    await checked(la, "drs-referral-agreed");

    const stored = await local.worker.db
      .prepare(
        "SELECT r.current_step AS step, COUNT(s.id) AS steps FROM drs_referrals r JOIN drs_referral_steps s ON s.referral_id = r.id WHERE r.pupil_id = ? GROUP BY r.id",
      )
      .bind(pupilId)
      .first<{ step: string; steps: number }>();
    expect(stored).toEqual({ step: "agreementReached", steps: 9 });
  }, 180_000);
});
