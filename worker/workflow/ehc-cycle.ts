import { type AssessmentRequestKind, type EhcStep, ehcSteps, type Region, type YearGroup } from "../../schema/vocab";
import { appealDeadline, ageOn, phaseTransferAmendedBy } from "../calendar/statutory-dates";
import { addCalendarPeriod, dueOn, type IsoDate } from "../calendar/working-days";
import type { Decider, FrameworkDefinition } from "./definition";
import type { Effect } from "./effects";
import type { ClockKind, Timescales } from "./timescales";

/** What a step of the EHC process does to the pupil's clocks, as data beside the regulation that says so. */
export type EhcStepRule = {
  label: string;
  source: string;
  stops: readonly ClockKind[];
  /** Started from the day the step happened, by the timescale in force that day. */
  starts: readonly ClockKind[];
  /** The step follows one of these clocks' starts: it is refused where none runs, or dated before it started. */
  follows?: readonly ClockKind[];
  /** Mediation and appeal are the Tribunal's route, not Jersey's (its appeals go to the Minister). */
  tribunalRoute?: boolean;
  /** The process the step is of: the frameworks whose assessment request is of this kind. */
  of: AssessmentRequestKind;
  /** Whose step it is to record: the LA's, or the school's where the school holds it (reg 20: the review meeting and report). */
  recordedBy: readonly Decider[];
  /** What the day it happened is, in the words of the step's page. */
  dateLabel: string;
  /** The step also takes the day the child moves school and whether to post-16 (reg 18). */
  takesTransfer?: true;
  /** The step is of a review held in this year group only (the 2001 Code's Year 9 transition review). */
  inYearGroup?: YearGroup;
};

export const ehcStepRules = {
  mediationAdviserContacted: {
    label: "The parent contacted the mediation adviser",
    source:
      "Children and Families Act 2014 s.55(3); SEND Regulations 2014, reg 32 and 33: the certificate within 3 working days of the parent saying they do not wish to mediate",
    stops: ["mediationAdviserContact"],
    starts: ["mediationCertificate"],
    tribunalRoute: true,
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the parent contacted the mediation adviser",
  },
  mediationWanted: {
    label: "The parent wishes to mediate",
    source: "SEND Regulations 2014, reg 37: the mediation takes place within 30 days of the LA being told",
    stops: ["mediationCertificate", "mediationAdviserContact"],
    starts: ["mediationHeld"],
    tribunalRoute: true,
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the LA was told the parent wishes to mediate",
  },
  mediationHeld: {
    label: "Mediation held",
    source: "SEND Regulations 2014, reg 34: the certificate within 3 working days of the mediation ending",
    stops: ["mediationHeld"],
    starts: ["mediationCertificate"],
    follows: ["mediationHeld"],
    tribunalRoute: true,
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the mediation ended",
  },
  mediationCertificateIssued: {
    label: "Mediation certificate issued",
    source:
      "SEND Regulations 2014, reg 33-34; Tribunal Procedure (HESC) Rules 2008, r.20(1)(b): appeal by the later of 2 months from the decision and 1 month from the certificate",
    stops: ["mediationCertificate"],
    starts: [],
    tribunalRoute: true,
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date on the certificate",
  },
  draftPlanServed: {
    label: "Draft EHC plan sent to the parent",
    source: "SEND Regulations 2014, reg 13(1): at least 15 days, beginning with the day it was served, for the parent's comments",
    stops: ["ehcNoPlanNotice"],
    starts: ["ehcDraftPlanComments"],
    follows: ["ehcFinalPlan"],
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the draft plan was sent",
  },
  reviewMeetingHeld: {
    label: "EHC plan annual review meeting held",
    source:
      "SEND Regulations 2014, reg 20(7) and 20(10): the report within 2 weeks and the LA's decision within 4 weeks of the meeting; Children and Families Act 2014 s.44(1): the next review within 12 months",
    stops: ["ehcPlanAnnualReview", "ehcUnderFiveReview"],
    starts: ["ehcReviewReport", "ehcReviewDecision", "ehcPlanAnnualReview"],
    follows: ["ehcPlanAnnualReview", "ehcUnderFiveReview"],
    of: "ehcNeedsAssessment",
    recordedBy: ["school", "authority"],
    dateLabel: "The date of the review meeting",
  },
  reviewReportSent: {
    label: "Annual review report sent to the LA",
    source: "SEND Regulations 2014, reg 20(7)",
    stops: ["ehcReviewReport"],
    starts: [],
    follows: ["ehcReviewReport"],
    of: "ehcNeedsAssessment",
    recordedBy: ["school", "authority"],
    dateLabel: "The date the report was sent",
  },
  reviewDecisionMade: {
    label: "The LA decided to keep or cease the plan after the review",
    source: "SEND Regulations 2014, reg 20(10)",
    stops: ["ehcReviewDecision"],
    starts: [],
    follows: ["ehcReviewDecision"],
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date of the decision",
  },
  amendmentsProposed: {
    label: "The LA sent the proposed amendments to the parent",
    source: "SEND Regulations 2014, reg 20(10)(b) and reg 22(3): the amended plan within 8 weeks of the proposed amendments",
    stops: ["ehcReviewDecision"],
    starts: ["ehcAmendedPlan"],
    follows: ["ehcReviewDecision"],
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the proposed amendments were sent",
  },
  amendedPlanIssued: {
    label: "Amended EHC plan issued",
    source: "SEND Regulations 2014, reg 22(3)",
    stops: ["ehcAmendedPlan"],
    starts: [],
    follows: ["ehcAmendedPlan"],
    of: "ehcNeedsAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the amended plan was issued",
  },
  phaseTransferReviewed: {
    label: "Phase transfer review held",
    source: "SEND Regulations 2014, reg 18(1): the plan amended by 15 February of the year of transfer, 31 March for a move to post-16",
    stops: [],
    starts: [],
    follows: ["ehcPlanAnnualReview", "ehcUnderFiveReview"],
    of: "ehcNeedsAssessment",
    recordedBy: ["school", "authority"],
    dateLabel: "The date of the review meeting",
    takesTransfer: true,
  },
  // The 2001 Code's Statement: 6 weeks to decide, 10 to assess, 2 to the proposed Statement, 8 to the final (26 in all).
  statutoryAssessmentToBeMade: {
    label: "The Authority decided to make a statutory assessment",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 12: the decision within 6 weeks of the request, then the assessment within 10 weeks of its notice",
    stops: ["statutoryAssessmentDecision"],
    starts: ["statementAssessment"],
    follows: ["statutoryAssessmentDecision"],
    of: "statutoryAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date of the notice of the decision to assess",
  },
  statutoryAssessmentCompleted: {
    label: "The statutory assessment was completed",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 17: the proposed Statement, or notice that none will be made, within 2 weeks of the assessment's completion",
    stops: ["statementAssessment"],
    starts: ["proposedStatement"],
    follows: ["statementAssessment"],
    of: "statutoryAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the assessment was completed",
  },
  proposedStatementIssued: {
    label: "Proposed Statement sent to the parents",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 17: the final Statement within 8 weeks of the proposed Statement",
    stops: ["proposedStatement"],
    starts: ["finalStatement"],
    follows: ["proposedStatement"],
    of: "statutoryAssessment",
    recordedBy: ["authority"],
    dateLabel: "The date the proposed Statement was sent",
  },
  statementReviewMeetingHeld: {
    label: "Annual review meeting of the Statement held",
    source:
      "Education Act 1996 s.328(5): the next review within 12 months; Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 18 and 20: the head teacher's report to the Authority within 10 school days",
    stops: ["statementAnnualReview"],
    starts: ["statementReviewReport", "statementAnnualReview"],
    follows: ["statementAnnualReview"],
    of: "statutoryAssessment",
    recordedBy: ["school", "authority"],
    dateLabel: "The date of the review meeting",
  },
  statementReviewReportSent: {
    label: "Annual review report of the Statement sent to the Authority",
    source: "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 20",
    stops: ["statementReviewReport"],
    starts: [],
    follows: ["statementReviewReport"],
    of: "statutoryAssessment",
    recordedBy: ["school", "authority"],
    dateLabel: "The date the report was sent",
  },
  statementTransitionReviewHeld: {
    label: "Year 9 annual review held, with the transition plan",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 21; SEN Code of Practice 2001, chapter 9: the annual review in Year 9 draws up the transition plan",
    stops: ["statementAnnualReview"],
    starts: ["statementReviewReport", "statementAnnualReview"],
    follows: ["statementAnnualReview"],
    of: "statutoryAssessment",
    recordedBy: ["school", "authority"],
    dateLabel: "The date of the review meeting",
    inYearGroup: "9",
  },
} as const satisfies Record<EhcStep, EhcStepRule>;

/**
 * A child under five on the day an EHC plan's review clock starts is reviewed at the LA's interval for under-fives
 * (3 to 6 months) instead of within 12 months.
 */
export const underFivesReview = {
  instead: "ehcPlanAnnualReview",
  clock: "ehcUnderFiveReview",
  belowAge: 5,
  source: "SEND Code of Practice 2014, 9.178: LAs should consider reviewing the plan of a child under five every 3 to 6 months",
} as const;

export type EhcStepFacts = { step: EhcStep; transfer?: { transferOn: IsoDate; toPostSixteen: boolean } };

export type EhcStepRefusal =
  | { code: "ehc_step_not_in_framework"; message: string; step: EhcStep }
  | { code: "ehc_step_out_of_order"; message: string; step: EhcStep }
  | { code: "ehc_step_before_previous"; message: string; step: EhcStep; previousOn: IsoDate }
  | { code: "no_appealable_decision"; message: string }
  /** A date that cannot be true of the step: in the future, before the pupil was born, a transfer not after the review. */
  | { code: "ehc_step_date_invalid"; message: string; field: string };

export type EhcStepCase = {
  /** When each running clock of the pupil started (the latest, where a kind runs twice). */
  runningClockStarts: ReadonlyMap<string, IsoDate>;
  /** The day of the pupil's last LA decision that opened a tribunal window, running or closed. */
  appealableDecisionOn: IsoDate | null;
  dateOfBirth: IsoDate;
  yearGroup?: string;
};

export type EhcStepCalendar = { timescales: Timescales; region: Region; closures: ReadonlySet<string> };

function startClock(clock: ClockKind, on: IsoDate, calendar: EhcStepCalendar): Effect {
  const timescale = calendar.timescales[clock];
  return { kind: "startClock", clock, startedOn: on, dueOn: dueOn(on, timescale, calendar.region, calendar.closures), timescale };
}

/**
 * Pure: the under-fives rule applied to effects, where a plan's review clock starts for a child under five that day
 * its place is taken by the under-fives' review, and stopping one review clock stops the other.
 */
export function withUnderFivesReview(effects: readonly Effect[], dateOfBirth: IsoDate, calendar: EhcStepCalendar): Effect[] {
  return effects.flatMap((effect): Effect[] => {
    if (effect.kind === "stopClock" && effect.clock === underFivesReview.instead) return [effect, { ...effect, clock: underFivesReview.clock }];
    if (effect.kind !== "startClock" || effect.clock !== underFivesReview.instead) return [effect];
    if (dateOfBirth > effect.startedOn || ageOn(dateOfBirth, effect.startedOn) >= underFivesReview.belowAge) return [effect];
    const started = startClock(underFivesReview.clock, effect.startedOn, calendar);
    return [effect.subject && started.kind === "startClock" ? { ...started, subject: effect.subject } : started];
  });
}

/** The bounds a step's dates have from what they mean (issue 15): it has happened, to a child born by then. */
function dateBoundsRefusal(facts: EhcStepFacts, on: IsoDate, today: IsoDate, dateOfBirth: IsoDate): EhcStepRefusal | null {
  const invalid = (field: string, message: string): EhcStepRefusal => ({ code: "ehc_step_date_invalid", message, field });
  if (on > today) return invalid("happenedOn", "The date it happened must be today or in the past");
  if (on < dateOfBirth) return invalid("happenedOn", "The date it happened must be on or after the pupil's date of birth");
  const rule: EhcStepRule = ehcStepRules[facts.step];
  if (!rule.takesTransfer) return facts.transfer ? invalid("transfer", "Only a phase transfer review has a transfer date") : null;
  if (!facts.transfer) return invalid("transfer.transferOn", "Enter the date the child moves school");
  const { transferOn } = facts.transfer;
  // Reg 18: the review is held in the school year before the move, so the move is after it and within two years.
  if (transferOn <= on || transferOn > addCalendarPeriod(on, 24, "months")) {
    return invalid("transfer.transferOn", "The date the child moves school must be after the review and within two years of it");
  }
  return null;
}

/** The step is of the framework's statutory process, and of its route of appeal. */
const isStepOf = (framework: FrameworkDefinition, rule: EhcStepRule) =>
  framework.assessmentRequestKind === rule.of && (!rule.tribunalRoute || framework.jurisdiction === "England");

/** The clocks whose running makes a step awaited: those it follows, or else those it stops. */
const awaitedBy = (rule: EhcStepRule): readonly ClockKind[] => rule.follows ?? rule.stops;

export type OpenEhcStep = { step: EhcStep; label: string; source: string; dateLabel: string; takesTransfer: boolean };

/**
 * Pure: the steps of the framework's statutory process awaited now (a clock they follow or stop runs) that are this
 * party's to record, in the rules' order: derived from the rules alone, so a new step appears on the pupil's page.
 */
export function openEhcSteps(framework: FrameworkDefinition, runningClocks: ReadonlySet<string>, party: Decider, yearGroup: string): OpenEhcStep[] {
  return ehcSteps.flatMap((step) => {
    const rule: EhcStepRule = ehcStepRules[step];
    if (!isStepOf(framework, rule) || !rule.recordedBy.includes(party) || !awaitedBy(rule).some((clock) => runningClocks.has(clock))) return [];
    if (rule.inYearGroup && rule.inYearGroup !== yearGroup) return [];
    return [{ step, label: rule.label, source: rule.source, dateLabel: rule.dateLabel, takesTransfer: rule.takesTransfer === true }];
  });
}

/** Pure: the clocks a step of the EHC process stops and starts, from the day it happened, or a refusal saying why not. */
export function ehcStepEffects(
  framework: FrameworkDefinition,
  loaded: EhcStepCase,
  facts: EhcStepFacts,
  on: IsoDate,
  today: IsoDate,
  calendar: EhcStepCalendar,
): { ok: true; effects: Effect[] } | { ok: false; refusal: EhcStepRefusal } {
  const rule: EhcStepRule = ehcStepRules[facts.step];
  const { step } = facts;
  if (!isStepOf(framework, rule)) {
    return { ok: false, refusal: { code: "ehc_step_not_in_framework", message: `"${rule.label}" is not a step of ${framework.name}`, step } };
  }
  const dateRefusal = dateBoundsRefusal(facts, on, today, loaded.dateOfBirth);
  if (dateRefusal) return { ok: false, refusal: dateRefusal };
  if (rule.inYearGroup && rule.inYearGroup !== loaded.yearGroup) {
    return { ok: false, refusal: { code: "ehc_step_out_of_order", message: `"${rule.label}" is held in Year ${rule.inYearGroup} only`, step } };
  }
  if (rule.follows) {
    const starts = rule.follows.flatMap((clock) => loaded.runningClockStarts.get(clock) ?? []);
    if (starts.length === 0)
      return { ok: false, refusal: { code: "ehc_step_out_of_order", message: `"${rule.label}" is not awaited for this pupil now`, step } };
    const previousOn = starts.sort().at(-1) ?? on;
    if (on < previousOn) {
      return {
        ok: false,
        refusal: { code: "ehc_step_before_previous", message: `"${rule.label}" cannot be dated before the step before it`, step, previousOn },
      };
    }
  }
  const effects: Effect[] = [
    ...rule.stops.map((clock): Effect => ({ kind: "stopClock", clock })),
    ...rule.starts.map((clock) => startClock(clock, on, calendar)),
  ];
  if (step === "mediationCertificateIssued") {
    const decidedOn = loaded.appealableDecisionOn;
    if (!decidedOn)
      return { ok: false, refusal: { code: "no_appealable_decision", message: "There is no LA decision for this pupil that the parent could appeal" } };
    if (on < decidedOn) {
      return {
        ok: false,
        refusal: {
          code: "ehc_step_before_previous",
          message: "The mediation certificate cannot be dated before the LA's decision",
          step,
          previousOn: decidedOn,
        },
      };
    }
    const deadline = appealDeadline(decidedOn, on, calendar.region);
    // Only a certificate whose month runs past the decision's two months moves the deadline.
    if (deadline > appealDeadline(decidedOn, null, calendar.region)) {
      effects.push(
        { kind: "stopClock", clock: "tribunalAppealWindow" },
        {
          kind: "startClock",
          clock: "tribunalAppealAfterMediation",
          startedOn: on,
          dueOn: deadline,
          timescale: calendar.timescales.tribunalAppealAfterMediation,
        },
      );
    }
  }
  if (step === "phaseTransferReviewed" && facts.transfer) {
    const { transferOn, toPostSixteen } = facts.transfer;
    effects.push(
      { kind: "stopClock", clock: "ehcAmendedPlan" },
      {
        kind: "startClock",
        clock: "ehcAmendedPlan",
        startedOn: on,
        dueOn: phaseTransferAmendedBy(transferOn, toPostSixteen),
        timescale: { ...calendar.timescales.ehcAmendedPlan, source: ehcStepRules.phaseTransferReviewed.source },
      },
    );
  }
  return { ok: true, effects: withUnderFivesReview(effects, loaded.dateOfBirth, calendar) };
}
