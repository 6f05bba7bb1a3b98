import type { Counting, DeadlineRule } from "../calendar/working-days";
import { type ClockKind, clockKinds, type StatutoryClockKind, type TimescaleOverrides, type TimeUnit } from "../../schema/vocab";

/** The closed set is vocabulary (schema/vocab.ts); the workflow gives each clock its timescale. */
export { clockKinds, type ClockKind };

export type Timescale = {
  amount: number;
  unit: TimeUnit;
  source: string;
  /** Statutory timescales are law; local ones are an LA's own procedure and the LA may change them. */
  basis: "statutory" | "local";
  /** How the period is counted from its day (worker/calendar/working-days.ts); "from" when absent. */
  counting?: Counting;
  /** A Tribunal time limit, moved off non-working days, Christmas and August (HESC Rules 2008, r.12). */
  deadline?: DeadlineRule;
};

/**
 * Every clock the product runs, with its default and where the number comes from (DOMAIN.md, the seeds).
 * Weeks and months are calendar periods; only the DRS steps count working days.
 */
export const defaultTimescales = {
  planReview: {
    amount: 1,
    unit: "days",
    source: "The plan's own 'date for review' (seed 000 IEP; SEND Code 6.48); this is the grace before it is overdue",
    basis: "local",
  },
  reviewsTwiceYearly: {
    amount: 6,
    unit: "months",
    source: "Seed 003: the school will review the IEP at least twice a year and ideally termly",
    basis: "local",
  },
  parentMeetingsThreeAYear: {
    amount: 4,
    unit: "months",
    source: "SEND Code of Practice 2014, 6.65: schools should meet parents at least three times each year",
    basis: "local",
  },
  parentConcernResponse: {
    amount: 10,
    unit: "workingDays",
    source:
      "Local procedure (this product's default): the school replies to a parent's concern within 10 working days. SEND Code 2014, 6.45: schools should take seriously any concerns raised by a parent; seed 001: the class teacher, SLT or SENCO meet with parents to discuss concerns",
    basis: "local",
  },
  statutoryAssessmentDecision: {
    amount: 6,
    unit: "weeks",
    source: "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 12: decision to assess within 6 weeks",
    basis: "statutory",
  },
  statementAnnualReview: {
    amount: 12,
    unit: "months",
    source: "Education Act 1996 s.328(5); SEN Code of Practice 2001, 9:1: a statement is reviewed at least every 12 months",
    basis: "statutory",
  },
  ehcAssessmentDecision: {
    amount: 6,
    unit: "weeks",
    source: "SEND Regulations 2014, reg 4 and reg 5: the LA decides whether to assess within 6 weeks of the request",
    basis: "statutory",
  },
  ehcFinalPlan: {
    amount: 20,
    unit: "weeks",
    source: "SEND Regulations 2014, reg 13: the final EHC plan within 20 weeks of the request",
    basis: "statutory",
  },
  ehcPlanAnnualReview: {
    amount: 12,
    unit: "months",
    source: "Children and Families Act 2014 s.44; SEND Code of Practice 2014, 6.56 and 9.178",
    basis: "statutory",
  },
  tribunalAppealWindow: {
    amount: 2,
    unit: "months",
    source:
      "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, r.20(1)(a) and r.12: appeal within 2 months of the LA's decision, moved off non-working days, 25 December-1 January and August",
    basis: "statutory",
    deadline: "tribunal",
  },
  drsReferralForwarded: {
    amount: 10,
    unit: "workingDays",
    source: "Seed 000, DRS procedure step 1: the SEN Support & Monitoring Officer checks and submits the referral (10 days)",
    basis: "local",
  },
  drsPartiesContacted: {
    amount: 4,
    unit: "workingDays",
    source: "Seed 000, DRS procedure step 2: DRS contacts the parties within 4 working days",
    basis: "local",
  },
  drsMeetingOffered: {
    amount: 10,
    unit: "workingDays",
    source: "Seed 000, DRS procedure step 2: a meeting is offered within 10 further working days",
    basis: "local",
  },
  drsMeetingHeld: {
    amount: 15,
    unit: "workingDays",
    source: "Seed 000, DRS procedure step 3: the meeting takes place (15 days)",
    basis: "local",
  },
  mediationAdviserContact: {
    amount: 2,
    unit: "months",
    source:
      "Children and Families Act 2014 s.55(3); SEND Regulations 2014, reg 32: a parent who wishes to appeal contacts the mediation adviser within 2 months of the LA's decision",
    basis: "statutory",
  },
  mediationCertificate: {
    amount: 3,
    unit: "workingDays",
    source:
      "SEND Regulations 2014, reg 33 and reg 34: the mediation adviser issues the certificate within 3 working days of the parent saying they do not wish to mediate (reg 34: of mediation ending)",
    basis: "statutory",
  },
  mediationHeld: {
    amount: 30,
    unit: "days",
    source: "SEND Regulations 2014, reg 37: the LA ensures the mediation takes place within 30 days of being told the parent wishes to mediate",
    basis: "statutory",
  },
  tribunalAppealAfterMediation: {
    amount: 1,
    unit: "months",
    source:
      "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, r.20(1)(b) and r.12; SEND Regulations 2014, reg 33-34: appeal within 1 month of the mediation certificate, when that is later than 2 months from the decision",
    basis: "statutory",
    deadline: "tribunal",
  },
  ehcNoPlanNotice: {
    amount: 16,
    unit: "weeks",
    source: "SEND Regulations 2014, reg 10(1): the LA tells the parent it will not issue a plan within 16 weeks of the request",
    basis: "statutory",
  },
  ehcDraftPlanComments: {
    amount: 15,
    unit: "days",
    source: "SEND Regulations 2014, reg 13(1)(a): the parent has at least 15 days, beginning with the day the draft plan was served, to comment",
    basis: "statutory",
    counting: "beginningWith",
  },
  ehcReviewReport: {
    amount: 2,
    unit: "weeks",
    source: "SEND Regulations 2014, reg 20(7): the school sends the review report within 2 weeks of the annual review meeting",
    basis: "statutory",
  },
  ehcReviewDecision: {
    amount: 4,
    unit: "weeks",
    source: "SEND Regulations 2014, reg 20(10): the LA decides to keep, amend or cease the plan within 4 weeks of the review meeting",
    basis: "statutory",
  },
  ehcAmendedPlan: {
    amount: 8,
    unit: "weeks",
    source: "SEND Regulations 2014, reg 22(3): the amended plan within 8 weeks of the proposed amendments being sent to the parent",
    basis: "statutory",
  },
  ehcUnderFiveReview: {
    amount: 6,
    unit: "months",
    source:
      "SEND Code of Practice 2014, 9.178: LAs should consider reviewing the plan of a child under five at least every 3 to 6 months (guidance, so an LA may set a shorter interval)",
    basis: "local",
  },
  statementAssessment: {
    amount: 10,
    unit: "weeks",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 12: the assessment made within 10 weeks of the notice of the decision to make it (SEN Code of Practice 2001, chapter 7)",
    basis: "statutory",
  },
  proposedStatement: {
    amount: 2,
    unit: "weeks",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 17: the proposed Statement, or the notice that no Statement will be made (a Note in Lieu), within 2 weeks of the assessment's completion",
    basis: "statutory",
  },
  finalStatement: {
    amount: 8,
    unit: "weeks",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 17: the final Statement within 8 weeks of the proposed Statement (26 weeks in all from the request; SEN Code of Practice 2001, chapter 8)",
    basis: "statutory",
  },
  statementReviewReport: {
    amount: 10,
    unit: "workingDays",
    source:
      "Education (Special Educational Needs) (England) (Consolidation) Regulations 2001, reg 20: the head teacher's report of the annual review to the Authority within 10 school days of the meeting (counted here as working days)",
    basis: "statutory",
  },
} as const satisfies { [Kind in ClockKind]: Timescale & { basis: Kind extends StatutoryClockKind ? "statutory" : "local" } };

export type Timescales = Record<ClockKind, Timescale>;

/** The LA's timescales: its overrides of local procedure applied over the defaults; statutory ones never change. */
export function resolveTimescales(overrides: TimescaleOverrides): Timescales {
  const resolved: Timescales = { ...defaultTimescales };
  for (const kind of clockKinds) {
    const override = overrides[kind];
    const base = defaultTimescales[kind];
    if (override && base.basis === "local") {
      resolved[kind] = { ...base, amount: override.amount, unit: override.unit, source: `Local setting of the LA (default: ${base.source})` };
    }
  }
  return resolved;
}
