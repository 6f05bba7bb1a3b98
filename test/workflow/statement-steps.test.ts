import { describe, expect, it } from "vitest";
import type { EhcStep } from "../../schema/vocab";
import { decide, type Command, type DecideContext, type LoadedCase } from "../../worker/workflow/decide";
import { openEhcSteps } from "../../worker/workflow/ehc-cycle";
import type { Effect } from "../../worker/workflow/effects";
import { frameworks } from "../../worker/workflow/frameworks";
import { resolveTimescales } from "../../worker/workflow/timescales";

/**
 * The 2001 Code's Statement through the one decider: 6 weeks to decide, 10 to assess, 2 to the proposed Statement, 8 to
 * the final one (26 in all); the annual review and the head teacher's report; the Year 9 transition review. Each from
 * the day it happened, the expected days worked out by hand from the calendar and written here.
 */
const context: DecideContext = { timescales: resolveTimescales({}), region: "englandAndWales", authorityRegion: "englandAndWales", closures: new Set() };

function loadedCase(stage: keyof typeof frameworks.england2001.stages, running: [string, string][], overrides: Partial<LoadedCase> = {}): LoadedCase {
  return {
    closed: false,
    state: { framework: "england2001", stage, cycle: 2, version: 7 },
    runningClocks: new Set(running.map(([kind]) => kind)),
    citedFormFound: true,
    missingReferences: [],
    referral: null,
    runningAppealWindows: [],
    runningClockStarts: new Map(running),
    appealableDecisionOn: null,
    dateOfBirth: "2013-03-14",
    yearGroup: "8",
    ...overrides,
  };
}

const recordedAt = "2027-06-30T09:00:00.000Z";
const step = (name: EhcStep, occurredOn: string, role: "laOfficer" | "senco" = "laOfficer"): Command => ({
  kind: "recordEhcStep",
  stepId: "step-1",
  step: name,
  actor: { userId: "user-1", role },
  occurredOn,
  recordedAt,
});

function decided(loaded: LoadedCase, command: Command) {
  const result = decide(frameworks.england2001, loaded, command, context);
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
  return result.effects;
}
const starts = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "startClock" ? [{ clock: e.clock, dueOn: e.dueOn }] : []));
const stops = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "stopClock" ? [e.clock] : []));

describe("the 2001 Code's statutory assessment and Statement, to the day", () => {
  it("a request on Monday 4 January 2027 is decided by 15 February; the assessment then runs 10 weeks from the notice", () => {
    // The notice of the decision on Friday 12 February 2027: 10 weeks is 70 days, Friday 23 April (over Easter: calendar weeks).
    const requested = loadedCase("statutoryAssessmentRequested", [["statutoryAssessmentDecision", "2027-01-04"]]);
    const effects = decided(requested, step("statutoryAssessmentToBeMade", "2027-02-12"));
    expect(stops(effects)).toEqual(["statutoryAssessmentDecision"]);
    expect(starts(effects)).toEqual([{ clock: "statementAssessment", dueOn: "2027-04-23" }]);
  });

  it("the assessment completed on Friday 23 April: the proposed Statement by 7 May, then the final Statement 8 weeks after it", () => {
    const assessing = loadedCase("statutoryAssessmentRequested", [["statementAssessment", "2027-02-12"]]);
    expect(starts(decided(assessing, step("statutoryAssessmentCompleted", "2027-04-23")))).toEqual([{ clock: "proposedStatement", dueOn: "2027-05-07" }]);
    // Proposed Statement sent Friday 7 May 2027: 56 days later is Friday 2 July. From 4 January, 26 weeks is 5 July: within it.
    const proposing = loadedCase("statutoryAssessmentRequested", [["proposedStatement", "2027-04-23"]]);
    const effects = decided(proposing, step("proposedStatementIssued", "2027-05-07"));
    expect(stops(effects)).toEqual(["proposedStatement"]);
    expect(starts(effects)).toEqual([{ clock: "finalStatement", dueOn: "2027-07-02" }]);
  });

  it("a proposed Statement over the 29 February of 2028: the final one 8 weeks on", () => {
    // Sent Monday 21 February 2028: 8 days of February left (22-29), 31 of March, 17 of April make 56: Monday 17 April.
    const proposing = loadedCase("statutoryAssessmentRequested", [["proposedStatement", "2028-02-10"]]);
    expect(starts(decided(proposing, { ...step("proposedStatementIssued", "2028-02-21"), recordedAt: "2028-03-01T09:00:00.000Z" }))).toEqual([
      { clock: "finalStatement", dueOn: "2028-04-17" },
    ]);
  });

  it("the Authority's Statement ends the assessment's time limits", () => {
    expect(frameworks.england2001.moves.issueStatement.stopsClocks).toEqual(
      expect.arrayContaining(["statementAssessment", "proposedStatement", "finalStatement"]),
    );
    expect(frameworks.england2001.moves.issueNoteInLieu.stopsClocks).toEqual(
      expect.arrayContaining(["statementAssessment", "proposedStatement", "finalStatement"]),
    );
  });

  it("a step not awaited is refused, and a step before the one it follows", () => {
    const requested = loadedCase("statutoryAssessmentRequested", [["statutoryAssessmentDecision", "2027-01-04"]]);
    const notAwaited = decide(frameworks.england2001, requested, step("proposedStatementIssued", "2027-02-12"), context);
    expect(notAwaited.ok ? null : notAwaited.refusal.code).toBe("ehc_step_out_of_order");
    const early = decide(frameworks.england2001, requested, step("statutoryAssessmentToBeMade", "2027-01-03"), context);
    expect(early.ok ? null : early.refusal.code).toBe("ehc_step_before_previous");
    // A 2001 step is not the 2014 Code's, nor the other way round.
    const ehc = decide(frameworks.england2001, requested, step("draftPlanServed", "2027-02-12"), context);
    expect(ehc.ok ? null : ehc.refusal.code).toBe("ehc_step_not_in_framework");
  });
});

describe("the annual review of a Statement", () => {
  const reviewed = loadedCase("statement", [["statementAnnualReview", "2026-06-30"]]);

  it("a review meeting on Wednesday 16 December 2026: the head teacher's report within 10 school days, over Christmas, and the next review in 12 months", () => {
    // Working days from Wed 16 Dec: 17, 18, 21, 22, 23, 24 (25, 28 bank holidays), 29, 30, 31 Dec, (1 Jan), 4 Jan 2027.
    const effects = decided(reviewed, step("statementReviewMeetingHeld", "2026-12-16", "senco"));
    expect(stops(effects)).toEqual(["statementAnnualReview"]);
    expect(starts(effects)).toEqual([
      { clock: "statementReviewReport", dueOn: "2027-01-04" },
      { clock: "statementAnnualReview", dueOn: "2027-12-16" },
    ]);
  });

  it("the report stops its clock, and is refused when no report is awaited", () => {
    const reporting = loadedCase("statement", [["statementReviewReport", "2026-12-16"]]);
    expect(stops(decided(reporting, step("statementReviewReportSent", "2027-01-04", "senco")))).toEqual(["statementReviewReport"]);
    const none = decide(frameworks.england2001, reviewed, step("statementReviewReportSent", "2027-01-04", "senco"), context);
    expect(none.ok ? null : none.refusal.code).toBe("ehc_step_out_of_order");
  });

  it("the transition review is Year 9's: offered and taken in Year 9, refused in Year 8", () => {
    const yearNine = loadedCase("statement", [["statementAnnualReview", "2026-06-30"]], { yearGroup: "9" });
    expect(starts(decided(yearNine, step("statementTransitionReviewHeld", "2027-03-10", "senco")))).toEqual([
      // Wed 10 Mar 2027: 11, 12, 15-19, 22, 23, 24 March.
      { clock: "statementReviewReport", dueOn: "2027-03-24" },
      { clock: "statementAnnualReview", dueOn: "2028-03-10" },
    ]);
    const yearEight = decide(frameworks.england2001, reviewed, step("statementTransitionReviewHeld", "2027-03-10", "senco"), context);
    expect(yearEight.ok ? null : yearEight.refusal.code).toBe("ehc_step_out_of_order");
    const offered = (yearGroup: string) =>
      openEhcSteps(frameworks.england2001, new Set(["statementAnnualReview"]), "school", yearGroup).map((open) => open.step);
    expect(offered("9")).toEqual(["statementReviewMeetingHeld", "statementTransitionReviewHeld"]);
    expect(offered("8")).toEqual(["statementReviewMeetingHeld"]);
  });
});

describe("the steps open to each party, from the rules alone", () => {
  it("the LA records the assessment's steps and the school does not; the school records the EHC review meeting and report", () => {
    expect(openEhcSteps(frameworks.england2001, new Set(["statutoryAssessmentDecision"]), "authority", "5").map((open) => open.step)).toEqual([
      "statutoryAssessmentToBeMade",
    ]);
    expect(openEhcSteps(frameworks.england2001, new Set(["statutoryAssessmentDecision"]), "school", "5")).toEqual([]);
    expect(openEhcSteps(frameworks.england2014, new Set(["ehcFinalPlan", "ehcNoPlanNotice"]), "authority", "5").map((open) => open.step)).toEqual([
      "draftPlanServed",
    ]);
    expect(openEhcSteps(frameworks.england2014, new Set(["ehcFinalPlan"]), "school", "5")).toEqual([]);
    expect(openEhcSteps(frameworks.england2014, new Set(["ehcPlanAnnualReview"]), "school", "5").map((open) => open.step)).toEqual([
      "reviewMeetingHeld",
      "phaseTransferReviewed",
    ]);
    expect(openEhcSteps(frameworks.england2014, new Set(["ehcReviewReport", "ehcReviewDecision"]), "school", "5").map((open) => open.step)).toEqual([
      "reviewReportSent",
    ]);
    expect(openEhcSteps(frameworks.england2014, new Set(["ehcReviewReport", "ehcReviewDecision"]), "authority", "5").map((open) => open.step)).toEqual([
      "reviewReportSent",
      "reviewDecisionMade",
      "amendmentsProposed",
    ]);
    // Jersey's framework has no EHC steps: its appeals go to the Minister.
    expect(openEhcSteps(frameworks.recordOfNeed, new Set(["mediationAdviserContact", "ehcPlanAnnualReview"]), "authority", "5")).toEqual([]);
  });
});
