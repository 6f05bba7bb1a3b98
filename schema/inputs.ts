import { createInsertSchema } from "drizzle-valibot";
import * as v from "valibot";
import { clockKinds, defaultTimescales, timeUnits, type ClockKind } from "../worker/workflow/timescales";
import {
  assessmentRequests,
  closureDays,
  drsReferralSteps,
  drsReferrals,
  interventions,
  localAuthorities,
  parentMeetings,
  planTargets,
  plans,
  pupils,
  recordsOfConcern,
  reviews,
  schools,
  specialistInvolvements,
} from "./tables";
import { calendarDate, optionalDate, optionalText, requiredText } from "./rules";
import {
  areasOfConcern,
  assessmentRequesters,
  drsSteps,
  formKinds,
  frameworkIds,
  mediationAnswers,
  planKinds,
  regions,
  schoolPhases,
  senNeedTypes,
  staffRoles,
  targetOutcomes,
  yearGroups,
} from "./vocab";

export { calendarDate, optionalDate, optionalText, requiredText };

/**
 * Input shapes, derived from the tables they fill (drizzle-valibot) and tightened with the limits people need:
 * required text is trimmed and non-empty, every string has a ceiling, dates are real calendar dates.
 */

/** DfE unique pupil number: a check letter, eleven digits and a final digit or letter (temporary UPNs). */
export const upn = v.pipe(
  v.string("Enter the unique pupil number"),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z]\d{11}[0-9A-Z]$/, "A unique pupil number is 13 characters: a letter, 11 digits, then a digit or letter"),
);

export const entityId = v.pipe(v.string(), v.uuid("Must be an id from Stepwise"));

const contributor = v.strictObject({
  name: requiredText(200, "the contributor's name"),
  position: requiredText(200, "the contributor's position"),
});

const pupilColumns = createInsertSchema(pupils, {
  upn: () => upn,
  givenName: () => requiredText(100, "the pupil's first name"),
  familyName: () => requiredText(100, "the pupil's last name"),
  dateOfBirth: () => calendarDate("Date of birth"),
  schoolId: () => entityId,
  stage: () => v.pipe(v.string(), v.maxLength(64)),
  cycle: () => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
  areasOfNeed: () => v.pipe(v.array(v.picklist(areasOfConcern)), v.maxLength(areasOfConcern.length)),
});

/** Enrolling a pupil: a new one starts at the framework's first stage; an existing register may name its stage. */
export const pupilEnrolment = v.strictObject({
  upn: pupilColumns.entries.upn,
  givenName: pupilColumns.entries.givenName,
  familyName: pupilColumns.entries.familyName,
  dateOfBirth: pupilColumns.entries.dateOfBirth,
  yearGroup: v.picklist(yearGroups, "Choose a year group"),
  schoolId: pupilColumns.entries.schoolId,
  stage: v.optional(pupilColumns.entries.stage),
  cycle: v.optional(pupilColumns.entries.cycle),
  primaryNeed: v.optional(v.nullable(v.picklist(senNeedTypes))),
  secondaryNeed: v.optional(v.nullable(v.picklist(senNeedTypes))),
  areasOfNeed: v.optional(pupilColumns.entries.areasOfNeed),
});
export type PupilEnrolment = v.InferOutput<typeof pupilEnrolment>;

const concernColumns = createInsertSchema(recordsOfConcern, {
  contributors: () => v.pipe(v.array(contributor), v.maxLength(6, "The form has room for six contributors")),
  areasOfConcern: () =>
    v.pipe(v.array(v.picklist(areasOfConcern)), v.minLength(1, "Choose at least one area of concern"), v.maxLength(areasOfConcern.length)),
  description: () => requiredText(10_000, "a brief description of the difficulty"),
});

const concernNote = (what: string) => optionalText(10_000, what);

/** Seed 000, SEN Record of Concern: every field of the staff version. */
export const recordOfConcern = v.strictObject({
  contributors: v.optional(concernColumns.entries.contributors, []),
  areasOfConcern: concernColumns.entries.areasOfConcern,
  description: concernColumns.entries.description,
  evidence: concernNote("Evidence of the pupil's performance"),
  strategiesUsed: concernNote("Details of strategies used"),
  strategyOutcomes: concernNote("Details of outcomes and successes"),
  pupilDiscussion: concernNote("Note of discussion with pupil"),
  parentDiscussion: concernNote("Note of contact/discussion with parents/carers"),
  externalAgencies: concernNote("External agencies involved"),
  sencoSignedAt: optionalDate("Date signed by the SENCO"),
  teacherSignedAt: optionalDate("Date signed by the teacher"),
  parentSignedAt: optionalDate("Date signed by the parent/carer"),
});
export type RecordOfConcernInput = v.InferOutput<typeof recordOfConcern>;

/** A move: which decision, on which version of the record, on which form, and why. */
export const moveRequest = v.strictObject({
  move: v.pipe(v.string("Choose a decision"), v.minLength(1, "Choose a decision"), v.maxLength(64, "Unknown decision")),
  expectedVersion: v.pipe(v.number("Give the version of the record you decided on"), v.integer(), v.minValue(0)),
  reason: optionalText(2_000, "The reason"),
  form: v.optional(
    v.nullable(
      v.strictObject({
        kind: v.picklist(formKinds, "Unknown form"),
        id: entityId,
      }),
    ),
  ),
});
export type MoveRequest = v.InferOutput<typeof moveRequest>;

export const pupilIdParam = v.object({ id: entityId });
export const pupilFormParam = v.object({ id: entityId, formId: entityId });

const version = v.pipe(v.number("Give the version of the record you decided on"), v.integer("The version is a whole number"), v.minValue(0));
const decisionName = v.pipe(v.string("Choose a decision"), v.minLength(1, "Choose a decision"), v.maxLength(64, "Unknown decision"));

/** A form may record the decision it was filled for, against the version of the record it was decided on. */
const optionalDecision = {
  decision: v.optional(decisionName),
  expectedVersion: v.optional(version),
  reason: optionalText(2_000, "The reason"),
};
const requiredDecision = { decision: decisionName, expectedVersion: version, reason: optionalText(2_000, "The reason") };

/** A decision must name the version it was decided on (checked across both fields, reported on expectedVersion). */
const hasVersionIfDecided = (input: { decision?: string | undefined; expectedVersion?: number | undefined }) =>
  input.decision === undefined || input.expectedVersion !== undefined;
const versionNeeded = "Give the version of the record you decided on";

const note = (what: string) => optionalText(10_000, what);
const contributors = (max: number) => v.pipe(v.array(contributor), v.maxLength(max, `The form has room for ${max} contributors`));
const areas = v.pipe(v.array(v.picklist(areasOfConcern, "Choose an area of concern")), v.minLength(1, "Choose at least one area of concern"), v.maxLength(areasOfConcern.length));

const targetColumns = createInsertSchema(planTargets, {
  target: () => requiredText(2_000, "the target"),
  successCriteria: () => requiredText(2_000, "the criteria for success"),
  materials: () => requiredText(2_000, "the teaching materials"),
  methods: () => requiredText(2_000, "the teaching methods"),
  deliveredBy: () => requiredText(500, "who will teach or work with the child"),
  groupSize: () => requiredText(200, "the size of the teaching group"),
  frequency: () => requiredText(200, "how often"),
  interventionId: () => v.nullable(entityId),
});

/** Seed 000 IEP "SPECIFIC TARGETS" and "STRATEGIES": materials, methods, who, group size, frequency. */
const smartTarget = v.strictObject({
  target: targetColumns.entries.target,
  successCriteria: targetColumns.entries.successCriteria,
  materials: targetColumns.entries.materials,
  methods: targetColumns.entries.methods,
  deliveredBy: targetColumns.entries.deliveredBy,
  groupSize: targetColumns.entries.groupSize,
  frequency: targetColumns.entries.frequency,
  interventionId: v.optional(targetColumns.entries.interventionId),
});

const planColumns = createInsertSchema(plans, {
  kind: () => v.picklist(planKinds, "Choose IEP or IBP"),
  objective: () => requiredText(5_000, "the objective"),
  baseline: () => requiredText(5_000, "the baseline assessment"),
  dateWritten: () => calendarDate("Date plan written"),
  reviewDate: () => calendarDate("Date for review"),
});

/** Seed 000 IEP / IBP; SEND Code 6.48-6.51. Stage and cycle are the pupil's, not the writer's to choose. */
export const planInput = v.pipe(
  v.strictObject({
    kind: v.optional(planColumns.entries.kind, "iep"),
    objective: planColumns.entries.objective,
    baseline: planColumns.entries.baseline,
    targets: v.pipe(v.array(smartTarget), v.minLength(3, "A plan has 3 to 5 SMART targets"), v.maxLength(5, "A plan has 3 to 5 SMART targets")),
    dateWritten: planColumns.entries.dateWritten,
    reviewDate: planColumns.entries.reviewDate,
    supportAtHome: note("Support at home"),
    pupilViews: note("The pupil's views"),
    parentViews: note("The parents' views"),
    ...optionalDecision,
  }),
  v.forward(
    v.partialCheck([["dateWritten"], ["reviewDate"]], (plan) => plan.reviewDate > plan.dateWritten, "The date for review must be after the date the plan was written"),
    ["reviewDate"],
  ),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type PlanInput = v.InferOutput<typeof planInput>;

const reviewColumns = createInsertSchema(reviews, {
  reviewDate: () => calendarDate("Date of review"),
  evaluation: () => requiredText(10_000, "the evaluation of the pupil's performance and progress"),
  signedBy: () => v.nullable(requiredText(200, "who signed")),
  signedPosition: () => v.nullable(requiredText(200, "the signer's position")),
  signedOn: () => v.nullable(calendarDate("Date signed")),
});

const targetOutcome = v.strictObject({
  targetId: entityId,
  outcome: v.picklist(targetOutcomes, "Choose achieved, partly achieved or not achieved"),
  outcomeData: optionalText(5_000, "The outcome data"),
});

/** Seed 000 Review of Progress (School Action, School Action Plus), the 2014 review and the Jersey review. */
export const reviewInput = v.pipe(
  v.strictObject({
    planId: v.optional(v.nullable(entityId)),
    reviewDate: reviewColumns.entries.reviewDate,
    contributors: v.optional(contributors(6), []),
    areasOfConcern: areas,
    evaluation: reviewColumns.entries.evaluation,
    pupilViews: note("Note of discussion with pupil"),
    parentViews: note("Note of contact/discussion with parents/carers"),
    externalAgencies: note("External agencies involved"),
    targetOutcomes: v.optional(v.pipe(v.array(targetOutcome), v.maxLength(5, "A plan has at most 5 targets")), []),
    signedBy: v.optional(reviewColumns.entries.signedBy),
    signedPosition: v.optional(reviewColumns.entries.signedPosition),
    signedOn: v.optional(reviewColumns.entries.signedOn),
    ...requiredDecision,
  }),
  v.forward(
    v.partialCheck([["planId"], ["targetOutcomes"]], (review) => review.targetOutcomes.length === 0 || Boolean(review.planId), "Name the plan whose targets these are"),
    ["planId"],
  ),
);
export type ReviewInput = v.InferOutput<typeof reviewInput>;

const meetingColumns = createInsertSchema(parentMeetings, {
  heldOn: () => calendarDate("Date of the meeting"),
  outcomesAgreed: () => requiredText(10_000, "the outcomes agreed"),
});

/** SEND Code 6.65-6.71: a meeting with parents and its record; Jersey's meetings with parents (seed 001). */
export const parentMeetingInput = v.pipe(
  v.strictObject({
    heldOn: meetingColumns.entries.heldOn,
    attendees: v.optional(contributors(10), []),
    outcomesAgreed: meetingColumns.entries.outcomesAgreed,
    actionsAgreed: note("The actions and support agreed"),
    pupilViews: note("The pupil's views"),
    ...optionalDecision,
  }),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type ParentMeetingInput = v.InferOutput<typeof parentMeetingInput>;

const specialistColumns = createInsertSchema(specialistInvolvements, {
  service: () => requiredText(200, "the specialist service"),
  requestedOn: () => calendarDate("Date advice was requested"),
});

/** SEND Code 6.58-6.59; Jersey's advice from external services (seed 001). */
export const specialistInvolvementInput = v.pipe(
  v.strictObject({
    service: specialistColumns.entries.service,
    specialistName: optionalText(200, "The specialist's name"),
    parentsAgreedOn: optionalDate("Date the parents agreed"),
    requestedOn: specialistColumns.entries.requestedOn,
    seenOn: optionalDate("Date the specialist saw the pupil"),
    adviceSummary: note("The advice given"),
    sharedWithParentsOn: optionalDate("Date the advice was shared with the parents"),
    ...optionalDecision,
  }),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type SpecialistInvolvementInput = v.InferOutput<typeof specialistInvolvementInput>;

/** A parent's views before a review (SEND Code 6.54): staff take them down, or the parent gives them by their link. */
export const parentViewsInput = v.pipe(
  v.strictObject({
    planId: v.optional(v.nullable(entityId)),
    whatIsGoingWell: note("What is going well"),
    concerns: note("Your concerns"),
    childViews: note("Your child's views"),
    questionsForReview: note("Questions for the review"),
  }),
  v.check(
    (views) => Boolean(views.whatIsGoingWell || views.concerns || views.childViews || views.questionsForReview),
    "Give at least one of: what is going well, concerns, your child's views, questions for the review",
  ),
);
export type ParentViewsInput = v.InferOutput<typeof parentViewsInput>;

/** "Copy given to parent on" / "Copy sent to parents/carer on" (seed 000), SEND Code 6.71. */
export const copyToParentsInput = v.strictObject({ on: calendarDate("Date the copy was given or sent") });

const requestColumns = createInsertSchema(assessmentRequests, {
  requestedBy: () => v.picklist(assessmentRequesters, "Say whether the school or the parents request it"),
  requestedOn: () => calendarDate("Date of the request"),
  reasons: () => requiredText(10_000, "the reasons for the request"),
});

/** A request for statutory / EHC needs / Exceptional Action assessment; its evidence is gathered, not typed. */
export const assessmentRequestInput = v.pipe(
  v.strictObject({
    requestedBy: requestColumns.entries.requestedBy,
    requestedOn: requestColumns.entries.requestedOn,
    parentsConsultedOn: optionalDate("Date the parents were consulted"),
    reasons: requestColumns.entries.reasons,
    ...optionalDecision,
  }),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type AssessmentRequestInput = v.InferOutput<typeof assessmentRequestInput>;

/** The local authority's decision on a request: to assess or not, to issue a plan or not, to cease. */
export const authorityDecisionInput = v.pipe(
  v.strictObject({
    ...requiredDecision,
    decidedOn: calendarDate("Date of the decision"),
    planIssuedOn: optionalDate("Date the plan was issued"),
  }),
  v.forward(
    v.partialCheck([["decidedOn"], ["planIssuedOn"]], (d) => !d.planIssuedOn || d.planIssuedOn >= d.decidedOn, "The plan cannot be issued before the decision"),
    ["planIssuedOn"],
  ),
);
export type AuthorityDecisionInput = v.InferOutput<typeof authorityDecisionInput>;

/** SEND Regulations 2014, reg 10(4): an exception to the time limits, with its reason. */
export const assessmentExceptionInput = v.strictObject({
  reason: requiredText(2_000, "the reason for the exception"),
  recordedOn: calendarDate("Date recorded"),
});
export type AssessmentExceptionInput = v.InferOutput<typeof assessmentExceptionInput>;

const interventionColumns = createInsertSchema(interventions, {
  name: () => requiredText(200, "the intervention's name"),
  description: () => v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(5_000, "The description must be 5000 characters or fewer"))),
  areaOfNeed: () => v.nullable(v.picklist(areasOfConcern, "Choose an area of need")),
  groupSize: () => requiredText(200, "the group size"),
  frequency: () => requiredText(200, "how often it runs"),
  staff: () => requiredText(500, "who delivers it"),
  costPerTermPence: () => v.pipe(v.number("Give the cost in pence"), v.integer("Give the cost in whole pence"), v.minValue(0), v.maxValue(100_000_000)),
  active: () => v.boolean(),
});

/** An intervention of the school's provision map (SEND Code 6.76-6.77). */
export const interventionInput = v.strictObject({
  name: interventionColumns.entries.name,
  description: v.optional(interventionColumns.entries.description),
  areaOfNeed: v.optional(interventionColumns.entries.areaOfNeed),
  groupSize: interventionColumns.entries.groupSize,
  frequency: interventionColumns.entries.frequency,
  staff: interventionColumns.entries.staff,
  costPerTermPence: v.optional(interventionColumns.entries.costPerTermPence, 0),
  active: v.optional(interventionColumns.entries.active, true),
});
export type InterventionInput = v.InferOutput<typeof interventionInput>;
export const interventionUpdate = v.partial(interventionInput);
export type InterventionUpdate = v.InferOutput<typeof interventionUpdate>;

export const schoolIdParam = v.object({ schoolId: entityId });
export const interventionParam = v.object({ schoolId: entityId, interventionId: entityId });

const drsColumns = createInsertSchema(drsReferrals, {
  pupilId: () => entityId,
  informalResolutionTried: () => requiredText(10_000, "how the school and the parents tried to resolve the disagreement informally"),
  summaryOfIssues: () => requiredText(10_000, "a brief summary of the issues in dispute"),
  actionsTaken: () => requiredText(10_000, "the action the school has taken or proposes to take"),
});

const mediationAnswer = (party: string) => v.picklist(mediationAnswers, `Choose whether the ${party} agreed to mediation`);

/** The referral form's answers and signatures (seed 000, DRS step 1.3-1.4). */
const drsAgreementEntries = {
  parentMediation: v.optional(v.nullable(mediationAnswer("parents"))),
  parentMediationOn: optionalDate("The date the parents answered"),
  schoolMediation: v.optional(v.nullable(mediationAnswer("school"))),
  schoolMediationOn: optionalDate("The date the school answered"),
  signedByParentOn: optionalDate("The date the parents signed the referral form"),
  signedBySchoolOn: optionalDate("The date the school signed the referral form"),
};

/** A DRS referral as the school makes it: seed 000, DRS procedure for schools, action before referral and step 1. */
export const drsReferralInput = v.strictObject({
  pupilId: drsColumns.entries.pupilId,
  informalResolutionTried: drsColumns.entries.informalResolutionTried,
  parentPartnershipInformedOn: optionalDate("The date the parents were told of the Parent Partnership"),
  summaryOfIssues: drsColumns.entries.summaryOfIssues,
  actionsTaken: drsColumns.entries.actionsTaken,
  ...drsAgreementEntries,
  schoolMediation: mediationAnswer("school"),
  laDecisionOn: optionalDate("The date of the LA's decision the disagreement is about"),
});
export type DrsReferralInput = v.InferOutput<typeof drsReferralInput>;

const drsStepColumns = createInsertSchema(drsReferralSteps, {
  note: () => optionalText(2_000, "The note"),
});

/** One step of the DRS procedure, as its party records it. */
export const drsStepInput = v.strictObject({
  step: v.picklist(drsSteps, "Choose a step of the DRS procedure"),
  happenedOn: optionalDate("The date of the step"),
  note: drsStepColumns.entries.note,
  agreement: v.optional(v.strictObject(drsAgreementEntries)),
});
export type DrsStepInput = v.InferOutput<typeof drsStepInput>;

export const drsReferralListQuery = v.object({
  pupilId: v.optional(entityId),
});

const timescaleValue = v.strictObject({
  amount: v.pipe(v.number("Give the number of days, weeks or months"), v.integer("Give a whole number"), v.minValue(1), v.maxValue(366)),
  unit: v.picklist(timeUnits, "Choose days, working days, weeks or months"),
});

const timescaleSetting = (kind: ClockKind) => {
  const { basis, source } = defaultTimescales[kind];
  return basis === "statutory"
    ? v.optional(v.custom<never>(() => false, `${kind} is statutory (${source}) and cannot be changed`))
    : v.optional(v.nullable(timescaleValue));
};

/** An LA's local timescales: each local clock's amount and unit, or null for the default. Statutory ones are refused. */
export const timescaleSettings = v.strictObject(
  Object.fromEntries(clockKinds.map((kind) => [kind, timescaleSetting(kind)])) as Record<
    ClockKind,
    ReturnType<typeof timescaleSetting>
  >,
);
export type TimescaleSettings = v.InferOutput<typeof timescaleSettings>;

const closureColumns = createInsertSchema(closureDays, {
  date: () => calendarDate("The closure date"),
  reason: () => requiredText(200, "why the schools are closed"),
});

/** A day the LA closes its schools: not a working day for its clocks. */
export const closureDayInput = v.strictObject({ date: closureColumns.entries.date, reason: closureColumns.entries.reason });

export const laIdParam = v.object({ laId: entityId });
export const closureDayParam = v.object({ laId: entityId, date: calendarDate("The closure date") });
export const referralIdParam = v.object({ referralId: entityId });
export const emailAddress = v.pipe(
  v.string("Enter an email address"),
  v.trim(),
  v.toLowerCase(),
  v.minLength(1, "Enter an email address"),
  v.email("Enter an email address in the correct format, like name@example.org"),
  v.maxLength(254, "Email address must be 254 characters or fewer"),
);

/** Issue 4: a head or SENCO invites staff to their school; an LA officer invites officers; an admin anyone. */
export const staffInvitation = v.strictObject({
  email: emailAddress,
  name: requiredText(200, "their full name"),
  role: v.picklist(staffRoles, "Choose a role"),
  schoolId: v.optional(entityId),
  laId: v.optional(entityId),
});
export type StaffInvitationInput = v.InferOutput<typeof staffInvitation>;

/** What a person invited sets on the acceptance page. */
export const newPassword = v.pipe(
  v.strictObject({
    password: v.pipe(
      v.string("Enter a password"),
      v.minLength(12, "Password must be 12 characters or more"),
      v.maxLength(1024, "Password must be 1024 characters or fewer"),
    ),
    confirmPassword: v.string("Enter the password again"),
  }),
  v.forward(
    v.partialCheck([["password"], ["confirmPassword"]], (input) => input.password === input.confirmPassword, "The passwords do not match"),
    ["confirmPassword"],
  ),
);

/** Issue 4: a parent's capability link to one child's record. */
export const parentLinkRequest = v.strictObject({
  parentName: requiredText(200, "the parent's or carer's name"),
  parentEmail: v.optional(v.nullable(emailAddress)),
  expiresInDays: v.optional(v.pipe(v.number("Give the days as a number"), v.integer(), v.minValue(1), v.maxValue(400, "A link lasts at most 400 days")), 180),
});

/** An origin a school's website embeds the concern form from: https, host and optional port, nothing more. */
export const embedOrigin = v.pipe(
  v.string("Enter an origin like https://www.school.example"),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(200, "An origin must be 200 characters or fewer"),
  v.regex(/^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, "Enter an origin like https://www.school.example, with no path"),
);

const laColumns = createInsertSchema(localAuthorities, {
  name: () => requiredText(200, "the authority's name"),
  code: () => v.pipe(v.string("Enter the three-digit LA number"), v.trim(), v.regex(/^\d{3}$/, "The LA number is three digits")),
  retentionYearsAfterBirth: () => v.pipe(v.number("Give the years as a number"), v.integer(), v.minValue(18, "Keep records at least 18 years"), v.maxValue(100)),
});

/** Issue 4: an admin manages local authorities. */
export const localAuthorityInput = v.strictObject({
  name: laColumns.entries.name,
  code: laColumns.entries.code,
  region: v.picklist(regions, "Choose a region"),
  retentionYearsAfterBirth: v.optional(laColumns.entries.retentionYearsAfterBirth),
});
export const localAuthorityChange = v.partial(localAuthorityInput);

const schoolColumns = createInsertSchema(schools, {
  name: () => requiredText(200, "the school's name"),
  urn: () => v.pipe(v.string("Enter the unique reference number"), v.trim(), v.regex(/^\d{6,7}$/, "A unique reference number is 6 or 7 digits")),
  publicSlug: () =>
    v.pipe(
      v.string("Enter the public address name"),
      v.trim(),
      v.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "Use lower-case letters, digits and hyphens, like hamilton-primary"),
    ),
  embedOrigins: () => v.pipe(v.array(embedOrigin), v.maxLength(10, "A school may register up to 10 origins")),
});

/** Issue 4: an admin manages schools: public slug, framework, region and the origins allowed to embed the form. */
export const schoolInput = v.strictObject({
  laId: entityId,
  name: schoolColumns.entries.name,
  urn: schoolColumns.entries.urn,
  phase: v.picklist(schoolPhases, "Choose a phase"),
  framework: v.picklist(frameworkIds, "Choose a framework"),
  publicSlug: schoolColumns.entries.publicSlug,
  region: v.picklist(regions, "Choose a region"),
  embedOrigins: v.optional(schoolColumns.entries.embedOrigins),
});
/** A school stays in its LA: its pupils' records carry the LA too. */
export const schoolChange = v.partial(v.omit(schoolInput, ["laId"]));

/** Seed 000, DRS referral: the parent agrees to mediation, or declines it. */
export const parentMediationAnswer = v.object({
  referralId: entityId,
  answer: v.picklist(mediationAnswers, "Choose whether you agree to mediation"),
});

/** Closing a pupil's record (issue 4): why, for the history. */
export const recordClosure = v.strictObject({
  reason: requiredText(2_000, "why the record is closed"),
});
