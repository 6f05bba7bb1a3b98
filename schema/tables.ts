import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  type TimescaleOverrides,
  type TimescaleSnapshot,
  alertThresholds,
  drsFinalSteps,
  reviewClockKinds,
  windowClockKinds,
  assessmentRequestKinds,
  auditActions,
  auditOutcomes,
  costBases,
  auditActorKinds,
  assessmentRequesters,
  concernRaisers,
  drsSteps,
  ehcSteps,
  formKinds,
  frameworkIds,
  laAssessmentDecisions,
  mediationAnswers,
  planKinds,
  regions,
  schoolPhases,
  senNeedTypes,
  senProvisionCodes,
  staffRoles,
  targetOutcomes,
  transferStatuses,
  yearGroups,
  type AlertThreshold,
  type AreaOfConcern,
} from "./vocab";

/** A constant SQL list ('a', 'b') for partial indexes: the queries that use them repeat the same literal list. */
export const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** ISO timestamps are stored as text so D1, SQL and JSON all read them the same way. */
const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
const id = () => text("id").primaryKey();

export type Contributor = { name: string; position: string };
/** Partial overrides of the alert settings (worker/alerts/settings.ts): when "due soon" starts and when overdue escalates. */
export type AlertSettingsOverrides = Partial<Record<"dueSoonDays" | "escalateToSencoAfterDays" | "escalateToLaAfterDays", number>>;

export const localAuthorities = sqliteTable("local_authorities", {
  id: id(),
  name: text("name").notNull(),
  /** The DfE three-digit LA number. */
  code: text("code").notNull().unique(),
  region: text("region", { enum: regions }).notNull(),
  alertSettings: text("alert_settings", { mode: "json" }).$type<AlertSettingsOverrides>().notNull().default({}),
  /** A closed SEN file is erased this many years after the pupil's date of birth (DOMAIN.md: DOB + 31 years). */
  retentionYearsAfterBirth: integer("retention_years_after_birth").notNull().default(31),
  /** A shared address (senco@council) that gets the LA's notices beside its named officers: it outlasts any one of them. */
  mailbox: text("mailbox"),
  createdAt: createdAt(),
});

export const schools = sqliteTable(
  "schools",
  {
    id: id(),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    name: text("name").notNull(),
    /** Unique reference number from Get Information About Schools. */
    urn: text("urn").notNull().unique(),
    phase: text("phase", { enum: schoolPhases }).notNull(),
    framework: text("framework", { enum: frameworkIds }).notNull(),
    /** The public concern link is /s/{publicSlug}/concern. */
    publicSlug: text("public_slug").notNull().unique(),
    embedOrigins: text("embed_origins", { mode: "json" }).$type<string[]>().notNull().default([]),
    region: text("region", { enum: regions }).notNull(),
    /** A shared address (senco@school) that gets the school's notices and digests beside the named SENCOs. */
    mailbox: text("mailbox"),
    createdAt: createdAt(),
  },
  (t) => [index("schools_by_la").on(t.laId, t.name), index("schools_by_la_name").on(t.laId, t.name, t.id)],
);

export const staffUsers = sqliteTable(
  "staff_users",
  {
    id: id(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: staffRoles }).notNull(),
    /** Set for LA officers (their LA) and for school staff (their school's LA). Null for admins. */
    laId: text("la_id").references(() => localAuthorities.id),
    passwordHash: text("password_hash"),
    passwordSalt: text("password_salt"),
    /** Raised on sign-out and on password change: tokens carrying an older version are refused. */
    tokenVersion: integer("token_version").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** SHA-256 of the secret in the person's iCalendar feed URL (issue 5); null until they ask for one. */
    calendarTokenHash: text("calendar_token_hash").unique(),
    lastSignedInAt: text("last_signed_in_at"),
    createdAt: createdAt(),
  },
  (t) => [index("staff_by_la").on(t.laId)],
);

/** A member of staff works at one school, or several for a trust. */
export const staffSchools = sqliteTable(
  "staff_schools",
  {
    userId: text("user_id")
      .notNull()
      .references(() => staffUsers.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.schoolId] }), index("staff_schools_by_school").on(t.schoolId)],
);

export const pupils = sqliteTable(
  "pupils",
  {
    id: id(),
    /**
     * The DfE unique pupil number (13 characters). Unique within a school, not across Stepwise: a school enrolling a
     * child learns nothing of other schools' records, and a child's record moves between schools by a transfer.
     */
    upn: text("upn").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: text("date_of_birth").notNull(),
    yearGroup: text("year_group", { enum: yearGroups }).notNull(),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    framework: text("framework", { enum: frameworkIds }).notNull(),
    stage: text("stage").notNull(),
    /** The Assess-Plan-Do-Review cycle number, where the framework counts cycles. */
    cycle: integer("cycle").notNull().default(0),
    /** Equals the sequence number of the pupil's last event; every move must name it. */
    version: integer("version").notNull().default(0),
    primaryNeed: text("primary_need", { enum: senNeedTypes }),
    secondaryNeed: text("secondary_need", { enum: senNeedTypes }),
    areasOfNeed: text("areas_of_need", { mode: "json" }).$type<AreaOfConcern[]>().notNull().default([]),
    closedAt: text("closed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("pupils_upn_at_school").on(t.schoolId, t.upn),
    index("pupils_by_school_name").on(t.schoolId, t.familyName, t.givenName, t.id),
    index("pupils_by_la_name").on(t.laId, t.familyName, t.givenName, t.id),
    // Drill-down from a dashboard figure to the pupils behind it, a page at a time by name (issue 6). These also
    // serve every lookup by school or LA and stage, so a move's stage change updates two indexes of stage, not four.
    index("pupils_by_la_stage_name").on(t.laId, t.stage, t.familyName, t.givenName, t.id),
    index("pupils_by_school_stage_name").on(t.schoolId, t.stage, t.familyName, t.givenName, t.id),
    // An officer's list of pupils by year group or primary need across the LA (issue 14), by name: a year or a rare need
    // among 60,000 pupils read on the name index alone would walk most of it. Neither changes on a move.
    index("pupils_by_la_year_name").on(t.laId, t.yearGroup, t.familyName, t.givenName, t.id),
    index("pupils_by_la_need_name").on(t.laId, t.primaryNeed, t.familyName, t.givenName, t.id),
  ],
);

/** Teachers see the pupils they teach. */
/**
 * A pupil's move between two Stepwise schools (issue 18): the leaving school's SENCO starts it by the receiving school's
 * URN; the receiving SENCO accepts it, and the record, plans, reviews and running clocks go with the child. The school
 * and LA the pupil left are kept so both audit trails can say what moved, when and by whom.
 */
export const pupilTransfers = sqliteTable(
  "pupil_transfers",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    fromSchoolId: text("from_school_id")
      .notNull()
      .references(() => schools.id),
    fromLaId: text("from_la_id")
      .notNull()
      .references(() => localAuthorities.id),
    toSchoolId: text("to_school_id")
      .notNull()
      .references(() => schools.id),
    toLaId: text("to_la_id")
      .notNull()
      .references(() => localAuthorities.id),
    status: text("status", { enum: transferStatuses }).notNull().default("pending"),
    startedByUserId: text("started_by_user_id").notNull(),
    startedAt: text("started_at").notNull(),
    acceptedByUserId: text("accepted_by_user_id"),
    acceptedAt: text("accepted_at"),
    /** Who cancelled (the leaving school) or declined (the receiving school) a transfer that was waiting, and when. */
    endedByUserId: text("ended_by_user_id"),
    endedAt: text("ended_at"),
  },
  (t) => [
    // One transfer waits at a time: a second start while one is pending is refused, and a race cannot store two.
    uniqueIndex("transfers_one_pending").on(t.pupilId).where(sql`status = 'pending'`),
    index("transfers_to_school").on(t.toSchoolId, t.status, t.startedAt),
  ],
);

export const teachingAssignments = sqliteTable(
  "teaching_assignments",
  {
    userId: text("user_id")
      .notNull()
      .references(() => staffUsers.id),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.pupilId] }), index("teaching_by_pupil").on(t.pupilId, t.userId)],
);

/** Seed 000: SEN Record of Concern for primary schools, every field. */
export const recordsOfConcern = sqliteTable(
  "records_of_concern",
  {
    id: id(),
    pupilId: text("pupil_id").references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    raisedBy: text("raised_by", { enum: concernRaisers }).notNull(),
    raisedByUserId: text("raised_by_user_id").references(() => staffUsers.id),
    /** A parent's concern names the child before the school has matched it to a pupil record. */
    childName: text("child_name"),
    childDateOfBirth: text("child_date_of_birth"),
    childYearGroup: text("child_year_group", { enum: yearGroups }),
    parentName: text("parent_name"),
    parentEmail: text("parent_email"),
    parentPhone: text("parent_phone"),
    parentRelationship: text("parent_relationship"),
    /** What the parent is told to quote: short, unambiguous, unique. */
    reference: text("reference"),
    /** SHA-256 of the secret in the parent's private status link; the secret itself is never stored. */
    statusTokenHash: text("status_token_hash"),
    /** The date by which the school has said it will respond to a parent's concern (an LA's local timescale). */
    respondBy: text("respond_by"),
    /** When a SENCO or head first opened a parent's concern: the parent's status page says the school has read it. */
    acknowledgedAt: text("acknowledged_at"),
    /** The day the school contacted the parent about their concern: until then it is on the SENCO's tasks. */
    respondedOn: text("responded_on"),
    contributors: text("contributors", { mode: "json" }).$type<Contributor[]>().notNull().default([]),
    areasOfConcern: text("areas_of_concern", { mode: "json" }).$type<AreaOfConcern[]>().notNull(),
    description: text("description").notNull(),
    evidence: text("evidence"),
    strategiesUsed: text("strategies_used"),
    strategyOutcomes: text("strategy_outcomes"),
    pupilDiscussion: text("pupil_discussion"),
    parentDiscussion: text("parent_discussion"),
    externalAgencies: text("external_agencies"),
    /** The move chosen under "Action following discussion with the SEN Co-ordinator". */
    sencoAction: text("senco_action"),
    sencoSignedAt: text("senco_signed_at"),
    teacherSignedAt: text("teacher_signed_at"),
    parentSignedAt: text("parent_signed_at"),
    copyGivenToParentsOn: text("copy_given_to_parents_on"),
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("concerns_by_pupil").on(t.pupilId, t.createdAt),
    index("concerns_by_school").on(t.schoolId, t.createdAt),
    index("concerns_by_raiser").on(t.raisedByUserId, t.pupilId),
    uniqueIndex("concerns_idempotency").on(t.schoolId, t.idempotencyKey),
    uniqueIndex("concerns_by_reference").on(t.reference),
    uniqueIndex("concerns_by_status_token").on(t.statusTokenHash),
  ],
);

/** Seed 000 IEP, seed 003: objective, baseline, 3-5 SMART targets with strategies and outcomes. */
export const plans = sqliteTable(
  "plans",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    /** Seed 000 prints "INDIVIDUAL EDUCATION PLAN (IEP) OR INDIVIDUAL EDUCATION PLAN (IBP)". */
    kind: text("kind", { enum: planKinds }).notNull().default("iep"),
    /** The stage printed as "For: SCHOOL ACTION" on the seed form. */
    stage: text("stage").notNull(),
    cycle: integer("cycle").notNull().default(0),
    objective: text("objective").notNull(),
    baseline: text("baseline").notNull(),
    /** Seed 003: "what help you can give your child at home"; SEND Code 6.51. */
    supportAtHome: text("support_at_home"),
    /** SEND Code 6.48: agreed in consultation with the parent and the pupil. */
    pupilViews: text("pupil_views"),
    parentViews: text("parent_views"),
    dateWritten: text("date_written").notNull(),
    reviewDate: text("review_date").notNull(),
    copyGivenToParentOn: text("copy_given_to_parent_on"),
    writtenByUserId: text("written_by_user_id").references(() => staffUsers.id),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("plans_by_pupil").on(t.pupilId, t.dateWritten),
    uniqueIndex("plans_once").on(t.pupilId, t.idempotencyKey),
    index("plans_by_school_review").on(t.schoolId, t.reviewDate),
    index("plans_copy_pending").on(t.schoolId, t.dateWritten).where(sql`copy_given_to_parent_on IS NULL`),
  ],
);

export const planTargets = sqliteTable(
  "plan_targets",
  {
    id: id(),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    position: integer("position").notNull(),
    target: text("target").notNull(),
    successCriteria: text("success_criteria").notNull(),
    materials: text("materials").notNull(),
    methods: text("methods").notNull(),
    deliveredBy: text("delivered_by").notNull(),
    groupSize: text("group_size").notNull(),
    frequency: text("frequency").notNull(),
    /** Provision map (SEND Code 6.76-6.77): the school's intervention this target is delivered through. */
    interventionId: text("intervention_id").references(() => interventions.id),
    outcome: text("outcome", { enum: targetOutcomes }),
    outcomeData: text("outcome_data"),
  },
  (t) => [uniqueIndex("targets_by_plan").on(t.planId, t.position), index("targets_by_intervention").on(t.interventionId, t.planId)],
);

/** The school's provision map (SEND Code 6.76-6.77): each intervention it runs, with its group, frequency, staff and cost. */
export const interventions = sqliteTable(
  "interventions",
  {
    id: id(),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    name: text("name").notNull(),
    description: text("description"),
    areaOfNeed: text("area_of_need"),
    groupSize: text("group_size").notNull(),
    frequency: text("frequency").notNull(),
    staff: text("staff").notNull(),
    costPerTermPence: integer("cost_per_term_pence").notNull().default(0),
    /** How it is costed, when the school gives sessions and a cost (worker/records/intervention-costs.ts). */
    sessionsPerWeek: integer("sessions_per_week"),
    sessionMinutes: integer("session_minutes"),
    costBasis: text("cost_basis", { enum: costBases }),
    /** Pence per session, or per hour of staff time, as costBasis says. */
    costPence: integer("cost_pence"),
    /** The day the school stopped running it. */
    endedOn: text("ended_on"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("interventions_by_school").on(t.schoolId, t.name), uniqueIndex("interventions_once").on(t.schoolId, t.idempotencyKey)],
);

/** A pupil on an intervention, from one day to another (SEND Code 6.76: the provision each pupil receives). */
export const interventionPupils = sqliteTable(
  "intervention_pupils",
  {
    id: id(),
    interventionId: text("intervention_id")
      .notNull()
      .references(() => interventions.id),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    startedOn: text("started_on").notNull(),
    endedOn: text("ended_on"),
  },
  (t) => [
    index("intervention_pupils_by_intervention").on(t.interventionId, t.endedOn),
    index("intervention_pupils_by_pupil").on(t.pupilId),
    // A pupil is on an intervention once at a time: the same form sent twice puts them on once.
    uniqueIndex("intervention_pupils_on_once").on(t.interventionId, t.pupilId).where(sql`ended_on IS NULL`),
  ],
);

/** Seed 000 "Review of Progress" (School Action, School Action Plus) and the 2014 Review step. */
export const reviews = sqliteTable(
  "reviews",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    planId: text("plan_id").references(() => plans.id),
    stage: text("stage").notNull(),
    reviewDate: text("review_date").notNull(),
    contributors: text("contributors", { mode: "json" }).$type<Contributor[]>().notNull().default([]),
    areasOfConcern: text("areas_of_concern", { mode: "json" }).$type<AreaOfConcern[]>().notNull(),
    evaluation: text("evaluation").notNull(),
    pupilViews: text("pupil_views"),
    parentViews: text("parent_views"),
    externalAgencies: text("external_agencies"),
    /** The move chosen under "Decision following ... Review". */
    decision: text("decision"),
    signedBy: text("signed_by"),
    signedPosition: text("signed_position"),
    signedOn: text("signed_on"),
    copySentToParentsOn: text("copy_sent_to_parents_on"),
    recordedByUserId: text("recorded_by_user_id").references(() => staffUsers.id),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("reviews_by_pupil").on(t.pupilId, t.reviewDate),
    uniqueIndex("reviews_once").on(t.pupilId, t.idempotencyKey),
    index("reviews_by_school").on(t.schoolId, t.reviewDate),
    index("reviews_copy_pending").on(t.schoolId, t.reviewDate).where(sql`copy_sent_to_parents_on IS NULL`),
  ],
);

/** SEND Code 6.58-6.59: the involvement of specialists and what was discussed or agreed. */
export const specialistInvolvements = sqliteTable(
  "specialist_involvements",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    service: text("service").notNull(),
    specialistName: text("specialist_name"),
    parentsAgreedOn: text("parents_agreed_on"),
    requestedOn: text("requested_on").notNull(),
    seenOn: text("seen_on"),
    adviceSummary: text("advice_summary"),
    sharedWithParentsOn: text("shared_with_parents_on"),
    recordedByUserId: text("recorded_by_user_id").references(() => staffUsers.id),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [index("specialists_by_pupil").on(t.pupilId, t.requestedOn), uniqueIndex("specialists_once").on(t.pupilId, t.idempotencyKey)],
);

/** SEND Code 6.65-6.71: at least three meetings a year; the record is given to the parents. */
export const parentMeetings = sqliteTable(
  "parent_meetings",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    heldOn: text("held_on").notNull(),
    attendees: text("attendees", { mode: "json" }).$type<Contributor[]>().notNull().default([]),
    outcomesAgreed: text("outcomes_agreed").notNull(),
    actionsAgreed: text("actions_agreed"),
    pupilViews: text("pupil_views"),
    recordGivenToParentsOn: text("record_given_to_parents_on"),
    recordedByUserId: text("recorded_by_user_id").references(() => staffUsers.id),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("meetings_by_pupil").on(t.pupilId, t.heldOn),
    index("meetings_by_school").on(t.schoolId, t.heldOn),
    uniqueIndex("meetings_once").on(t.pupilId, t.idempotencyKey),
  ],
);

/** Seed 000, last pages: the Disagreement Resolution Service referral. */
export const drsReferrals = sqliteTable(
  "drs_referrals",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    informalResolutionTried: text("informal_resolution_tried").notNull(),
    parentPartnershipInformedOn: text("parent_partnership_informed_on"),
    parentMediation: text("parent_mediation", { enum: mediationAnswers }),
    parentMediationOn: text("parent_mediation_on"),
    schoolMediation: text("school_mediation", { enum: mediationAnswers }),
    schoolMediationOn: text("school_mediation_on"),
    summaryOfIssues: text("summary_of_issues").notNull(),
    actionsTaken: text("actions_taken").notNull(),
    signedByParentOn: text("signed_by_parent_on"),
    signedBySchoolOn: text("signed_by_school_on"),
    /** The LA decision the tribunal window runs from, where the disagreement is about one. */
    laDecisionOn: text("la_decision_on"),
    currentStep: text("current_step", { enum: drsSteps }).notNull(),
    copySentToParentsOn: text("copy_sent_to_parents_on"),
    /** The timescales in force when the referral was made; a later change of setting never moves it. */
    timescales: text("timescales", { mode: "json" }).$type<TimescaleSnapshot>().notNull(),
    createdByUserId: text("created_by_user_id").references(() => staffUsers.id),
    /** The one-time key of the referral form that opened it (a double submission opens one referral). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("drs_referrals_once").on(t.pupilId, t.idempotencyKey),
    index("drs_by_la_step").on(t.laId, t.currentStep),
    index("drs_by_pupil").on(t.pupilId),
    index("drs_open_by_la")
      .on(t.laId, t.createdAt, t.id)
      .where(sql`current_step NOT IN (${sqlList(drsFinalSteps)})`),
  ],
);

export const drsReferralSteps = sqliteTable(
  "drs_referral_steps",
  {
    id: id(),
    referralId: text("referral_id")
      .notNull()
      .references(() => drsReferrals.id),
    step: text("step", { enum: drsSteps }).notNull(),
    happenedOn: text("happened_on").notNull(),
    note: text("note"),
    recordedByUserId: text("recorded_by_user_id").references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [index("drs_steps_by_referral").on(t.referralId, t.happenedOn)],
);

/**
 * A step of the EHC statutory process (schema/vocab.ts ehcSteps): the day it happened, given by the person, apart from
 * the moment and the person that recorded it; its clocks run from the day it happened (worker/workflow/ehc-cycle.ts).
 */
export const ehcStepRecords = sqliteTable(
  "ehc_step_records",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    step: text("step", { enum: ehcSteps }).notNull(),
    happenedOn: text("happened_on").notNull(),
    /** The phase transfer's day of moving and whether to post-16 (reg 18), where the step is the transfer review. */
    transferOn: text("transfer_on"),
    toPostSixteen: integer("to_post_sixteen", { mode: "boolean" }),
    recordedByUserId: text("recorded_by_user_id").references(() => staffUsers.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [index("ehc_steps_by_pupil").on(t.pupilId, t.happenedOn), index("ehc_steps_by_la").on(t.laId, t.happenedOn)],
);

/**
 * A pupil's SEN history as a Common Transfer File brought it (issue 18): each SEN provision code and the day it
 * started, at the schools before Stepwise knew the child. What happens on Stepwise is the pupil's events.
 */
export const senHistory = sqliteTable(
  "sen_history",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    startDate: text("start_date").notNull(),
    provision: text("provision", { enum: senProvisionCodes }).notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [index("sen_history_by_pupil").on(t.pupilId, t.startDate)],
);

/** A request for statutory assessment (2001), EHC needs assessment (2014) or Exceptional Action Assessment (Jersey). */
export const assessmentRequests = sqliteTable(
  "assessment_requests",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    kind: text("kind", { enum: assessmentRequestKinds }).notNull(),
    requestedBy: text("requested_by", { enum: assessmentRequesters }).notNull(),
    requestedOn: text("requested_on").notNull(),
    parentsConsultedOn: text("parents_consulted_on"),
    /** Why the school or parents ask now (SEND Code 6.63). */
    reasons: text("reasons").notNull(),
    /** Ids of the plans, reviews and specialist involvements gathered as evidence of SEN support (6.73). */
    evidence: text("evidence", { mode: "json" }).$type<{ kind: string; id: string }[]>().notNull().default([]),
    laDecision: text("la_decision", { enum: laAssessmentDecisions }),
    laDecisionOn: text("la_decision_on"),
    planIssuedOn: text("plan_issued_on"),
    exceptions: text("exceptions", { mode: "json" }).$type<{ reason: string; recordedOn: string }[]>().notNull().default([]),
    /**
     * The request's next deadline while it is open: the soonest of its running statutory clocks, NULL once none runs
     * (decided, the plan issued). Kept by triggers on clocks (the custom migration beside this one), so whatever stops
     * or starts a request's clock keeps it, and the LA's list is ordered by it on an index.
     */
    openDeadline: text("open_deadline"),
    createdByUserId: text("created_by_user_id").references(() => staffUsers.id),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("assessments_once").on(t.pupilId, t.idempotencyKey),
    // The LA's list: open requests soonest deadline first (breaches are the earliest), then the decided ones newest first.
    index("assessments_open_by_deadline").on(t.laId, t.openDeadline, t.id).where(sql`open_deadline IS NOT NULL`),
    index("assessments_decided_by_la").on(t.laId, t.requestedOn, t.id).where(sql`open_deadline IS NULL`),
    index("assessments_by_la").on(t.laId, t.requestedOn),
    index("assessments_by_pupil").on(t.pupilId),
    index("assessments_by_la_requested").on(t.laId, t.requestedOn, t.id),
  ],
);

/**
 * The append-only history of a pupil: every move, who, when, from, to, why and which form.
 * seq is gapless per pupil: a trigger (migrations/0001) refuses any seq but the pupil's version + 1.
 */
export const pupilEvents = sqliteTable(
  "pupil_events",
  {
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    seq: integer("seq").notNull(),
    at: text("at").notNull(),
    actorUserId: text("actor_user_id"),
    actorRole: text("actor_role").notNull(),
    move: text("move").notNull(),
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    cycle: integer("cycle").notNull(),
    reason: text("reason"),
    formKind: text("form_kind", { enum: formKinds }),
    formId: text("form_id"),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.seq] })],
);

/**
 * A running deadline: a plan's review, reviews a year, parent meetings a year, the EHC clocks.
 * Each records the timescale it was started with, so a later change of setting never moves it.
 */
export const clocks = sqliteTable(
  "clocks",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    kind: text("kind").notNull(),
    /** The record the clock runs for, where it is one record's (a plan's review date, a DRS referral's step). */
    subjectKind: text("subject_kind"),
    subjectId: text("subject_id"),
    startedOn: text("started_on").notNull(),
    dueOn: text("due_on").notNull(),
    timescale: text("timescale", { mode: "json" }).$type<{ amount: number; unit: string; source: string }>().notNull(),
    startedBySeq: integer("started_by_seq"),
    stoppedAt: text("stopped_at"),
    stoppedBySeq: integer("stopped_by_seq"),
    /** The alert thresholds already raised for this clock, so the scheduled run reads the clock alone to know. */
    alerted: text("alerted", { mode: "json" }).$type<AlertThreshold[]>().notNull().default(sql`'[]'`),
  },
  (t) => [
    // With id, so the scheduled run pages through running clocks in (due date, id) order without sorting them.
    index("running_clocks_by_due").on(t.dueOn, t.id).where(sql`stopped_at IS NULL`),
    index("running_windows_by_due")
      .on(t.dueOn)
      .where(sql`stopped_at IS NULL AND kind IN (${sqlList(windowClockKinds)})`),
    index("running_clocks_by_school").on(t.schoolId, t.dueOn).where(sql`stopped_at IS NULL`),
    index("running_clocks_by_la").on(t.laId, t.dueOn).where(sql`stopped_at IS NULL`),
    index("running_reviews_by_la")
      .on(t.laId, t.dueOn, t.id)
      .where(sql`stopped_at IS NULL AND kind IN (${sqlList(reviewClockKinds)})`),
    index("running_reviews_by_school")
      .on(t.schoolId, t.dueOn, t.id)
      .where(sql`stopped_at IS NULL AND kind IN (${sqlList(reviewClockKinds)})`),
    index("clocks_by_pupil").on(t.pupilId, t.kind),
    index("clocks_by_subject").on(t.subjectKind, t.subjectId),
  ],
);

/** Days an LA closes its schools beyond the public holidays: they are not working days for its clocks. */
export const closureDays = sqliteTable(
  "closure_days",
  {
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    date: text("date").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.laId, t.date] })],
);

/**
 * An LA's local timescales, kept as history: each change takes effect on its day and stays in force until a later
 * one. A clock counts by the setting in force on the day it starts (the day the thing happened, however late it is
 * recorded), and keeps it: a later change never moves a running clock.
 */
export const laTimescaleChanges = sqliteTable(
  "la_timescale_changes",
  {
    id: id(),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    /** The first day the setting is in force: the day the officer made the change, or a later day they gave. */
    takesEffectOn: text("takes_effect_on").notNull(),
    /** The whole setting from that day: every local clock left out runs by its default. */
    overrides: text("overrides", { mode: "json" }).$type<TimescaleOverrides>().notNull(),
    recordedAt: text("recorded_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    recordedBy: text("recorded_by").references(() => staffUsers.id),
  },
  (t) => [index("timescale_changes_by_la").on(t.laId, t.takesEffectOn, t.recordedAt)],
);

/**
 * Mail waiting to go: written in the same batch as the move that causes it, so nothing is lost,
 * and keyed so that nothing is queued twice.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    laId: text("la_id").references(() => localAuthorities.id),
    schoolId: text("school_id").references(() => schools.id),
    pupilId: text("pupil_id").references(() => pupils.id),
    audience: text("audience", { enum: ["parents", "authority", "staff"] }).notNull(),
    recipientUserId: text("recipient_user_id").references(() => staffUsers.id),
    recipientEmail: text("recipient_email"),
    template: text("template").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text("dedupe_key").notNull().unique(),
    status: text("status", { enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    /** A delivery run holds the message until then, so two overlapping runs never both send it. */
    claimedUntil: text("claimed_until"),
    providerMessageId: text("provider_message_id"),
    sentAt: text("sent_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt), index("outbox_by_school").on(t.schoolId, t.createdAt)],
);

/** A parent's capability link to one child's record (issue 4): only the hash of its secret is kept. */
export const parentLinks = sqliteTable(
  "parent_links",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    parentName: text("parent_name").notNull(),
    parentEmail: text("parent_email"),
    tokenHash: text("token_hash").notNull().unique(),
    createdByUserId: text("created_by_user_id").references(() => staffUsers.id),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    lastUsedAt: text("last_used_at"),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [index("parent_links_by_pupil").on(t.pupilId, t.createdAt), uniqueIndex("parent_links_once").on(t.pupilId, t.idempotencyKey)],
);

/** A parent's views before a review (SEND Code 6.54, seed 000 review forms), through their link or taken down by staff. */
export const parentViews = sqliteTable(
  "parent_views",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    /** The plan whose review the views are for. */
    planId: text("plan_id").references(() => plans.id),
    parentLinkId: text("parent_link_id").references(() => parentLinks.id),
    recordedByUserId: text("recorded_by_user_id").references(() => staffUsers.id),
    whatIsGoingWell: text("what_is_going_well"),
    concerns: text("concerns"),
    childViews: text("child_views"),
    questionsForReview: text("questions_for_review"),
    submittedAt: text("submitted_at").notNull(),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
  },
  (t) => [
    index("parent_views_by_pupil").on(t.pupilId, t.submittedAt),
    index("parent_views_by_plan").on(t.planId),
    uniqueIndex("parent_views_once").on(t.pupilId, t.idempotencyKey),
  ],
);

/** A head or SENCO invites a member of staff; the invitation's secret is kept only as a hash. */
export const staffInvitations = sqliteTable(
  "staff_invitations",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: staffRoles }).notNull(),
    laId: text("la_id").references(() => localAuthorities.id),
    schoolId: text("school_id").references(() => schools.id),
    tokenHash: text("token_hash").notNull().unique(),
    invitedByUserId: text("invited_by_user_id")
      .notNull()
      .references(() => staffUsers.id),
    expiresAt: text("expires_at").notNull(),
    acceptedAt: text("accepted_at"),
    revokedAt: text("revoked_at"),
    /** The one-time key of the form or request that stored this (a double submission stores one row). */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("invitations_by_school").on(t.schoolId, t.createdAt),
    index("invitations_by_la").on(t.laId, t.createdAt),
    uniqueIndex("invitations_once").on(t.invitedByUserId, t.idempotencyKey),
  ],
);

/**
 * Pupils given to a teacher whose invitation is still open (issue 17), so a new teacher's class is ready the day they
 * start: the rows become the teacher's teaching when they accept, and go with the invitation if it is withdrawn.
 */
export const invitationTeaching = sqliteTable(
  "invitation_teaching",
  {
    invitationId: text("invitation_id")
      .notNull()
      .references(() => staffInvitations.id),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
  },
  (t) => [primaryKey({ columns: [t.invitationId, t.pupilId] }), index("invitation_teaching_by_pupil").on(t.pupilId)],
);

/** Who saw or changed what of a pupil's record, when and from where (issue 4). Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorKind: text("actor_kind", { enum: auditActorKinds }).notNull(),
    /** The staff user's id, or the parent link's id. */
    actorId: text("actor_id"),
    actorRole: text("actor_role"),
    action: text("action", { enum: auditActions }).notNull(),
    outcome: text("outcome", { enum: auditOutcomes }).notNull().default("done"),
    /** What was touched: "pupil", "history", "plan", "review", "export", ... */
    resource: text("resource").notNull(),
    resourceId: text("resource_id"),
    laId: text("la_id"),
    schoolId: text("school_id"),
    pupilId: text("pupil_id"),
    /** The route pattern and method, e.g. "GET /api/pupils/:id". */
    route: text("route"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("audit_by_pupil").on(t.pupilId, t.at), index("audit_by_school").on(t.schoolId, t.at), index("audit_by_la").on(t.laId, t.at)],
);

/** An alert raised by the scheduled run: once per clock and threshold, however often the cron runs (issue 5). */
export const alerts = sqliteTable(
  "alerts",
  {
    id: id(),
    clockId: text("clock_id")
      .notNull()
      .references(() => clocks.id),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    laId: text("la_id")
      .notNull()
      .references(() => localAuthorities.id),
    clockKind: text("clock_kind").notNull(),
    threshold: text("threshold", { enum: alertThresholds }).notNull(),
    dueOn: text("due_on").notNull(),
    raisedOn: text("raised_on").notNull(),
    /** The moment it was raised: the daily digest lists those raised since the previous digest. */
    raisedAt: text("raised_at"),
    /** The role the alert is addressed to: escalation moves it from the teacher to the SENCO to the LA officer. */
    audienceRole: text("audience_role", { enum: staffRoles }).notNull(),
    resolvedAt: text("resolved_at"),
  },
  (t) => [
    uniqueIndex("alerts_once").on(t.clockId, t.threshold),
    index("alerts_by_school").on(t.schoolId, t.raisedOn),
    index("alerts_by_la").on(t.laId, t.raisedOn),
    index("alerts_by_raised_at").on(t.raisedAt),
    index("open_alerts_by_clock").on(t.clockId).where(sql`resolved_at IS NULL`),
  ],
);

/**
 * Figures kept current by triggers as pupils move, so a dashboard reads one row per school and stage rather than
 * every pupil (issue 6): the LA's figures cost rows in proportion to the page shown.
 */
export const stageCounts = sqliteTable(
  "stage_counts",
  {
    laId: text("la_id").notNull(),
    schoolId: text("school_id").notNull(),
    framework: text("framework", { enum: frameworkIds }).notNull(),
    stage: text("stage").notNull(),
    pupils: integer("pupils").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.stage] }), index("stage_counts_by_la").on(t.laId, t.stage)],
);

/** Pupils per area of need per school, kept by the same triggers as stage_counts (a pupil counts once in each area). */
export const needCounts = sqliteTable(
  "need_counts",
  {
    laId: text("la_id").notNull(),
    schoolId: text("school_id").notNull(),
    area: text("area").notNull(),
    pupils: integer("pupils").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.area] })],
);

/** The whole LA's pupils per stage and per area of need: the LA's totals read a few rows, however many schools it has. */
export const laCounts = sqliteTable(
  "la_counts",
  {
    laId: text("la_id").notNull(),
    dimension: text("dimension", { enum: ["stage", "area"] }).notNull(),
    /** The stage id (with its framework) or the area of need. */
    framework: text("framework").notNull(),
    key: text("key").notNull(),
    pupils: integer("pupils").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.laId, t.dimension, t.framework, t.key] })],
);

/** The figures as they stood at the end of each term, for "how these figures moved" (issue 6). */
export const termSnapshots = sqliteTable(
  "term_snapshots",
  {
    laId: text("la_id").notNull(),
    schoolId: text("school_id").notNull(),
    /** e.g. "2026-autumn". */
    term: text("term").notNull(),
    measure: text("measure").notNull(),
    value: integer("value").notNull(),
    takenAt: text("taken_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.term, t.measure] }), index("term_snapshots_by_la").on(t.laId, t.term)],
);

export const tables = {
  localAuthorities,
  schools,
  staffUsers,
  staffSchools,
  pupils,
  teachingAssignments,
  recordsOfConcern,
  plans,
  planTargets,
  reviews,
  specialistInvolvements,
  parentMeetings,
  drsReferrals,
  drsReferralSteps,
  ehcStepRecords,
  senHistory,
  pupilTransfers,
  assessmentRequests,
  pupilEvents,
  clocks,
  closureDays,
  outbox,
  interventions,
  interventionPupils,
  parentLinks,
  parentViews,
  staffInvitations,
  invitationTeaching,
  auditLog,
  alerts,
  stageCounts,
  needCounts,
  laCounts,
  termSnapshots,
};
