import { type ClockKind, clockKinds, type StatutoryClockKind, type TimescaleOverrides, type TimeUnit } from "../../schema/vocab";

/** The closed set is vocabulary (schema/vocab.ts); the workflow gives each clock its timescale. */
export { clockKinds, type ClockKind };

export type Timescale = {
  amount: number;
  unit: TimeUnit;
  source: string;
  /** Statutory timescales are law; local ones are an LA's own procedure and the LA may change them. */
  basis: "statutory" | "local";
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
    source: "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008: appeal within 2 months of the LA's decision",
    basis: "statutory",
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
