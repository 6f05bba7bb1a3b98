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
};

/** Beside each clock's timescale (timescales.ts): whom it concerns and what stops it. */
export const clockKindDetails = {
  planReview: {
    label: "Plan review date",
    responsible: "teacher",
    stoppedBy: "The review of the plan is recorded, or a fresh plan replaces it",
    subjectKind: "plan",
    window: false,
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
} as const satisfies Record<ClockKind, ClockKindDetails>;

/** Details of a stored clock's kind; a kind this build does not know still alerts its school's SENCO. */
export function detailsOf(kind: string): ClockKindDetails {
  const byKind: Readonly<Record<string, ClockKindDetails>> = clockKindDetails;
  return (Object.hasOwn(byKind, kind) ? byKind[kind] : undefined) ?? { label: kind, responsible: "senco", stoppedBy: "", subjectKind: null, window: false };
}
