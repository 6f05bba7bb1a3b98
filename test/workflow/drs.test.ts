import { describe, expect, it } from "vitest";
import { drsSteps, type DrsStep } from "../../schema/vocab";
import { drsTransition, openDrsReferral, snapshotDrsTimescales, type DrsReferralState } from "../../worker/workflow/drs";
import { drsProcedure } from "../../worker/workflow/drs-procedure";
import { england2014 } from "../../worker/workflow/frameworks/england-2014";
import { resolveTimescales } from "../../worker/workflow/timescales";

const timescales = snapshotDrsTimescales(resolveTimescales({}));
const england = { region: "englandAndWales" as const, words: england2014.words };

function referralAt(currentStep: DrsStep, overrides: Partial<DrsReferralState> = {}): DrsReferralState {
  return {
    currentStep,
    lastStepOn: "2026-11-02",
    parentMediation: "agreed",
    parentMediationOn: "2026-10-20",
    schoolMediation: "agreed",
    schoolMediationOn: "2026-10-21",
    signedByParentOn: "2026-10-22",
    signedBySchoolOn: "2026-10-22",
    timescales,
    ...overrides,
  };
}

const at = (on: string, party: "school" | "laOfficer" | "parent" = "laOfficer", closures?: ReadonlySet<string>) => ({
  ...england,
  party,
  on,
  today: on,
  closures,
});

const cases = drsSteps.flatMap((from) =>
  drsSteps.map((step) => ({ from, step, allowed: (drsProcedure.steps[step].from as readonly DrsStep[]).includes(from) })),
);

describe("every DRS step from every state of a referral", () => {
  it.each(cases.filter((c) => c.allowed).map((c) => [c.from, c.step] as const))("from %s, %s is recorded", (from, step) => {
    const party = drsProcedure.steps[step].recordedBy[0]!;
    const result = drsTransition(referralAt(from), step, at("2026-11-23", party));
    expect(result).toMatchObject({ ok: true, state: { currentStep: step, lastStepOn: "2026-11-23" } });
  });

  it.each(cases.filter((c) => !c.allowed).map((c) => [c.from, c.step] as const))("from %s, %s is refused with a reason", (from, step) => {
    const party = drsProcedure.steps[step].recordedBy[0]!;
    const result = drsTransition(referralAt(from), step, at("2026-11-23", party));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal).toMatchObject({ code: "step_not_allowed", step, currentStep: from });
    expect(result.refusal.message).toMatch(/cannot follow/);
  });

  it("a finished referral allows no further step", () => {
    for (const final of ["agreementReached", "noAgreement", "withdrawn"] as const) {
      expect(drsSteps.filter((step) => drsTransition(referralAt(final), step, at("2026-11-23", "school")).ok)).toEqual([]);
    }
  });
});

describe("each DRS step is recorded only by its party", () => {
  it("the school cannot record that the LA forwarded the referral", () => {
    const result = drsTransition(referralAt("referralSubmitted"), "forwardedToDrs", at("2026-11-23", "school"));
    expect(result).toMatchObject({ ok: false, refusal: { code: "wrong_party", recordedBy: ["laOfficer"] } });
  });

  it("the LA officer cannot submit the school's referral or withdraw for a party", () => {
    expect(drsTransition(referralAt("mediationAgreed"), "referralSubmitted", at("2026-11-23", "laOfficer"))).toMatchObject({
      ok: false,
      refusal: { code: "wrong_party" },
    });
    expect(drsTransition(referralAt("meetingHeld"), "withdrawn", at("2026-11-23", "laOfficer"))).toMatchObject({ ok: false, refusal: { code: "wrong_party" } });
  });

  it("either party may withdraw, which stops the procedure's clocks but not the tribunal window", () => {
    for (const party of ["school", "parent"] as const) {
      const result = drsTransition(referralAt("forwardedToDrs"), "withdrawn", at("2026-11-23", party));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const stopped = result.effects.filter((e) => e.kind === "stopClock").map((e) => e.clock);
      expect(stopped).toEqual(["drsReferralForwarded", "drsPartiesContacted", "drsMeetingOffered", "drsMeetingHeld"]);
      expect(stopped).not.toContain("tribunalAppealWindow");
    }
  });
});

describe("both parties must agree to mediation", () => {
  const opening = {
    on: "2026-11-23",
    timescales,
    laDecisionOn: null,
    runningAppealWindows: [],
    parentPartnershipInformedOn: null,
    jurisdiction: "England" as const,
    parentMediation: "agreed" as const,
    parentMediationOn: "2026-11-20",
    schoolMediation: "agreed" as const,
    schoolMediationOn: "2026-11-20",
    signedByParentOn: null,
    signedBySchoolOn: null,
  };

  it("a referral is refused when the parents decline", () => {
    const result = openDrsReferral({ ...opening, parentMediation: "declined" }, { ...england, party: "school", today: "2026-11-23" });
    expect(result).toMatchObject({ ok: false, refusal: { code: "mediation_declined", declinedBy: ["parent"] } });
    if (!result.ok) expect(result.refusal.message).toMatch(/no referral will be made/);
  });

  it("a referral made after the parents were told of Parent Partnership opens with both steps before referral taken", () => {
    const result = openDrsReferral({ ...opening, parentPartnershipInformedOn: "2026-11-10" }, { ...england, party: "school", today: "2026-11-23" });
    expect(result).toMatchObject({
      ok: true,
      state: { currentStep: "parentPartnershipInformed", lastStepOn: "2026-11-23" },
      steps: [
        { step: "informalResolutionTried", on: "2026-11-23" },
        { step: "parentPartnershipInformed", on: "2026-11-10" },
      ],
    });
    const laOpens = openDrsReferral(opening, { ...england, party: "laOfficer", today: "2026-11-23" });
    expect(laOpens).toMatchObject({ ok: false, refusal: { code: "wrong_party" } });
  });

  it("the answers and signatures may come with the agreement or the submission, never later", () => {
    const unsigned = referralAt("mediationAgreed", { signedByParentOn: null, signedBySchoolOn: null });
    const signed = drsTransition(unsigned, "referralSubmitted", {
      ...at("2026-11-23", "school"),
      agreement: { signedByParentOn: "2026-11-20", signedBySchoolOn: "2026-11-21" },
    });
    expect(signed).toMatchObject({ ok: true, state: { signedByParentOn: "2026-11-20", signedBySchoolOn: "2026-11-21" } });
    const late = drsTransition(referralAt("referralSubmitted"), "forwardedToDrs", { ...at("2026-11-23"), agreement: { parentMediation: "declined" } });
    expect(late).toMatchObject({ ok: false, refusal: { code: "agreement_not_open" } });
    const declinedNow = drsTransition(referralAt("parentPartnershipInformed"), "mediationAgreed", {
      ...at("2026-11-23", "school"),
      agreement: { schoolMediation: "declined" },
    });
    expect(declinedNow).toMatchObject({ ok: false, refusal: { code: "mediation_declined", declinedBy: ["school"] } });
  });

  it("a referral is refused when the school declines", () => {
    const result = openDrsReferral({ ...opening, schoolMediation: "declined" }, { ...england, party: "school", today: "2026-11-23" });
    expect(result).toMatchObject({ ok: false, refusal: { code: "mediation_declined", declinedBy: ["school"] } });
  });

  it("agreement cannot be recorded after a party declined, nor before both have answered", () => {
    const declined = drsTransition(referralAt("parentPartnershipInformed", { parentMediation: "declined" }), "mediationAgreed", at("2026-11-23", "school"));
    expect(declined).toMatchObject({ ok: false, refusal: { code: "mediation_declined", declinedBy: ["parent"] } });
    const waiting = drsTransition(referralAt("parentPartnershipInformed", { parentMediation: null }), "mediationAgreed", at("2026-11-23", "school"));
    expect(waiting).toMatchObject({ ok: false, refusal: { code: "mediation_not_answered", awaiting: ["parent"] } });
  });

  it("the referral is not submitted until both have signed the form", () => {
    const result = drsTransition(referralAt("mediationAgreed", { signedByParentOn: null }), "referralSubmitted", at("2026-11-23", "school"));
    expect(result).toMatchObject({ ok: false, refusal: { code: "form_not_signed", missing: ["signedByParentOn"] } });
  });
});

function dueOf(result: ReturnType<typeof drsTransition>, clock: string) {
  if (!result.ok) throw new Error(result.refusal.message);
  const started = result.effects.find((e) => e.kind === "startClock" && e.clock === clock);
  return started?.kind === "startClock" ? started.dueOn : null;
}

describe("DRS deadlines, to the day, in working days of the LA's region", () => {
  it("the officer forwards within 10 working days, across Christmas and the substitute Boxing Day", () => {
    // Fri 11 Dec 2026: Christmas Day is a Friday, Boxing Day a Saturday so Monday 28 Dec is the substitute holiday.
    const result = drsTransition(referralAt("mediationAgreed", { lastStepOn: "2026-12-01" }), "referralSubmitted", at("2026-12-11", "school"));
    expect(dueOf(result, "drsReferralForwarded")).toBe("2026-12-29");
  });

  it("DRS contacts the parties within 4 working days of receiving the referral", () => {
    const result = drsTransition(referralAt("referralSubmitted", { lastStepOn: "2026-12-11" }), "forwardedToDrs", at("2026-12-22"));
    expect(dueOf(result, "drsPartiesContacted")).toBe("2026-12-30");
    expect(result.ok && result.effects[0]).toEqual({ kind: "stopClock", clock: "drsReferralForwarded" });
  });

  it("a meeting is offered within 10 further working days, across New Year", () => {
    const result = drsTransition(referralAt("forwardedToDrs", { lastStepOn: "2026-12-22" }), "drsContactedParties", at("2026-12-24"));
    expect(dueOf(result, "drsMeetingOffered")).toBe("2027-01-12");
  });

  it("an LA closure day is not a working day", () => {
    const closures = new Set(["2027-01-05"]);
    const result = drsTransition(referralAt("forwardedToDrs", { lastStepOn: "2026-12-22" }), "drsContactedParties", at("2026-12-24", "laOfficer", closures));
    expect(dueOf(result, "drsMeetingOffered")).toBe("2027-01-13");
  });

  it("the meeting is held within 15 working days of the offer", () => {
    const result = drsTransition(referralAt("drsContactedParties", { lastStepOn: "2026-12-17" }), "meetingOffered", at("2026-12-18"));
    expect(dueOf(result, "drsMeetingHeld")).toBe("2027-01-13");
  });

  it("a referral's clocks run by the timescales it was made with", () => {
    const made = { ...timescales, drsPartiesContacted: { ...timescales.drsPartiesContacted!, amount: 8 } };
    const result = drsTransition(referralAt("referralSubmitted", { lastStepOn: "2026-11-20", timescales: made }), "forwardedToDrs", at("2026-11-23"));
    expect(dueOf(result, "drsPartiesContacted")).toBe("2026-12-03");
  });

  it("the tribunal window runs 2 calendar months from the LA's decision in England; a Jersey appeal goes to the Minister", () => {
    const opening = {
      on: "2027-01-04",
      timescales,
      parentMediation: "agreed" as const,
      parentMediationOn: null,
      schoolMediation: "agreed" as const,
      schoolMediationOn: null,
      signedByParentOn: null,
      signedBySchoolOn: null,
      laDecisionOn: "2026-12-31",
      runningAppealWindows: [],
      parentPartnershipInformedOn: null,
    };
    const context = { ...england, party: "school" as const, today: "2027-01-04" };
    expect(openDrsReferral({ ...opening, jurisdiction: "England" }, context)).toMatchObject({
      ok: true,
      // 28 Feb 2027 is a Sunday: the appeal is in time on Monday 1 March (HESC Rules 2008, r.12(2)).
      effects: [{ kind: "startClock", clock: "tribunalAppealWindow", startedOn: "2026-12-31", dueOn: "2027-03-01" }],
    });
    expect(openDrsReferral({ ...opening, jurisdiction: "Jersey" }, { ...context, region: "jersey" })).toMatchObject({ ok: true, effects: [] });
    // The decision's own move already started the window: the referral takes it over rather than start a second.
    const running = [
      { id: "window-of-another-decision", startedOn: "2026-09-01" },
      { id: "window-of-this-decision", startedOn: "2026-12-31" },
    ];
    expect(openDrsReferral({ ...opening, runningAppealWindows: running, jurisdiction: "England" }, context)).toMatchObject({
      ok: true,
      effects: [{ kind: "adoptClock", clock: "tribunalAppealWindow", clockId: "window-of-this-decision" }],
    });
    expect(drsProcedure.appeal.Jersey.to).toMatch(/Minister for Education, not SENDIST/);
  });

  it("a step cannot be dated before the last one or after today", () => {
    const early = drsTransition(referralAt("referralSubmitted", { lastStepOn: "2026-11-20" }), "forwardedToDrs", { ...at("2026-11-19"), today: "2026-11-23" });
    expect(early).toMatchObject({ ok: false, refusal: { code: "step_date_invalid", earliest: "2026-11-20" } });
    const future = drsTransition(referralAt("referralSubmitted"), "forwardedToDrs", { ...at("2026-11-24"), today: "2026-11-23" });
    expect(future).toMatchObject({ ok: false, refusal: { code: "step_date_invalid", latest: "2026-11-23" } });
  });
});
