import { describe, expect, it } from "vitest";
import { frameworks } from "../../worker/workflow/frameworks";
import { defaultTimescales, resolveTimescales } from "../../worker/workflow/timescales";
import { isStageOf } from "../../worker/workflow/ids";
import { transition, type MoveCommand, type PupilCaseState } from "../../worker/workflow/transition";

const context = { at: "2026-11-23T10:00:00.000Z", timescales: resolveTimescales({}), region: "englandAndWales" as const };

function commandFor(framework: (typeof frameworks)[keyof typeof frameworks], move: string, version: number): MoveCommand {
  const definition = Object.entries(framework.moves).find(([id]) => id === move)?.[1];
  return {
    move,
    expectedVersion: version,
    actor:
      definition && "decidedBy" in definition && definition.decidedBy === "authority"
        ? { userId: "la-1", role: "laOfficer" }
        : { userId: "senco-1", role: "senco" },
    reason: "table test",
    form: definition?.form ? { kind: definition.form, id: "form-1" } : null,
  };
}

/** Every (framework, stage, move) triple: allowed ones succeed, every other one is refused with a reason. */
const cases = Object.values(frameworks).flatMap((framework) =>
  Object.keys(framework.stages)
    .filter((stage) => isStageOf(framework, stage))
    .flatMap((stage) =>
      Object.entries(framework.moves).map(([move, definition]) => ({
        framework,
        stage,
        move,
        allowed: (definition.from as readonly string[]).includes(stage),
        minimumCycles: "minimumCycles" in definition ? definition.minimumCycles : 0,
      })),
    ),
);

describe("every move from every stage of every framework", () => {
  it.each(cases.filter((c) => c.allowed).map((c) => [c.framework.id, c.stage, c.move, c] as const))(
    "%s: from %s, %s is allowed",
    (_f, stage, move, { framework, minimumCycles }) => {
      const state: PupilCaseState = { framework: framework.id, stage, cycle: Math.max(1, minimumCycles), version: 7 };
      const result = transition(framework, state, commandFor(framework, move, 7), context);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const definition = Object.entries(framework.moves).find(([id]) => id === move)![1];
      expect(result.state.stage).toBe(definition.to === "stay" ? stage : definition.to);
      expect(result.state.version).toBe(8);
      expect(result.event).toMatchObject({ seq: 8, move, fromStage: stage, toStage: result.state.stage, at: context.at });
      expect(Object.keys(framework.stages)).toContain(result.state.stage);
    },
  );

  it.each(cases.filter((c) => !c.allowed).map((c) => [c.framework.id, c.stage, c.move, c] as const))(
    "%s: from %s, %s is refused",
    (_f, stage, move, { framework }) => {
      const state: PupilCaseState = { framework: framework.id, stage, cycle: 3, version: 7 };
      const result = transition(framework, state, commandFor(framework, move, 7), context);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.refusal.code).toBe("move_not_allowed");
      expect(result.refusal.message).toMatch(/cannot be decided at/);
      if (result.refusal.code === "move_not_allowed") {
        expect(result.refusal.allowedMoves).not.toContain(move);
        expect(result.refusal.stage).toBe(stage);
      }
    },
  );

  it("covers every decision option printed on the seed forms", () => {
    const labels = Object.values(frameworks.england2001.moves).map((m) => m.label);
    for (const printed of [
      "Remain within ordinary differentiated curriculum",
      "Move to School Action. Place pupil on SEN Register and draw up an IEP",
      "Move to School Action Plus. Place pupil on SEN Register and draw up an IEP",
      "Move to ordinary differentiated curriculum",
      "Remain at School Action (draw up a fresh IEP and leave pupil on SEN Register)",
      "Instigate School Action Plus (draw up a fresh IEP, leave pupil on SEN Register and seek specialist advice)",
      "Move to School Action (draw up a fresh IEP and leave pupil on SEN Register)",
      "Remain at School Action Plus (draw up a fresh IEP, leave pupil on SEN Register and seek specialist advice)",
      "Request Statutory Assessment (consult parents/carers and SESS, draw up a fresh IEP, leave pupil on SEN Register and inform the Authority)",
    ]) {
      expect(labels).toContain(printed);
    }
  });

  it("every move leads to a stage of its own framework and names its source", () => {
    for (const framework of Object.values(frameworks)) {
      expect(Object.keys(framework.stages)).toContain(framework.initialStage);
      for (const move of Object.values(framework.moves)) {
        expect(move.source.length).toBeGreaterThan(5);
        for (const from of move.from) expect(Object.keys(framework.stages)).toContain(from);
        if (move.to !== "stay") expect(Object.keys(framework.stages)).toContain(move.to);
      }
    }
  });
});

describe("refusals", () => {
  const { england2001, england2014, recordOfNeed } = frameworks;
  const atSchoolAction: PupilCaseState = { framework: "england2001", stage: "schoolAction", cycle: 0, version: 3 };

  it("a School Action review cannot request statutory assessment", () => {
    const result = transition(england2001, atSchoolAction, commandFor(england2001, "requestStatutoryAssessment", 3), context);
    expect(result).toMatchObject({ ok: false, refusal: { code: "move_not_allowed", stage: "schoolAction" } });
    if (!result.ok) expect(result.refusal).toMatchObject({ allowedMoves: ["moveToOrdinaryCurriculum", "remainAtSchoolAction", "instigateSchoolActionPlus"] });
  });

  it("a move against a stale version is refused with the current stage", () => {
    const result = transition(england2001, atSchoolAction, commandFor(england2001, "remainAtSchoolAction", 2), context);
    expect(result).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: "stale_version", currentVersion: 3, currentStage: "schoolAction" }),
    });
  });

  it("an unknown move is refused, including names inherited from Object", () => {
    for (const move of ["jumpToStatement", "toString", "__proto__", "constructor"]) {
      const result = transition(england2001, atSchoolAction, { ...commandFor(england2001, "x", 3), move }, context);
      expect(result).toMatchObject({ ok: false, refusal: { code: "unknown_move", move } });
    }
  });

  it("a review decision must name the review it was recorded on", () => {
    const command = { ...commandFor(england2001, "remainAtSchoolAction", 3), form: null };
    expect(transition(england2001, atSchoolAction, command, context)).toMatchObject({
      ok: false,
      refusal: { code: "form_required", formKind: "review" },
    });
    const wrongKind = { ...command, form: { kind: "plan" as const, id: "p" } };
    expect(transition(england2001, atSchoolAction, wrongKind, context)).toMatchObject({ ok: false, refusal: { code: "form_required" } });
  });

  it("the SEN register needs successive cycles without progress first (seed 001)", () => {
    const firstCycle: PupilCaseState = { framework: "recordOfNeed", stage: "apdrCycles", cycle: 1, version: 4 };
    expect(transition(recordOfNeed, firstCycle, commandFor(recordOfNeed, "placeOnSenRegister", 4), context)).toMatchObject({
      ok: false,
      refusal: { code: "too_few_cycles", minimumCycles: 2, cycle: 1 },
    });
    const secondCycle = { ...firstCycle, cycle: 2 };
    expect(transition(recordOfNeed, secondCycle, commandFor(recordOfNeed, "placeOnSenRegister", 4), context)).toMatchObject({
      ok: true,
      state: { stage: "senRegister", cycle: 3 },
    });
  });

  it("a state of another framework is refused", () => {
    expect(transition(england2014, atSchoolAction, commandFor(england2014, "raiseConcern", 3), context)).toMatchObject({
      ok: false,
      refusal: { code: "wrong_framework" },
    });
  });
});

describe("effects", () => {
  const { england2001, england2014 } = frameworks;

  it("starting SEN support notifies parents, starts cycle 1 and the parent-meetings clock", () => {
    const state: PupilCaseState = { framework: "england2014", stage: "concernRaised", cycle: 0, version: 2 };
    const result = transition(england2014, state, commandFor(england2014, "startSenSupport", 2), context);
    expect(result).toMatchObject({ ok: true, state: { stage: "senSupportAssess", cycle: 1, version: 3 } });
    if (!result.ok) return;
    expect(result.effects).toContainEqual({ kind: "notify", audience: "parents", obligation: "formallyNotifyParents" });
    expect(result.effects).toContainEqual(
      expect.objectContaining({ kind: "startClock", clock: "parentMeetingsThreeAYear", startedOn: "2026-11-23", dueOn: "2027-03-23" }),
    );
    expect(result.obligations).toContain("placeOnSenRegister");
  });

  it("an EHC needs assessment request starts the 6-, 16- and 20-week clocks from the day of the request", () => {
    const state: PupilCaseState = { framework: "england2014", stage: "senSupportReview", cycle: 2, version: 9 };
    const result = transition(england2014, state, commandFor(england2014, "requestEhcNeedsAssessment", 9), context);
    if (!result.ok) throw new Error(result.refusal.message);
    const started = result.effects.filter((e) => e.kind === "startClock");
    expect(started).toEqual([
      expect.objectContaining({ clock: "ehcAssessmentDecision", dueOn: "2027-01-04", timescale: defaultTimescales.ehcAssessmentDecision }),
      expect.objectContaining({ clock: "ehcFinalPlan", dueOn: "2027-04-12" }),
      expect.objectContaining({ clock: "ehcNoPlanNotice", dueOn: "2027-03-15" }),
    ]);
  });

  it("a pupil who moves stage mid-clock stops the old clock and starts the right new one", () => {
    const state: PupilCaseState = { framework: "england2001", stage: "statutoryAssessmentRequested", cycle: 0, version: 5 };
    const result = transition(england2001, state, commandFor(england2001, "issueStatement", 5), context);
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.effects.filter((e) => e.kind === "stopClock").map((e) => e.clock)).toEqual([
      "statutoryAssessmentDecision",
      "statementAssessment",
      "proposedStatement",
      "finalStatement",
      "reviewsTwiceYearly",
    ]);
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: "startClock", clock: "statementAnnualReview", dueOn: "2027-11-23" }));
  });

  it("an LA's local timescale is used, a statutory one cannot be changed", () => {
    const timescales = resolveTimescales({
      reviewsTwiceYearly: { amount: 3, unit: "months" },
      ehcFinalPlan: { amount: 30, unit: "weeks" },
    });
    expect(timescales.reviewsTwiceYearly).toMatchObject({ amount: 3, unit: "months" });
    expect(timescales.ehcFinalPlan).toEqual(defaultTimescales.ehcFinalPlan);
    const state: PupilCaseState = { framework: "england2001", stage: "concernRecorded", cycle: 0, version: 1 };
    const result = transition(england2001, state, commandFor(england2001, "moveToSchoolAction", 1), { ...context, timescales });
    expect(result.ok && result.effects).toContainEqual(expect.objectContaining({ clock: "reviewsTwiceYearly", dueOn: "2027-02-23" }));
  });
});
