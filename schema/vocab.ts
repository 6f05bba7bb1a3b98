/**
 * Closed sets of the domain, written once. Tables, input shapes and the workflow all derive from these.
 */

export const frameworkIds = ["england2001", "england2014", "recordOfNeed"] as const;
export type FrameworkId = (typeof frameworkIds)[number];

/** Regions whose public holidays decide working days (DOMAIN.md: "the public holidays of the LA's own region"). */
export const regions = ["englandAndWales", "scotland", "northernIreland", "jersey", "guernsey"] as const;
export type Region = (typeof regions)[number];

export const staffRoles = ["teacher", "senco", "head", "laOfficer", "admin"] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Areas of concern printed on the seed 000 Record of Concern and review forms. */
export const areasOfConcern2001 = ["cognitionAndLearning", "emotionalBehaviouralSocial", "communicationAndInteraction", "sensory", "physicalMedical"] as const;

/** Broad areas of need, SEND Code of Practice 2014, 5.32 / 6.28. */
export const broadAreasOfNeed = ["communicationAndInteraction", "cognitionAndLearning", "socialEmotionalMentalHealth", "sensoryPhysical"] as const;

/** Every area a record may name: the 2001 areas and the 2014 broad areas together. */
export const areasOfConcern = [
  "cognitionAndLearning",
  "emotionalBehaviouralSocial",
  "communicationAndInteraction",
  "sensory",
  "physicalMedical",
  "socialEmotionalMentalHealth",
  "sensoryPhysical",
] as const satisfies readonly ((typeof areasOfConcern2001)[number] | (typeof broadAreasOfNeed)[number])[];
export type AreaOfConcern = (typeof areasOfConcern)[number];

/** DfE school census SEN primary / secondary need types. */
export const senNeedTypes = ["SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "NSA"] as const;
export type SenNeedType = (typeof senNeedTypes)[number];

/** DfE school census SEN provision codes; A, P and S are the historical 2001 Code codes. */
export const senProvisionCodes = ["N", "K", "E", "A", "P", "S"] as const;
export type SenProvisionCode = (typeof senProvisionCodes)[number];

export const yearGroups = ["N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"] as const;
export type YearGroup = (typeof yearGroups)[number];

export const schoolPhases = ["nursery", "primary", "secondary", "allThrough", "special", "post16"] as const;
export type SchoolPhase = (typeof schoolPhases)[number];

/** The forms of the seeds; a move names the one it needs. */
export const formKinds = ["recordOfConcern", "plan", "review", "parentMeeting", "specialistInvolvement", "assessmentRequest"] as const;
export type FormKind = (typeof formKinds)[number];

export const concernRaisers = ["staff", "parent"] as const;

export const targetOutcomes = ["achieved", "partlyAchieved", "notAchieved"] as const;

export const assessmentRequestKinds = ["statutoryAssessment", "ehcNeedsAssessment", "exceptionalActionAssessment"] as const;
export type AssessmentRequestKind = (typeof assessmentRequestKinds)[number];
export const assessmentRequesters = ["school", "parent"] as const;
export const laAssessmentDecisions = ["agreed", "refused"] as const;
export type LaAssessmentDecision = (typeof laAssessmentDecisions)[number];

/** Seed 000, last pages: the DRS procedure for schools, step by step (worker/workflow/drs.ts says who records each). */
export const drsSteps = [
  "informalResolutionTried",
  "parentPartnershipInformed",
  "mediationAgreed",
  "referralSubmitted",
  "forwardedToDrs",
  "drsContactedParties",
  "meetingOffered",
  "meetingHeld",
  "furtherMeetingHeld",
  "agreementReached",
  "noAgreement",
  "withdrawn",
] as const;
export type DrsStep = (typeof drsSteps)[number];

export const mediationAnswers = ["agreed", "declined"] as const;
export type MediationAnswer = (typeof mediationAnswers)[number];

/** Who records a DRS step: the school, the LA's SEN Support & Monitoring Officer, or the parents (through their link). */
export const drsParties = ["school", "laOfficer", "parent"] as const;
export type DrsParty = (typeof drsParties)[number];

export const planKinds = ["iep", "ibp"] as const;

/** A move between two Stepwise schools (issue 18): started by the leaving school, accepted by the receiving one. */
/** A waiting transfer is accepted by the receiving school, cancelled by the leaving one, or declined by the receiving one. */
export const transferStatuses = ["pending", "accepted", "cancelled", "declined"] as const;
export type TransferStatus = (typeof transferStatuses)[number];

export const auditActorKinds = ["staff", "parent", "public", "system"] as const;
export const auditActions = ["read", "create", "update", "move", "export", "close", "erase"] as const;
export type AuditAction = (typeof auditActions)[number];
/** What came of the action: done, refused (403, 409, 422 ...), not found (404), or failed (nothing saved, 5xx). */
export const auditOutcomes = ["done", "refused", "notFound", "failed"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** When an alert is raised for a clock, and to whom an overdue one escalates (issue 5). */
export const alertThresholds = ["dueSoon", "dueToday", "overdue", "escalatedToSenco", "escalatedToLa"] as const;
export type AlertThreshold = (typeof alertThresholds)[number];

/**
 * The steps of the EHC statutory process recorded after the decisions themselves: mediation, the draft plan, the
 * annual review and its sequels, the phase transfer (worker/workflow/ehc-cycle.ts gives each its clocks and source).
 */
export const ehcSteps = [
  "mediationAdviserContacted",
  "mediationWanted",
  "mediationHeld",
  "mediationCertificateIssued",
  "draftPlanServed",
  "reviewMeetingHeld",
  "reviewReportSent",
  "reviewDecisionMade",
  "amendmentsProposed",
  "amendedPlanIssued",
  "phaseTransferReviewed",
  "statutoryAssessmentToBeMade",
  "statutoryAssessmentCompleted",
  "proposedStatementIssued",
  "statementReviewMeetingHeld",
  "statementReviewReportSent",
  "statementTransitionReviewHeld",
] as const;
export type EhcStep = (typeof ehcSteps)[number];

/** The clocks that are a window closing, not a duty falling due (worker/workflow/clock-kinds.ts: window). */
export const windowClockKinds = ["tribunalAppealWindow", "mediationAdviserContact", "tribunalAppealAfterMediation", "ehcDraftPlanComments"] as const;

/** The clocks that are a review falling due (worker/workflow/timescales.ts): the LA's "overdue reviews" (issue 6). */
export const reviewClockKinds = ["planReview", "reviewsTwiceYearly", "statementAnnualReview", "ehcPlanAnnualReview"] as const;

/** Every clock the product runs; worker/workflow/timescales.ts gives each its default and where the number comes from. */
export const clockKinds = [
  "planReview",
  "reviewsTwiceYearly",
  "parentMeetingsThreeAYear",
  "parentConcernResponse",
  "statutoryAssessmentDecision",
  "statementAnnualReview",
  "ehcAssessmentDecision",
  "ehcFinalPlan",
  "ehcPlanAnnualReview",
  "tribunalAppealWindow",
  "drsReferralForwarded",
  "drsPartiesContacted",
  "drsMeetingOffered",
  "drsMeetingHeld",
  "mediationAdviserContact",
  "mediationCertificate",
  "mediationHeld",
  "tribunalAppealAfterMediation",
  "ehcNoPlanNotice",
  "ehcDraftPlanComments",
  "ehcReviewReport",
  "ehcReviewDecision",
  "ehcAmendedPlan",
  "ehcUnderFiveReview",
  "statementAssessment",
  "proposedStatement",
  "finalStatement",
  "statementReviewReport",
] as const;
export type ClockKind = (typeof clockKinds)[number];

/** Clocks whose timescale is law: an LA may not change them; the others follow the LA's own procedure. */
export const statutoryClockKinds = [
  "statutoryAssessmentDecision",
  "statementAnnualReview",
  "ehcAssessmentDecision",
  "ehcFinalPlan",
  "ehcPlanAnnualReview",
  "tribunalAppealWindow",
  "mediationAdviserContact",
  "mediationCertificate",
  "mediationHeld",
  "tribunalAppealAfterMediation",
  "ehcNoPlanNotice",
  "ehcDraftPlanComments",
  "ehcReviewReport",
  "ehcReviewDecision",
  "ehcAmendedPlan",
  "statementAssessment",
  "proposedStatement",
  "finalStatement",
  "statementReviewReport",
] as const satisfies readonly ClockKind[];
export type StatutoryClockKind = (typeof statutoryClockKinds)[number];

export const timeUnits = ["days", "workingDays", "weeks", "months"] as const;
export type TimeUnit = (typeof timeUnits)[number];

/** Partial overrides of the default timescales, keyed by clock kind (an LA's settings, stored as JSON). */
export type TimescaleOverrides = Record<string, { amount: number; unit: TimeUnit }>;

/** Timescales as they stood when a record was made, with their sources: what its clocks run by from then on. */
export type TimescaleSnapshot = Record<
  string,
  { amount: number; unit: TimeUnit; source: string; basis: "statutory" | "local"; counting?: "from" | "beginningWith"; deadline?: "tribunal" }
>;

/** DRS steps after which a referral is closed: it leaves the LA's list of open referrals. */
export const drsFinalSteps = ["agreementReached", "noAgreement", "withdrawn"] as const;

/** How a school costs an intervention: per session, or per hour of staff time (worker/records/intervention-costs.ts). */
export const costBases = ["perSession", "perStaffHour"] as const;
export type CostBasis = (typeof costBases)[number];
