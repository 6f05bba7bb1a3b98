import { describe, expect, it } from "vitest";
import type { Region } from "../../schema/vocab";
import { appealDeadline, mediationDates, nextEhcReview, phaseTransferAmendedBy } from "../../worker/calendar/statutory-dates";
import { dueOn, tribunalDeadline } from "../../worker/calendar/working-days";
import { type ClockKind, clockKinds, defaultTimescales } from "../../worker/workflow/timescales";

// Every expectation below was worked out by hand from the regulation and the published calendars (gov.uk bank
// holidays, gov.je, gov.gg), not computed by the code under test.
type Case = { kind: ClockKind; region: Region; startedOn: string; expected: string; why: string; closures?: string[] };
const cases: Case[] = [
  { kind: "planReview", region: "englandAndWales", startedOn: "2026-02-28", expected: "2026-03-01", why: "1 day after 28 Feb in a common year" },
  { kind: "planReview", region: "jersey", startedOn: "2028-02-28", expected: "2028-02-29", why: "2028 is a leap year" },
  { kind: "reviewsTwiceYearly", region: "englandAndWales", startedOn: "2025-08-31", expected: "2026-02-28", why: "no 31 Feb: last day of the month" },
  { kind: "parentMeetingsThreeAYear", region: "scotland", startedOn: "2027-10-31", expected: "2028-02-29", why: "no 31 Feb; 2028 is a leap year" },
  {
    kind: "parentConcernResponse",
    region: "englandAndWales",
    startedOn: "2026-03-27",
    expected: "2026-04-14",
    why: "Good Friday 3 Apr and Easter Monday 6 Apr 2026 are not counted",
  },
  {
    kind: "parentConcernResponse",
    region: "scotland",
    startedOn: "2026-03-27",
    expected: "2026-04-13",
    why: "Scotland keeps Good Friday but not Easter Monday (6 Apr counts)",
  },
  {
    kind: "statutoryAssessmentDecision",
    region: "northernIreland",
    startedOn: "2026-11-23",
    expected: "2027-01-04",
    why: "6 calendar weeks; holidays do not move it",
  },
  { kind: "statementAnnualReview", region: "englandAndWales", startedOn: "2024-02-29", expected: "2025-02-28", why: "no 29 Feb in 2025" },
  {
    kind: "statementAssessment",
    region: "englandAndWales",
    startedOn: "2026-11-23",
    expected: "2027-02-01",
    why: "10 calendar weeks across Christmas and New Year; holidays do not move it",
  },
  { kind: "proposedStatement", region: "englandAndWales", startedOn: "2028-02-22", expected: "2028-03-07", why: "2 weeks across 29 Feb 2028" },
  { kind: "finalStatement", region: "englandAndWales", startedOn: "2026-12-21", expected: "2027-02-15", why: "8 calendar weeks" },
  {
    kind: "statementReviewReport",
    region: "englandAndWales",
    startedOn: "2026-12-17",
    expected: "2027-01-05",
    why: "10 working days: not Christmas Day, the substitute Boxing Day (Mon 28 Dec 2026), New Year's Day or weekends",
  },
  {
    kind: "ehcAssessmentDecision",
    region: "englandAndWales",
    startedOn: "2026-11-23",
    expected: "2027-01-04",
    why: "6 weeks from the day received, not recorded (issue 15)",
  },
  { kind: "ehcFinalPlan", region: "englandAndWales", startedOn: "2026-11-23", expected: "2027-04-12", why: "20 weeks = 140 days" },
  { kind: "ehcNoPlanNotice", region: "englandAndWales", startedOn: "2026-11-23", expected: "2027-03-15", why: "16 weeks = 112 days" },
  { kind: "ehcPlanAnnualReview", region: "englandAndWales", startedOn: "2027-02-28", expected: "2028-02-28", why: "the corresponding date, not the leap day" },
  {
    kind: "tribunalAppealWindow",
    region: "englandAndWales",
    startedOn: "2026-10-31",
    expected: "2027-01-04",
    why: "31 Dec 2026 is in 25 Dec-1 Jan: first working day after 1 Jan; 2 Jan 2027 is a Saturday",
  },
  {
    kind: "tribunalAppealWindow",
    region: "englandAndWales",
    startedOn: "2026-06-30",
    expected: "2026-09-01",
    why: "30 Aug 2026 is in August: first working day after 31 Aug (itself the summer bank holiday)",
  },
  {
    kind: "tribunalAppealWindow",
    region: "englandAndWales",
    startedOn: "2027-01-26",
    expected: "2027-03-30",
    why: "26 Mar 2027 is Good Friday; 29 Mar Easter Monday: next working day Tuesday 30 Mar",
  },
  { kind: "tribunalAppealWindow", region: "englandAndWales", startedOn: "2026-11-30", expected: "2027-02-01", why: "30 Jan 2027 is a Saturday" },
  {
    kind: "tribunalAppealWindow",
    region: "englandAndWales",
    startedOn: "2026-11-30",
    expected: "2027-02-01",
    closures: ["2027-02-01"],
    why: "an LA closure day is not the Tribunal's: it does not move the deadline",
  },
  {
    kind: "drsReferralForwarded",
    region: "jersey",
    startedOn: "2026-12-18",
    expected: "2027-01-06",
    why: "Jersey: 25 Dec, 28 Dec (Boxing Day substitute: 26th is a Saturday), 1 Jan not counted",
  },
  {
    kind: "drsReferralForwarded",
    region: "englandAndWales",
    startedOn: "2027-12-17",
    expected: "2028-01-05",
    why: "27 and 28 Dec 2027 are substitutes (25th Saturday, 26th Sunday); 3 Jan 2028 substitute for 1 Jan Saturday",
  },
  {
    kind: "drsPartiesContacted",
    region: "guernsey",
    startedOn: "2025-05-07",
    expected: "2025-05-14",
    why: "Guernsey: Liberation Day Friday 9 May 2025 not counted",
  },
  { kind: "drsPartiesContacted", region: "englandAndWales", startedOn: "2025-05-07", expected: "2025-05-13", why: "9 May is a working day in England" },
  {
    kind: "drsPartiesContacted",
    region: "guernsey",
    startedOn: "2026-08-27",
    expected: "2026-09-03",
    why: "Guernsey summer bank holiday Monday 31 Aug 2026 (date-holidays lacks it; the build adds it)",
  },
  { kind: "drsMeetingOffered", region: "northernIreland", startedOn: "2026-03-10", expected: "2026-03-25", why: "St Patrick's Day Tuesday 17 Mar 2026" },
  {
    kind: "drsMeetingOffered",
    region: "northernIreland",
    startedOn: "2026-07-06",
    expected: "2026-07-21",
    why: "12 July 2026 is a Sunday: Battle of the Boyne substitute Monday 13 Jul",
  },
  {
    kind: "drsMeetingHeld",
    region: "scotland",
    startedOn: "2026-12-21",
    expected: "2027-01-18",
    closures: ["2026-12-23"],
    why: "closure 23 Dec; 25, 28 Dec (Boxing Day substitute), 1 Jan and 4 Jan 2027 (2 Jan substitute) not counted",
  },
  { kind: "mediationAdviserContact", region: "englandAndWales", startedOn: "2026-12-31", expected: "2027-02-28", why: "no 31 Feb 2027" },
  {
    kind: "mediationCertificate",
    region: "englandAndWales",
    startedOn: "2026-04-02",
    expected: "2026-04-09",
    why: "Good Friday and Easter Monday 2026 not counted",
  },
  {
    kind: "mediationCertificate",
    region: "englandAndWales",
    startedOn: "2026-12-23",
    expected: "2026-12-31",
    closures: ["2026-12-29"],
    why: "24 Dec, then 25 Dec and 28 Dec holidays, 29 Dec LA closure: 30, 31 Dec",
  },
  { kind: "mediationHeld", region: "englandAndWales", startedOn: "2028-02-10", expected: "2028-03-11", why: "30 calendar days across 29 Feb 2028" },
  {
    kind: "tribunalAppealAfterMediation",
    region: "englandAndWales",
    startedOn: "2027-03-31",
    expected: "2027-04-30",
    why: "Dodds v Walker: 31 Mar + 1 month = 30 Apr (a Friday)",
  },
  { kind: "tribunalAppealAfterMediation", region: "englandAndWales", startedOn: "2026-07-15", expected: "2026-09-01", why: "15 Aug is in August" },
  {
    kind: "ehcDraftPlanComments",
    region: "englandAndWales",
    startedOn: "2026-12-17",
    expected: "2026-12-31",
    why: "15 days beginning with 17 Dec: the 17th is day 1; calendar days, so Christmas does not move it",
  },
  { kind: "ehcDraftPlanComments", region: "englandAndWales", startedOn: "2028-02-15", expected: "2028-02-29", why: "15 days beginning with 15 Feb, leap year" },
  { kind: "ehcReviewReport", region: "englandAndWales", startedOn: "2026-12-21", expected: "2027-01-04", why: "2 calendar weeks" },
  { kind: "ehcReviewDecision", region: "englandAndWales", startedOn: "2028-02-08", expected: "2028-03-07", why: "4 weeks across 29 Feb 2028" },
  { kind: "ehcAmendedPlan", region: "englandAndWales", startedOn: "2027-12-30", expected: "2028-02-24", why: "8 weeks = 56 days" },
  { kind: "ehcUnderFiveReview", region: "englandAndWales", startedOn: "2025-08-29", expected: "2026-02-28", why: "no 29 Feb 2026" },
];

describe("every clock falls due on the day the law gives, counted from the day it happened", () => {
  it.each(cases)("$kind in $region from $startedOn: $expected ($why)", ({ kind, region, startedOn, expected, closures }) => {
    expect(dueOn(startedOn, defaultTimescales[kind], region, new Set(closures))).toBe(expected);
  });

  it("covers every clock kind", () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(clockKinds));
  });
});

describe("the Tribunal's rule for a time that ends on a non-working day (HESC Rules 2008, r.12)", () => {
  const cases: [string, string, Region][] = [
    ["2026-12-25", "2027-01-04", "englandAndWales"], // Christmas period: after 1 Jan; 2-3 Jan 2027 are a weekend
    ["2027-01-01", "2027-01-04", "englandAndWales"],
    ["2028-12-31", "2029-01-02", "englandAndWales"], // 2 Jan 2029 is a Tuesday
    ["2027-01-02", "2027-01-04", "englandAndWales"], // a Saturday, outside the Christmas period: the next working day
    ["2027-01-02", "2027-01-05", "scotland"], // 4 Jan 2027 is Scotland's 2 January substitute
    ["2027-08-02", "2027-09-01", "englandAndWales"],
    ["2027-12-24", "2027-12-24", "englandAndWales"], // a Friday working day before the period
    ["2028-02-29", "2028-02-29", "englandAndWales"],
  ];
  it.each(cases)("a time ending %s is met on %s (%s)", (endsOn, expected, region) => {
    expect(tribunalDeadline(endsOn, region)).toBe(expected);
  });
});

describe("the appeal deadline: the later of 2 months from the decision and 1 month from the mediation certificate", () => {
  const cases: [string, string | null, string, string][] = [
    ["2026-11-30", null, "2027-02-01", "no certificate: 30 Jan 2027 is a Saturday"],
    ["2026-11-30", "2027-01-20", "2027-02-22", "certificate later: 20 Feb 2027 is a Saturday"],
    ["2026-11-30", "2026-12-10", "2027-02-01", "decision later: the certificate's 10 Jan (Sunday, so 11 Jan) is earlier"],
    ["2026-10-20", "2026-11-28", "2027-01-04", "28 Dec is in the Christmas period; 20 Dec (Sunday, so 21 Dec) is earlier"],
    ["2026-06-30", "2026-07-31", "2026-09-01", "both end in August"],
  ];
  it.each(cases)("decided %s, certificate %s: %s (%s)", (decidedOn, certificateOn, expected) => {
    expect(appealDeadline(decidedOn, certificateOn, "englandAndWales")).toBe(expected);
  });

  it("dates mediation from the day each thing happened", () => {
    expect(mediationDates({ decidedOn: "2026-12-31", adviserContactedOn: "2027-12-23", mediationWantedOn: "2027-01-31" }, "englandAndWales")).toEqual({
      contactAdviserBy: "2027-02-28",
      certificateBy: "2027-12-30", // 24 Dec, then 27 and 28 Dec 2027 substitutes, 29, 30 Dec
      mediationBy: "2027-03-02", // 30 days from 31 Jan in a common year
    });
  });
});

describe("the EHC plan's cycle", () => {
  it("phase transfer: amended by 15 February of the transfer year, 31 March for post-16 (reg 18)", () => {
    expect(phaseTransferAmendedBy("2027-09-01", false)).toBe("2027-02-15");
    expect(phaseTransferAmendedBy("2028-09-04", true)).toBe("2028-03-31");
  });

  it("a child under five on the review day is reviewed within 3 to 6 months (Code 9.178); older, within 12", () => {
    expect(nextEhcReview("2022-02-28", "2026-08-31")).toEqual({ underFive: true, earliest: "2026-11-30", dueBy: "2027-02-28" });
    // Born 29 Feb 2020: fifth birthday falls on 1 Mar 2025, so on 28 Feb 2025 the child is still four.
    expect(nextEhcReview("2020-02-29", "2025-02-28")).toEqual({ underFive: true, earliest: "2025-05-28", dueBy: "2025-08-28" });
    expect(nextEhcReview("2020-02-29", "2025-03-01")).toEqual({ underFive: false, earliest: "2025-03-01", dueBy: "2026-03-01" });
  });
});
