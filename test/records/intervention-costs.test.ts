import { describe, expect, it } from "vitest";
import { costPerPupilPence, sessionCostPence, termCostPence, weeksPerTerm } from "../../worker/records/intervention-costs";

describe("what an intervention costs, in whole pence", () => {
  it("per session: the session's cost, times sessions a week, times the weeks of a term", () => {
    const costing = { costBasis: "perSession" as const, costPence: 1250, sessionsPerWeek: 3, sessionMinutes: 30 };
    expect(sessionCostPence(costing)).toBe(1250);
    expect(termCostPence(costing)).toBe(1250 * 3 * weeksPerTerm);
    expect(termCostPence(costing)).toBe(48_750);
  });

  it("per hour of staff time: the hourly cost for the session's minutes, rounded to the penny", () => {
    expect(sessionCostPence({ costBasis: "perStaffHour", costPence: 1800, sessionsPerWeek: 2, sessionMinutes: 20 })).toBe(600);
    // 1,999p an hour for 25 minutes is 832.916...p: 833p, never a fraction of a penny.
    expect(sessionCostPence({ costBasis: "perStaffHour", costPence: 1999, sessionsPerWeek: 1, sessionMinutes: 25 })).toBe(833);
    expect(termCostPence({ costBasis: "perStaffHour", costPence: 1999, sessionsPerWeek: 1, sessionMinutes: 25 })).toBe(833 * weeksPerTerm);
  });

  it("per pupil: the term's cost shared by the pupils on it, rounded to the penny; none on it, no share", () => {
    expect(costPerPupilPence(48_750, 3)).toBe(16_250);
    expect(costPerPupilPence(10_000, 3)).toBe(3_333);
    expect(costPerPupilPence(5, 2)).toBe(3);
    expect(costPerPupilPence(10_000, 0)).toBeNull();
    // 0.1 + 0.2 in floating point is not 0.3: integers only.
    expect(Number.isInteger(costPerPupilPence(10, 3))).toBe(true);
  });
});
