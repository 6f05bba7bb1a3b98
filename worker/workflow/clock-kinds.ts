import type { StaffRole } from "../../schema/vocab";
import type { ClockKind } from "./timescales";

/** The roles an overdue alert climbs through, in order (issue 5): teacher, then SENCO, then the LA officer. */
export const escalationLadder = ["teacher", "senco", "laOfficer"] as const satisfies readonly StaffRole[];
export type ResponsibleRole = (typeof escalationLadder)[number];

export type ClockKindDetails = {
  /** What people call it, in alerts, digests and the calendar feed. */
  label: string;
  /** Whom it concerns first: the role responsible for meeting it; an overdue alert escalates up the ladder from here. */
  responsible: ResponsibleRole;
  /** What stops the clock, in words (the moves and records that do it are in the frameworks and record routes). */
  stoppedBy: string;
  /** The record the clock runs for, where it is one record's (clocks.subjectKind). */
  subjectKind: "plan" | "drsReferral" | "assessmentRequest" | null;
  /**
   * A window rather than a duty: nobody is late when it passes, it simply closes. The scheduled run warns before it
   * closes, stops it on the day after, and never escalates it.
   */
  window: boolean;
  /**
   * The SENCO is told the day it is overdue, not after the LA's days of grace: the SENCO is responsible for reviews
   * (SEND Code of Practice 2014, 6.88-6.90; issue 15), though the teacher holds the plan.
   */
  sencoToldAtOnce?: true;
};

/** Beside each clock's timescale (timescales.ts): whom it concerns and what stops it. */
export const clockKindDetails = {
  planReview: {
    label: "Plan review date",
    responsible: "teacher",
    stoppedBy: "The review of the plan is recorded, or a fresh plan replaces it",
    subjectKind: "plan",
    window: false,
    sencoToldAtOnce: true,
  },
  reviewsTwiceYearly: {
    label: "IEP review (at least twice a year)",
    responsible: "senco",
    stoppedBy: "A School Action or School Action Plus review decision (which restarts it), or leaving the SEN register",
    subjectKind: null,
    window: false,
  },
  parentMeetingsThreeAYear: {
    label: "Meeting with parents (three a year)",
    responsible: "teacher",
    stoppedBy: "A parent meeting is recorded (which restarts it), or SEN support ends or an EHC plan is issued",
    subjectKind: null,
    window: false,
  },
  parentConcernResponse: {
    label: "Reply to a parent's concern",
    responsible: "senco",
    stoppedBy: "The school acknowledges and answers the parent's concern (the record of concern's respond-by date)",
    subjectKind: null,
    window: false,
  },
  statutoryAssessmentDecision: {
    label: "LA decision on statutory assessment",
    responsible: "laOfficer",
    stoppedBy: "The Authority decides: a Statement, a Note in Lieu, or no assessment",
    subjectKind: null,
    window: false,
  },
  statementAnnualReview: {
    label: "Annual review of the Statement",
    responsible: "senco",
    stoppedBy: "The annual review is held (which restarts it), or the Statement ceases",
    subjectKind: null,
    window: false,
  },
  ehcAssessmentDecision: {
    label: "LA decision on the EHC needs assessment request (6 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The LA agrees or refuses to assess",
    subjectKind: null,
    window: false,
  },
  ehcFinalPlan: {
    label: "Final EHC plan (20 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The final EHC plan is issued, the LA refuses to assess, or decides not to issue a plan",
    subjectKind: null,
    window: false,
  },
  ehcPlanAnnualReview: {
    label: "EHC plan annual review",
    responsible: "senco",
    stoppedBy: "The annual review is held (which restarts it), or the plan ceases",
    subjectKind: null,
    window: false,
  },
  tribunalAppealWindow: {
    label: "Tribunal appeal window closes",
    responsible: "laOfficer",
    stoppedBy: "It closes two months after the LA's decision",
    subjectKind: null,
    window: true,
  },
  drsReferralForwarded: {
    label: "DRS referral checked and forwarded by the LA",
    responsible: "laOfficer",
    stoppedBy: "The LA officer forwards the referral to DRS",
    subjectKind: "drsReferral",
    window: false,
  },
  drsPartiesContacted: {
    label: "DRS contacts both parties",
    responsible: "laOfficer",
    stoppedBy: "DRS records that it contacted the parties",
    subjectKind: "drsReferral",
    window: false,
  },
  drsMeetingOffered: {
    label: "DRS offers a meeting",
    responsible: "laOfficer",
    stoppedBy: "DRS offers a meeting",
    subjectKind: "drsReferral",
    window: false,
  },
  drsMeetingHeld: {
    label: "DRS meeting held",
    responsible: "laOfficer",
    stoppedBy: "The meeting is held, or the referral is withdrawn",
    subjectKind: "drsReferral",
    window: false,
  },
  mediationAdviserContact: {
    label: "Parent's contact with a mediation adviser (2 months)",
    responsible: "laOfficer",
    stoppedBy: "The parent contacts the mediation adviser, or it closes two months after the LA's decision",
    subjectKind: null,
    window: true,
  },
  mediationCertificate: {
    label: "Mediation certificate issued (3 working days)",
    responsible: "laOfficer",
    stoppedBy: "The mediation adviser issues the certificate",
    subjectKind: null,
    window: false,
  },
  mediationHeld: {
    label: "Mediation held (30 days)",
    responsible: "laOfficer",
    stoppedBy: "The mediation takes place, or the parent withdraws",
    subjectKind: null,
    window: false,
  },
  tribunalAppealAfterMediation: {
    label: "Tribunal appeal window closes (1 month from the mediation certificate)",
    responsible: "laOfficer",
    stoppedBy: "It closes one month after the mediation certificate, when that is later than two months after the decision",
    subjectKind: null,
    window: true,
  },
  ehcNoPlanNotice: {
    label: "Notice that no EHC plan will be issued (16 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The LA issues a draft plan, or tells the parent it will not issue one",
    subjectKind: null,
    window: false,
  },
  ehcDraftPlanComments: {
    label: "Parent's comments on the draft EHC plan (at least 15 days)",
    responsible: "laOfficer",
    stoppedBy: "It closes 15 days beginning with the day the draft was served; the final plan is not issued before",
    subjectKind: null,
    window: true,
  },
  ehcReviewReport: {
    label: "EHC annual review report (2 weeks)",
    responsible: "senco",
    stoppedBy: "The review report is sent to the LA",
    subjectKind: null,
    window: false,
  },
  ehcReviewDecision: {
    label: "LA decision after the EHC annual review (4 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The LA decides to keep, amend or cease the plan",
    subjectKind: null,
    window: false,
  },
  ehcAmendedPlan: {
    label: "Amended EHC plan (8 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The amended plan is issued",
    subjectKind: null,
    window: false,
  },
  ehcUnderFiveReview: {
    label: "EHC plan review for a child under five (3 to 6 months)",
    responsible: "senco",
    stoppedBy: "The review is held (which restarts it), or the plan ceases",
    subjectKind: null,
    window: false,
  },
  statementAssessment: {
    label: "Statutory assessment made (10 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The Authority records the assessment completed, or decides on the Statement",
    subjectKind: null,
    window: false,
  },
  proposedStatement: {
    label: "Proposed Statement or Note in Lieu (2 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The Authority sends the proposed Statement, or decides on the Statement",
    subjectKind: null,
    window: false,
  },
  finalStatement: {
    label: "Final Statement (8 weeks)",
    responsible: "laOfficer",
    stoppedBy: "The Authority issues the Statement or a Note in Lieu, or decides not to",
    subjectKind: null,
    window: false,
  },
  statementReviewReport: {
    label: "Annual review report of the Statement (10 school days)",
    responsible: "senco",
    stoppedBy: "The head teacher's report of the review is sent to the Authority",
    subjectKind: null,
    window: false,
  },
} as const satisfies Record<ClockKind, ClockKindDetails>;

/** Details of a stored clock's kind; a kind this build does not know still alerts its school's SENCO. */
export function detailsOf(kind: string): ClockKindDetails {
  const byKind: Readonly<Record<string, ClockKindDetails>> = clockKindDetails;
  return (Object.hasOwn(byKind, kind) ? byKind[kind] : undefined) ?? { label: kind, responsible: "senco", stoppedBy: "", subjectKind: null, window: false };
}
