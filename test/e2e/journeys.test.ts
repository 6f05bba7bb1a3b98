import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import type { Decider, FrameworkDefinition, MoveDefinition } from "../../worker/workflow/definition";
import { frameworks } from "../../worker/workflow/frameworks";
import { axeViolations } from "./support/axe";
import { fillEveryField, formWithDecision, saveForm } from "./support/fill";
import { signInByPage, useLocalWorker } from "./support/browser";
import { insertSchool } from "./support/schools";
import { insertOfficer, insertStaff } from "./support/staff";

const screenshots = path.resolve("test-results/journeys");
let serial = 0;
const upn = () => withUpnCheckLetter(`${Date.now() % 1e9}${serial++ % 1000}`.padStart(12, "2").slice(-12));

const local = useLocalWorker();
const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);
const stageOf = async (pupilId: string) =>
  (await local.worker.db.prepare("SELECT stage FROM pupils WHERE id = ?").bind(pupilId).first<{ stage: string }>())?.stage;
const shownStage = (page: Page) => page.locator("[data-stage]").textContent();

/** A school of the framework and its SENCO, signed in through the sign-in page by typing. */
async function sencoOf(framework: string) {
  const school = await insertSchool(local.worker.db, { framework });
  const senco = await insertStaff(local.worker.db, school, "senco");
  const { context, page } = await signInByPage(local, senco.email);
  return { school, context, page };
}

/** Enrols a pupil on the enrol page, reached from the staff home through the SEN register, at the framework's first stage. */
async function enrolOnPage(page: Page, framework: FrameworkDefinition, givenName: string, familyName: string) {
  await page.goto(`${local.worker.url}/staff`);
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
  await page.goto(`${local.worker.url}/forms/pupils/${pupilId}`);
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
    const cycleOf = async () => (await local.worker.db.prepare("SELECT cycle FROM pupils WHERE id = ?").bind(pupilId).first<{ cycle: number }>())?.cycle ?? 0;
    let reviews = 0;
    while ((await cycleOf()) < framework.moves.placeOnSenRegister.minimumCycles && reviews++ < 3) {
      await page.goto(`${local.worker.url}/forms/pupils/${pupilId}`);
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

describe("a generated walk: every decision, in every framework, from every stage, by the one who decides it, through the pages alone", () => {
  it.each(Object.values(frameworks).map((framework) => [framework.name, framework] as const))(
    "%s: each move is made on its page by the SENCO or the LA officer the framework names, and lands the pupil where the framework says",
    async (_name, framework: FrameworkDefinition) => {
      const { school, context, page: senco } = await sencoOf(framework.id);
      const officer = await signInByPage(local, (await insertOfficer(local.worker.db, school.laId)).email);
      const pageOf: Record<Decider, Page> = { school: senco, authority: officer.page };
      const failures: string[] = [];
      const walked: string[] = [];
      for (const [id, move] of Object.entries(framework.moves)) {
        // Jersey's register after successive cycles is walked, cycle by cycle, in the journey above.
        if ((move.minimumCycles ?? 0) > 0) continue;
        for (const stage of move.from) {
          try {
            const pupilId = await pupilReadyFor(framework, id, move, stage, school, pageOf);
            await decide(pageOf[move.decidedBy ?? "school"], pupilId, id, `Walked: ${id}`);
            const to = move.to === "stay" ? stage : move.to;
            walked.push(`${move.decidedBy ?? "school"} ${stage} ${id}`);
            if ((await stageOf(pupilId)) !== to) failures.push(`${stage} ${id}: at ${await stageOf(pupilId)}, not ${to}`);
          } catch (error) {
            failures.push(`${stage} ${id}: ${String(error).split("\n")[0]}`);
          }
        }
      }
      await Promise.all([context.close(), officer.context.close()]);
      expect(failures).toEqual([]);
      // Both parties' moves were walked: the framework's LA decisions too, each by the officer.
      const authorityMoves = Object.values(framework.moves).filter((move) => move.decidedBy === "authority");
      expect(walked.filter((line) => line.startsWith("authority ")).length).toBe(authorityMoves.reduce((n, move) => n + move.from.length, 0));
    },
    600_000,
  );
});

/**
 * A pupil at the move's stage with the record the move is decided on. Where the pupil starts is set-up (straight into
 * D1, as an import would put them); every record the decision needs is made on the pages by whoever makes it: a concern
 * raised for the SENCO's action on it; for the LA's decision on a request, the school's request (however the framework
 * makes it) and the decisions between; for the LA's decision on another record (a review), the school's record of it.
 */
async function pupilReadyFor(
  framework: FrameworkDefinition,
  id: string,
  move: MoveDefinition<string>,
  stage: string,
  school: { id: string; laId: string },
  pageOf: Record<Decider, Page>,
) {
  const by = (moveId: string) => pageOf[framework.moves[moveId]!.decidedBy ?? "school"];
  if (move.form === "recordOfConcern") {
    const raising = concernRaisedInto(framework, stage);
    if (raising && raising !== id) {
      const pupilId = await pupilAt(school, framework.initialStage);
      await decide(by(raising), pupilId, raising, `Walked: ${raising}`);
      return pupilId;
    }
  }
  if ((move.decidedBy ?? "school") === "authority" && move.form === "assessmentRequest") {
    const route = requestedInto(framework, stage);
    if (!route) throw new Error(`no request leads to ${stage}`);
    const pupilId = await pupilAt(school, route.from);
    for (const step of route.moves) await decide(by(step), pupilId, step, `Walked: ${step}`);
    return pupilId;
  }
  const pupilId = await pupilAt(school, stage);
  if ((move.decidedBy ?? "school") === "authority" && move.form) {
    const kept = Object.entries(framework.moves).find(
      ([, other]) =>
        (other.decidedBy ?? "school") === "school" && other.form === move.form && other.from.includes(stage) && (other.to === "stay" || other.to === stage),
    );
    if (!kept) throw new Error(`the school records no ${move.form} at ${stage} for the LA to decide on`);
    await decide(pageOf.school, pupilId, kept[0], `Walked: ${kept[0]}`);
  }
  return pupilId;
}

/** The shortest way into a stage that starts with a request for assessment: where the pupil starts, and the moves. */
function requestedInto(framework: FrameworkDefinition, stage: string): { from: string; moves: string[] } | null {
  const moves = Object.entries(framework.moves).filter(([, move]) => (move.minimumCycles ?? 0) === 0 && move.to !== "stay");
  const queue = moves.filter(([, move]) => move.opensAssessmentRequest).map(([id, move]) => ({ from: move.from[0]!, at: move.to, moves: [id] }));
  const seen = new Set<string>();
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (next.at === stage) return { from: next.from, moves: next.moves };
    if (seen.has(next.at)) continue;
    seen.add(next.at);
    for (const [id, move] of moves) if (move.from.includes(next.at)) queue.push({ from: next.from, at: String(move.to), moves: [...next.moves, id] });
  }
  return null;
}

/** The move raising a concern from where a case starts into this stage, if there is one. */
function concernRaisedInto(framework: FrameworkDefinition, stage: string) {
  const raising = Object.entries(framework.moves).find(
    ([, move]) => move.form === "recordOfConcern" && move.to === stage && move.from.includes(framework.initialStage as never),
  );
  return raising ? raising[0] : null;
}

/** A pupil of the school at a stage, written straight into D1 (set-up: the walk is about the decision, not the enrolment). */
async function pupilAt(school: { id: string; laId: string }, stage: string) {
  const id = crypto.randomUUID();
  await local.worker.db
    .prepare(
      "INSERT INTO pupils (id, school_id, la_id, upn, given_name, family_name, date_of_birth, year_group, framework, stage, cycle, version, areas_of_need) SELECT ?, s.id, s.la_id, ?, 'Walk', 'Pupil', '2016-02-10', '5', s.framework, ?, 0, 0, '[\"cognitionAndLearning\"]' FROM schools s WHERE s.id = ?",
    )
    .bind(id, upn(), stage, school.id)
    .run();
  return id;
}
