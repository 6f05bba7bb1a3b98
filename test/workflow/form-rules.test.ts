import { describe, expect, it } from "vitest";
import type { StaffRole } from "../../schema/vocab";
import { graduatedResponseFormRules, formEffects } from "../../worker/workflow/form-rules";
import { frameworks } from "../../worker/workflow/frameworks";
import { resolveTimescales } from "../../worker/workflow/timescales";
import { transition } from "../../worker/workflow/transition";

const context = { at: "2026-11-23T10:00:00.000Z", timescales: resolveTimescales({}), region: "englandAndWales" as const };

describe("what recording a form does to the clocks (pure)", () => {
  it("a plan replaces the running plan-review clock with one due on its own review date", () => {
    const effects = formEffects(
      graduatedResponseFormRules,
      { kind: "plan", id: "p2", dateWritten: "2026-11-23", reviewDate: "2027-02-01" },
      new Set(),
      context,
    );
    expect(effects).toEqual([
      { kind: "stopClock", clock: "planReview" },
      expect.objectContaining({ kind: "startClock", clock: "planReview", startedOn: "2026-11-23", dueOn: "2027-02-01", subject: { kind: "plan", id: "p2" } }),
    ]);
  });

  it("a review stops only the reviewed plan's clock, and none without a plan", () => {
    const rules = graduatedResponseFormRules;
    expect(formEffects(rules, { kind: "review", id: "r1", planId: "p1", reviewDate: "2026-11-23" }, new Set(["planReview"]), context)).toEqual([
      { kind: "stopClock", clock: "planReview", subject: { kind: "plan", id: "p1" } },
    ]);
    expect(formEffects(rules, { kind: "review", id: "r1", planId: null, reviewDate: "2026-11-23" }, new Set(["planReview"]), context)).toEqual([]);
  });

  it("a meeting with parents restarts the three-a-year clock from its date only where it runs", () => {
    const meeting = { kind: "parentMeeting" as const, id: "m1", heldOn: "2026-10-05" };
    expect(formEffects(graduatedResponseFormRules, meeting, new Set(), context)).toEqual([]);
    expect(formEffects(graduatedResponseFormRules, meeting, new Set(["parentMeetingsThreeAYear"]), context)).toEqual([
      { kind: "stopClock", clock: "parentMeetingsThreeAYear" },
      expect.objectContaining({ kind: "startClock", clock: "parentMeetingsThreeAYear", startedOn: "2026-10-05", dueOn: "2027-02-05" }),
    ]);
  });

  it("every rule names its source", () => {
    for (const framework of Object.values(frameworks)) {
      for (const rule of Object.values(framework.formRules).flat()) expect(rule.source.length).toBeGreaterThan(10);
    }
  });
});

/** Every move of every framework, with the party that decides it. */
const decisions = Object.values(frameworks).flatMap((framework) =>
  Object.entries(framework.moves).map(([move, definition]) => ({
    framework,
    move,
    stage: definition.from[0]!,
    form: definition.form,
    decidedBy: "decidedBy" in definition ? definition.decidedBy : "school",
  })),
);

describe("who decides", () => {
  it.each(decisions.map((d) => [d.framework.id, d.move, d.decidedBy, d] as const))(
    "%s: %s is decided by the %s, and refused to the other side",
    (_f, move, decidedBy, d) => {
      const state = { framework: d.framework.id, stage: d.stage, cycle: 5, version: 3 };
      const command = (role: StaffRole) => ({
        move,
        expectedVersion: 3,
        actor: { userId: "u", role },
        reason: null,
        form: d.form ? { kind: d.form, id: "f" } : null,
      });
      const [own, other]: StaffRole[] = decidedBy === "authority" ? ["laOfficer", "senco"] : ["senco", "laOfficer"];
      expect(transition(d.framework, state, command(own!), context).ok).toBe(true);
      const refused = transition(d.framework, state, command(other!), context);
      expect(refused).toMatchObject({ ok: false, refusal: { code: "not_your_decision", decidedBy } });
    },
  );

  it("the authority decides exactly the LA's decisions of the seeds and the regulations", () => {
    const byAuthority = decisions.filter((d) => d.decidedBy === "authority").map((d) => `${d.framework.id}.${d.move}`);
    expect(byAuthority.sort()).toEqual(
      [
        "england2001.authorityDeclinesAssessment",
        "england2001.issueStatement",
        "england2001.issueNoteInLieu",
        "england2001.ceaseStatement",
        "england2014.authorityAgreesToAssess",
        "england2014.authorityRefusesToAssess",
        "england2014.issueEhcPlan",
        "england2014.decideNotToIssuePlan",
        "england2014.ceaseEhcPlan",
        "recordOfNeed.grantRecordOfNeed",
        "recordOfNeed.declineRecordOfNeed",
      ].sort(),
    );
  });
});
