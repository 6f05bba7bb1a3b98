import { describe, expect, it } from "vitest";
import type { Region } from "../../schema/vocab";
import { addWorkingDays, dueOn, isWorkingDay } from "../../worker/calendar/working-days";
import { clockKindDetails } from "../../worker/workflow/clock-kinds";
import { clockKinds, defaultTimescales, resolveTimescales, type ClockKind } from "../../worker/workflow/timescales";

describe("each region keeps its own public holidays, substitute days included", () => {
  const holidays: [Region, string, string][] = [
    ["englandAndWales", "2026-08-31", "Summer bank holiday (not Scotland's)"],
    ["englandAndWales", "2026-12-28", "Boxing Day substitute (26th is a Saturday)"],
    ["englandAndWales", "2027-12-27", "Christmas Day substitute"],
    ["englandAndWales", "2027-12-28", "Boxing Day substitute"],
    ["englandAndWales", "2022-12-27", "Christmas Day substitute (25th is a Sunday)"],
    ["englandAndWales", "2022-01-03", "New Year's Day substitute"],
    ["scotland", "2026-01-02", "2nd January"],
    ["scotland", "2027-01-04", "2nd January substitute"],
    ["scotland", "2026-08-03", "Scottish summer bank holiday"],
    ["scotland", "2026-11-30", "St Andrew's Day"],
    ["northernIreland", "2026-03-17", "St Patrick's Day"],
    ["northernIreland", "2026-07-13", "Battle of the Boyne substitute"],
    ["jersey", "2025-05-09", "Liberation Day"],
    ["jersey", "2026-08-31", "Summer bank holiday"],
    ["guernsey", "2025-05-09", "Liberation Day"],
    ["guernsey", "2026-08-31", "Summer bank holiday (added where date-holidays lacks it)"],
  ];
  it.each(holidays)("%s: %s is not a working day (%s)", (region, date) => {
    expect(isWorkingDay(date, region)).toBe(false);
  });

  const workingDays: [Region, string][] = [
    ["scotland", "2026-08-31"],
    ["englandAndWales", "2026-08-03"],
    ["englandAndWales", "2026-11-30"],
    ["englandAndWales", "2026-03-17"],
    ["englandAndWales", "2027-01-04"],
    ["englandAndWales", "2025-05-09"],
  ];
  it.each(workingDays)("%s: %s is a working day", (region, date) => {
    expect(isWorkingDay(date, region)).toBe(true);
  });

  it("a day the LA closes its schools is not a working day, for that LA only", () => {
    expect(isWorkingDay("2026-12-23", "englandAndWales", new Set(["2026-12-23"]))).toBe(false);
    expect(isWorkingDay("2026-12-23", "englandAndWales")).toBe(true);
  });
});

describe("working days across Christmas and New Year", () => {
  const cases: [string, Region, string, number, string][] = [
    ["Christmas 2026 with the Boxing Day substitute", "englandAndWales", "2026-12-22", 4, "2026-12-30"],
    ["Christmas 2026 into New Year 2027", "englandAndWales", "2026-12-23", 6, "2027-01-05"],
    ["Christmas 2026 into the Scottish 2nd January substitute", "scotland", "2026-12-30", 2, "2027-01-05"],
    ["Christmas 2027, both substitutes", "englandAndWales", "2027-12-23", 3, "2027-12-30"],
    ["Christmas 2022, Christmas Day substitute on Tuesday", "englandAndWales", "2022-12-23", 2, "2022-12-29"],
    ["New Year 2022 substitute Monday", "englandAndWales", "2021-12-31", 1, "2022-01-04"],
    ["Christmas 2026 in Jersey", "jersey", "2026-12-24", 1, "2026-12-29"],
    ["Christmas 2026 in Guernsey", "guernsey", "2026-12-24", 1, "2026-12-29"],
    ["Christmas 2026 in Northern Ireland", "northernIreland", "2026-12-24", 1, "2026-12-29"],
  ];
  it.each(cases)("%s", (_, region, start, n, expected) => {
    expect(addWorkingDays(start, n, region)).toBe(expected);
  });

  it("an LA closure day between Christmas and the start date adds a day", () => {
    expect(addWorkingDays("2026-12-22", 4, "englandAndWales", new Set(["2026-12-23"]))).toBe("2026-12-31");
  });
});

/**
 * Every clock, started on the same day before Christmas 2026: working-day clocks step over the holidays of the region;
 * calendar clocks (weeks, months) run straight through them, as the law counts them.
 */
const start = "2026-12-18";
const expectedDue: Record<ClockKind, { englandAndWales: string; scotland: string }> = {
  planReview: { englandAndWales: "2026-12-19", scotland: "2026-12-19" },
  reviewsTwiceYearly: { englandAndWales: "2027-06-18", scotland: "2027-06-18" },
  parentMeetingsThreeAYear: { englandAndWales: "2027-04-18", scotland: "2027-04-18" },
  // 10 working days, as drsReferralForwarded below.
  parentConcernResponse: { englandAndWales: "2027-01-06", scotland: "2027-01-07" },
  statutoryAssessmentDecision: { englandAndWales: "2027-01-29", scotland: "2027-01-29" },
  statementAnnualReview: { englandAndWales: "2027-12-18", scotland: "2027-12-18" },
  ehcAssessmentDecision: { englandAndWales: "2027-01-29", scotland: "2027-01-29" },
  ehcFinalPlan: { englandAndWales: "2027-05-07", scotland: "2027-05-07" },
  ehcPlanAnnualReview: { englandAndWales: "2027-12-18", scotland: "2027-12-18" },
  tribunalAppealWindow: { englandAndWales: "2027-02-18", scotland: "2027-02-18" },
  // 10 working days from Fri 18 Dec: 21-24 Dec, (25, 28 Dec), 29-31 Dec, (1 Jan), 4 (Scotland: holiday), 5, 6 Jan.
  drsReferralForwarded: { englandAndWales: "2027-01-06", scotland: "2027-01-07" },
  drsPartiesContacted: { englandAndWales: "2026-12-24", scotland: "2026-12-24" },
  drsMeetingOffered: { englandAndWales: "2027-01-06", scotland: "2027-01-07" },
  // 15 working days: E&W 21-24, 29-31 Dec, 4-8 and 11-13 Jan; Scotland a day later (2 Jan substitute on 4 Jan).
  drsMeetingHeld: { englandAndWales: "2027-01-13", scotland: "2027-01-14" },
  mediationAdviserContact: { englandAndWales: "2027-02-18", scotland: "2027-02-18" },
  mediationCertificate: { englandAndWales: "2026-12-23", scotland: "2026-12-23" },
  mediationHeld: { englandAndWales: "2027-01-17", scotland: "2027-01-17" },
  // 18 Jan 2027 is a Monday and a working day in both: the Tribunal's rule does not move it.
  tribunalAppealAfterMediation: { englandAndWales: "2027-01-18", scotland: "2027-01-18" },
  ehcNoPlanNotice: { englandAndWales: "2027-04-09", scotland: "2027-04-09" },
  // 15 days beginning with 18 Dec: the 18th is the first, so the 15th is 1 Jan; calendar days, holidays do not move it.
  ehcDraftPlanComments: { englandAndWales: "2027-01-01", scotland: "2027-01-01" },
  ehcReviewReport: { englandAndWales: "2027-01-01", scotland: "2027-01-01" },
  ehcReviewDecision: { englandAndWales: "2027-01-15", scotland: "2027-01-15" },
  ehcAmendedPlan: { englandAndWales: "2027-02-12", scotland: "2027-02-12" },
  ehcUnderFiveReview: { englandAndWales: "2027-06-18", scotland: "2027-06-18" },
  // The 2001 Code's Statement: 10 weeks is 70 days (13 left of December, 31 of January, 26 of February).
  statementAssessment: { englandAndWales: "2027-02-26", scotland: "2027-02-26" },
  proposedStatement: { englandAndWales: "2027-01-01", scotland: "2027-01-01" },
  finalStatement: { englandAndWales: "2027-02-12", scotland: "2027-02-12" },
  // 10 school days, counted as working days: as drsReferralForwarded above.
  statementReviewReport: { englandAndWales: "2027-01-06", scotland: "2027-01-07" },
};

describe("every clock kind, to the day", () => {
  it("the table below covers every clock the product runs, and each says whom it concerns and what stops it", () => {
    expect(Object.keys(expectedDue).sort()).toEqual([...clockKinds].sort());
    for (const kind of clockKinds) {
      expect(clockKindDetails[kind].stoppedBy.length).toBeGreaterThan(10);
      expect(["teacher", "senco", "laOfficer"]).toContain(clockKindDetails[kind].responsible);
      expect(defaultTimescales[kind].source.length).toBeGreaterThan(10);
    }
  });

  it.each(clockKinds)("%s started 18 December 2026", (kind) => {
    for (const region of ["englandAndWales", "scotland"] as const) {
      expect(dueOn(start, defaultTimescales[kind], region), region).toBe(expectedDue[kind][region]);
    }
  });

  it("a DRS clock started with an LA's own timescale keeps it; statutory clocks ignore local overrides", () => {
    const timescales = resolveTimescales({ drsPartiesContacted: { amount: 6, unit: "workingDays" }, ehcFinalPlan: { amount: 30, unit: "weeks" } });
    expect(dueOn(start, timescales.drsPartiesContacted, "englandAndWales")).toBe("2026-12-30");
    expect(timescales.ehcFinalPlan.amount).toBe(20);
  });

  it("a six-week decision that falls on New Year's Day stays on it: weeks are calendar weeks", () => {
    expect(dueOn("2026-11-20", defaultTimescales.ehcAssessmentDecision, "englandAndWales")).toBe("2027-01-01");
  });

  it("a two-month window from 31 December ends on the last day of February, or the next working day (HESC r.12(2))", () => {
    // 28 Feb 2027 is a Sunday: the appeal is in time on Monday 1 March.
    expect(dueOn("2026-12-31", defaultTimescales.tribunalAppealWindow, "englandAndWales")).toBe("2027-03-01");
    expect(dueOn("2027-12-31", defaultTimescales.tribunalAppealWindow, "englandAndWales")).toBe("2028-02-29");
  });
});
