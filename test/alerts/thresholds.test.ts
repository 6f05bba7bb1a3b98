import { describe, expect, it } from "vitest";
import { defaultAlertSettings, resolveAlertSettings } from "../../worker/alerts/settings";
import { alertsDue } from "../../worker/alerts/thresholds";
import { clockKindDetails, type ClockKindDetails } from "../../worker/workflow/clock-kinds";

const due = "2026-12-24";
const { planReview, reviewsTwiceYearly, ehcFinalPlan, tribunalAppealWindow } = clockKindDetails;

describe("which alerts a clock calls for on a given day", () => {
  const cases: [string, ClockKindDetails, string, string[]][] = [
    ["a teacher's plan review, 8 days ahead", planReview, "2026-12-16", []],
    ["a teacher's plan review, 7 days ahead", planReview, "2026-12-17", ["dueSoon:teacher"]],
    ["a teacher's plan review, on the day", planReview, "2026-12-24", ["dueToday:teacher"]],
    [
      "a teacher's plan review, a day late: the SENCO, responsible for reviews, is told at once",
      planReview,
      "2026-12-25",
      ["overdue:teacher", "escalatedToSenco:senco"],
    ],
    ["a teacher's plan review, 5 days late", planReview, "2026-12-29", ["overdue:teacher", "escalatedToSenco:senco"]],
    ["a teacher's plan review, 20 days late", planReview, "2027-01-13", ["overdue:teacher", "escalatedToSenco:senco", "escalatedToLa:laOfficer"]],
    ["a SENCO's review, 20 days late: straight to the LA, no SENCO step", reviewsTwiceYearly, "2027-01-13", ["overdue:senco", "escalatedToLa:laOfficer"]],
    ["the LA's final plan, 60 days late: the LA officer only", ehcFinalPlan, "2027-02-22", ["overdue:laOfficer"]],
    ["a tribunal window on its last day", tribunalAppealWindow, "2026-12-24", ["dueToday:laOfficer"]],
    ["a tribunal window after it closed: nobody is late", tribunalAppealWindow, "2027-01-30", []],
  ];
  it.each(cases)("%s", (_, details, today, expected) => {
    expect(alertsDue({ dueOn: due }, details, defaultAlertSettings, today).map((a) => `${a.threshold}:${a.audienceRole}`)).toEqual(expected);
  });

  it("an LA's own settings change when due soon starts and when items escalate; unset ones keep the defaults", () => {
    const settings = resolveAlertSettings({ dueSoonDays: 14, escalateToSencoAfterDays: 2 });
    expect(settings.escalateToLaAfterDays).toBe(defaultAlertSettings.escalateToLaAfterDays);
    expect(alertsDue({ dueOn: due }, planReview, settings, "2026-12-10").map((a) => a.threshold)).toEqual(["dueSoon"]);
    expect(alertsDue({ dueOn: due }, planReview, settings, "2026-12-26").map((a) => a.threshold)).toEqual(["overdue", "escalatedToSenco"]); // A teacher's clock that is not a review still waits the LA's days before the SENCO hears of it.
    const { parentMeetingsThreeAYear } = clockKindDetails;
    expect(alertsDue({ dueOn: due }, parentMeetingsThreeAYear, settings, "2026-12-25").map((a) => a.threshold)).toEqual(["overdue"]);
    expect(alertsDue({ dueOn: due }, parentMeetingsThreeAYear, settings, "2026-12-26").map((a) => a.threshold)).toEqual(["overdue", "escalatedToSenco"]);
  });
});
