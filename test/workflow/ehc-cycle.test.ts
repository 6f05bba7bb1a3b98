import { describe, expect, it } from "vitest";
import type { EhcStep } from "../../schema/vocab";
import { decide, type Command, type DecideContext, type LoadedCase } from "../../worker/workflow/decide";
import type { Effect } from "../../worker/workflow/effects";
import { frameworks } from "../../worker/workflow/frameworks";
import { resolveTimescales } from "../../worker/workflow/timescales";

/**
 * The EHC process's own clocks through the one decider, each from the day the step happened (recorded later), the
 * expected days worked out by hand from the regulations and the calendar and written here.
 */
const context: DecideContext = { timescales: resolveTimescales({}), region: "englandAndWales", authorityRegion: "englandAndWales", closures: new Set() };

function loadedCase(overrides: Partial<LoadedCase> = {}): LoadedCase {
  return {
    closed: false,
    state: { framework: "england2014", stage: "ehcPlan", cycle: 3, version: 9 },
    runningClocks: new Set(),
    citedFormFound: true,
    missingReferences: [],
    referral: null,
    runningAppealWindows: [],
    runningClockStarts: new Map(),
    appealableDecisionOn: null,
    dateOfBirth: "2016-05-04",
    ...overrides,
  };
}

const recordedAt = "2028-06-01T09:00:00.000Z";
const step = (name: EhcStep, occurredOn: string, extra: Partial<Extract<Command, { kind: "recordEhcStep" }>> = {}): Command => ({
  kind: "recordEhcStep",
  stepId: "step-1",
  step: name,
  actor: { userId: "officer-1", role: "laOfficer" },
  occurredOn,
  recordedAt,
  ...extra,
});

function effectsOf(loaded: LoadedCase, command: Command, ctx = context, framework = frameworks.england2014): Effect[] {
  const decided = decide(framework, loaded, command, ctx);
  if (!decided.ok) throw new Error(`refused: ${decided.refusal.code}`);
  return decided.effects;
}

const starts = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "startClock" ? [{ clock: e.clock, startedOn: e.startedOn, dueOn: e.dueOn }] : []));
const stops = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "stopClock" ? [e.clock] : []));

describe("a mediation certificate sets the appeal deadline", () => {
  const decided = loadedCase({ appealableDecisionOn: "2026-11-30", runningClockStarts: new Map([["mediationCertificate", "2027-01-15"]]) });

  it("a certificate whose month ends after the decision's two months moves the deadline to it", () => {
    // Decision Mon 30 Nov 2026: 2 months is Sat 30 Jan 2027, moved to Mon 1 Feb (HESC r.12).
    // Certificate Wed 20 Jan 2027: 1 month is Sat 20 Feb, moved to Mon 22 Feb: later, so it is the deadline.
    const effects = effectsOf(decided, step("mediationCertificateIssued", "2027-01-20"));
    expect(stops(effects)).toEqual(["mediationCertificate", "tribunalAppealWindow"]);
    expect(starts(effects)).toEqual([{ clock: "tribunalAppealAfterMediation", startedOn: "2027-01-20", dueOn: "2027-02-22" }]);
    expect(effects[0]).toMatchObject({
      kind: "recordEhcStep",
      step: "mediationCertificateIssued",
      happenedOn: "2027-01-20",
      recordedAt,
      recordedByUserId: "officer-1",
    });
  });

  it("a certificate whose month ends first leaves the two months from the decision", () => {
    // Certificate Thu 10 Dec 2026: 1 month is Sun 10 Jan 2027, moved to Mon 11 Jan: before 1 Feb.
    const effects = effectsOf(decided, step("mediationCertificateIssued", "2026-12-10"));
    expect(stops(effects)).toEqual(["mediationCertificate"]);
    expect(starts(effects)).toEqual([]);
  });

  it("a certificate over Christmas is moved past 1 January", () => {
    // Decision Fri 30 Oct 2026: 2 months is Wed 30 Dec, in the Christmas days, so Mon 4 Jan 2027 (1 Jan a holiday, 2-3 a weekend).
    // Certificate Mon 30 Nov 2026: 1 month is Wed 30 Dec too: the same day, so the decision's window stands.
    const effects = effectsOf(loadedCase({ appealableDecisionOn: "2026-10-30" }), step("mediationCertificateIssued", "2026-11-30"));
    expect(starts(effects)).toEqual([]);
    // Certificate Tue 8 Dec 2026: 1 month is Fri 8 Jan 2027: later.
    expect(starts(effectsOf(loadedCase({ appealableDecisionOn: "2026-10-30" }), step("mediationCertificateIssued", "2026-12-08")))).toEqual([
      { clock: "tribunalAppealAfterMediation", startedOn: "2026-12-08", dueOn: "2027-01-08" },
    ]);
  });

  it("is refused before the decision, without a decision, and in Jersey (whose appeals go to the Minister)", () => {
    const before = decide(frameworks.england2014, decided, step("mediationCertificateIssued", "2026-11-29"), context);
    expect(before).toMatchObject({ ok: false, refusal: { code: "ehc_step_before_previous", previousOn: "2026-11-30" } });
    const none = decide(frameworks.england2014, loadedCase(), step("mediationCertificateIssued", "2027-01-20"), context);
    expect(none).toMatchObject({ ok: false, refusal: { code: "no_appealable_decision" } });
    const jersey = decide(
      frameworks.recordOfNeed,
      loadedCase({ state: { framework: "recordOfNeed", stage: "noSenIdentified", cycle: 0, version: 1 } }),
      step("mediationAdviserContacted", "2027-01-20"),
      context,
    );
    expect(jersey).toMatchObject({ ok: false, refusal: { code: "ehc_step_not_in_framework" } });
  });

  it("the parent's contact with the adviser starts the certificate's 3 working days from the day of contact", () => {
    // Contact Wed 23 Dec 2026: 24 Dec, (25, 28 Dec holidays, weekend), 29, 30 Dec.
    const effects = effectsOf(loadedCase({ appealableDecisionOn: "2026-11-30" }), step("mediationAdviserContacted", "2026-12-23"));
    expect(stops(effects)).toEqual(["mediationAdviserContact"]);
    expect(starts(effects)).toEqual([{ clock: "mediationCertificate", startedOn: "2026-12-23", dueOn: "2026-12-30" }]);
  });

  it("a parent who wishes to mediate: mediation within 30 days of the LA being told", () => {
    expect(starts(effectsOf(loadedCase(), step("mediationWanted", "2027-01-31")))).toEqual([
      { clock: "mediationHeld", startedOn: "2027-01-31", dueOn: "2027-03-02" },
    ]);
  });
});

describe("the LA's decisions open the mediation adviser window beside the tribunal's", () => {
  it("refusing to assess, recorded a week late, opens both from the day decided", () => {
    const loaded = loadedCase({ state: { framework: "england2014", stage: "ehcNeedsAssessmentRequested", cycle: 2, version: 4 } });
    const command: Command = {
      kind: "recordForm",
      form: { kind: "assessmentRequest", id: "req-1", decidedOn: "2026-11-30" },
      decision: { move: "authorityRefusesToAssess", expectedVersion: 4, reason: null },
      actor: { userId: "officer-1", role: "laOfficer" },
      occurredOn: "2026-11-30",
      recordedAt: "2026-12-07T10:00:00.000Z",
    };
    const effects = effectsOf(loaded, command);
    expect(stops(effects)).toEqual(["ehcAssessmentDecision", "ehcFinalPlan", "ehcNoPlanNotice"]);
    // 2 months from Mon 30 Nov 2026: Sat 30 Jan 2027; the Tribunal's rule moves it to Mon 1 Feb, the adviser's does not.
    expect(starts(effects)).toEqual([
      { clock: "tribunalAppealWindow", startedOn: "2026-11-30", dueOn: "2027-02-01" },
      { clock: "mediationAdviserContact", startedOn: "2026-11-30", dueOn: "2027-01-30" },
    ]);
  });

  it("a request received on Monday 23 November and recorded on 1 December starts its 16-week notice from the 23rd", () => {
    const loaded = loadedCase({ state: { framework: "england2014", stage: "senSupportReview", cycle: 2, version: 4 } });
    const command: Command = {
      kind: "move",
      move: "requestEhcNeedsAssessment",
      expectedVersion: 4,
      actor: { userId: "senco-1", role: "senco" },
      reason: null,
      form: { kind: "assessmentRequest", id: "req-1" },
      occurredOn: "2026-11-23",
      recordedAt: "2026-12-01T10:00:00.000Z",
    };
    // 6 weeks: Mon 4 Jan 2027; 20 weeks: Mon 12 Apr 2027; 16 weeks: Mon 15 Mar 2027.
    expect(starts(effectsOf(loaded, command))).toEqual([
      { clock: "ehcAssessmentDecision", startedOn: "2026-11-23", dueOn: "2027-01-04" },
      { clock: "ehcFinalPlan", startedOn: "2026-11-23", dueOn: "2027-04-12" },
      { clock: "ehcNoPlanNotice", startedOn: "2026-11-23", dueOn: "2027-03-15" },
    ]);
  });
});

describe("the draft plan and the final plan", () => {
  const agreed = loadedCase({
    state: { framework: "england2014", stage: "ehcNeedsAssessmentAgreed", cycle: 2, version: 5 },
    runningClockStarts: new Map([["ehcFinalPlan", "2027-01-04"]]),
  });

  it("the parent's 15 days begin with the day the draft was served, over 29 February", () => {
    // Served 15 Feb 2028 is day 1; 29 Feb is day 15 (2028 is a leap year).
    const effects = effectsOf(agreed, step("draftPlanServed", "2028-02-15"));
    expect(stops(effects)).toEqual(["ehcNoPlanNotice"]);
    expect(starts(effects)).toEqual([{ clock: "ehcDraftPlanComments", startedOn: "2028-02-15", dueOn: "2028-02-29" }]);
  });

  it("in a common year the 15th day is 1 March", () => {
    expect(starts(effectsOf(agreed, step("draftPlanServed", "2027-02-15")))[0]?.dueOn).toBe("2027-03-01");
  });

  it("is refused before the request it follows and where no plan is awaited", () => {
    expect(decide(frameworks.england2014, agreed, step("draftPlanServed", "2027-01-03"), context)).toMatchObject({
      ok: false,
      refusal: { code: "ehc_step_before_previous", previousOn: "2027-01-04" },
    });
    expect(decide(frameworks.england2014, loadedCase(), step("draftPlanServed", "2027-02-15"), context)).toMatchObject({
      ok: false,
      refusal: { code: "ehc_step_out_of_order" },
    });
  });

  it("a plan issued for a child of three starts the under-fives' review at the LA's interval, not twelve months", () => {
    const command: Command = {
      kind: "recordForm",
      form: { kind: "assessmentRequest", id: "req-1", decidedOn: "2027-04-12" },
      decision: { move: "issueEhcPlan", expectedVersion: 5, reason: null },
      actor: { userId: "officer-1", role: "laOfficer" },
      occurredOn: "2027-04-12",
      recordedAt: "2027-04-20T10:00:00.000Z",
    };
    const three = { ...agreed, dateOfBirth: "2023-09-01" };
    expect(starts(effectsOf(three, command))).toEqual([{ clock: "ehcUnderFiveReview", startedOn: "2027-04-12", dueOn: "2027-10-12" }]);
    const everyFourMonths = { ...context, timescales: resolveTimescales({ ehcUnderFiveReview: { amount: 4, unit: "months" } }) };
    expect(starts(effectsOf(three, command, everyFourMonths))).toEqual([{ clock: "ehcUnderFiveReview", startedOn: "2027-04-12", dueOn: "2027-08-12" }]);
    expect(starts(effectsOf({ ...agreed, dateOfBirth: "2016-05-04" }, command))).toEqual([
      { clock: "ehcPlanAnnualReview", startedOn: "2027-04-12", dueOn: "2028-04-12" },
    ]);
  });
});

describe("the annual review and what follows it (reg 20 and 22)", () => {
  const underReview = loadedCase({ runningClockStarts: new Map([["ehcPlanAnnualReview", "2026-01-12"]]) });

  it("a review meeting on Monday 21 December 2026, recorded in January: report in 2 weeks, decision in 4, next review in 12 months", () => {
    const effects = effectsOf(underReview, step("reviewMeetingHeld", "2026-12-21"));
    expect(stops(effects)).toEqual(["ehcPlanAnnualReview", "ehcUnderFiveReview", "ehcUnderFiveReview"]);
    expect(starts(effects)).toEqual([
      { clock: "ehcReviewReport", startedOn: "2026-12-21", dueOn: "2027-01-04" },
      { clock: "ehcReviewDecision", startedOn: "2026-12-21", dueOn: "2027-01-18" },
      { clock: "ehcPlanAnnualReview", startedOn: "2026-12-21", dueOn: "2027-12-21" },
    ]);
  });

  it("a child five on the day of the meeting is reviewed yearly; a day younger, at the under-fives' interval", () => {
    const fiveToday = effectsOf({ ...underReview, dateOfBirth: "2021-12-21" }, step("reviewMeetingHeld", "2026-12-21"));
    expect(starts(fiveToday).at(-1)).toEqual({ clock: "ehcPlanAnnualReview", startedOn: "2026-12-21", dueOn: "2027-12-21" });
    const fourStill = effectsOf({ ...underReview, dateOfBirth: "2021-12-22" }, step("reviewMeetingHeld", "2026-12-21"));
    expect(starts(fourStill).at(-1)).toEqual({ clock: "ehcUnderFiveReview", startedOn: "2026-12-21", dueOn: "2027-06-21" });
  });

  it("the report and the LA's decision stop their own clocks, and are refused when not awaited", () => {
    const awaiting = loadedCase({
      runningClockStarts: new Map([
        ["ehcReviewReport", "2026-12-21"],
        ["ehcReviewDecision", "2026-12-21"],
      ]),
    });
    expect(stops(effectsOf(awaiting, step("reviewReportSent", "2027-01-04")))).toEqual(["ehcReviewReport"]);
    expect(stops(effectsOf(awaiting, step("reviewDecisionMade", "2027-01-15")))).toEqual(["ehcReviewDecision"]);
    expect(decide(frameworks.england2014, loadedCase(), step("reviewReportSent", "2027-01-04"), context)).toMatchObject({
      ok: false,
      refusal: { code: "ehc_step_out_of_order" },
    });
    expect(decide(frameworks.england2014, awaiting, step("reviewReportSent", "2026-12-20"), context)).toMatchObject({
      ok: false,
      refusal: { code: "ehc_step_before_previous" },
    });
  });

  it("proposed amendments on 30 December 2027: the amended plan within 8 weeks, over the leap day", () => {
    const awaiting = loadedCase({ runningClockStarts: new Map([["ehcReviewDecision", "2027-12-13"]]) });
    const effects = effectsOf(awaiting, step("amendmentsProposed", "2027-12-30"));
    expect(stops(effects)).toEqual(["ehcReviewDecision"]);
    expect(starts(effects)).toEqual([{ clock: "ehcAmendedPlan", startedOn: "2027-12-30", dueOn: "2028-02-24" }]);
  });

  it("a phase transfer review: amended by 15 February of the year of transfer, 31 March for post-16", () => {
    const school = effectsOf(underReview, step("phaseTransferReviewed", "2026-11-10", { transfer: { transferOn: "2027-09-01", toPostSixteen: false } }));
    expect(starts(school)).toEqual([{ clock: "ehcAmendedPlan", startedOn: "2026-11-10", dueOn: "2027-02-15" }]);
    const postSixteen = effectsOf(underReview, step("phaseTransferReviewed", "2027-10-04", { transfer: { transferOn: "2028-09-04", toPostSixteen: true } }));
    expect(starts(postSixteen)).toEqual([{ clock: "ehcAmendedPlan", startedOn: "2027-10-04", dueOn: "2028-03-31" }]);
  });
});

describe("a step's dates are ones that can be true", () => {
  const awaiting = loadedCase({ runningClockStarts: new Map([["ehcPlanAnnualReview", "2026-01-12"]]), dateOfBirth: "2016-05-04" });
  const refusal = (command: Command) => {
    const decided = decide(frameworks.england2014, awaiting, command, context);
    return decided.ok ? null : decided.refusal;
  };

  it("a step dated after the day it is recorded is refused, naming the date field", () => {
    expect(refusal(step("reviewMeetingHeld", "2028-06-02"))).toMatchObject({ code: "ehc_step_date_invalid", field: "happenedOn" });
    expect(refusal(step("reviewMeetingHeld", "2028-06-01"))).toBeNull();
  });

  it("a step before the pupil was born is refused", () => {
    expect(refusal(step("reviewMeetingHeld", "2016-05-03"))).toMatchObject({ code: "ehc_step_date_invalid", field: "happenedOn" });
  });

  it("a phase transfer needs the day of the move, after the review and within two years", () => {
    expect(refusal(step("phaseTransferReviewed", "2026-11-10"))).toMatchObject({ field: "transfer.transferOn" });
    expect(refusal(step("phaseTransferReviewed", "2026-11-10", { transfer: { transferOn: "2026-11-10", toPostSixteen: false } }))).toMatchObject({
      field: "transfer.transferOn",
    });
    expect(refusal(step("phaseTransferReviewed", "2026-11-10", { transfer: { transferOn: "2028-11-11", toPostSixteen: false } }))).toMatchObject({
      field: "transfer.transferOn",
    });
    expect(refusal(step("reviewMeetingHeld", "2026-11-10", { transfer: { transferOn: "2027-09-01", toPostSixteen: false } }))).toMatchObject({
      field: "transfer",
    });
  });
});
