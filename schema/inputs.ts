import { createInsertSchema } from "drizzle-valibot";
import type { FormDefinition } from "./staff-forms/form-definition";
import * as v from "valibot";
import { closureDays, drsReferralSteps, interventions, localAuthorities, parentMeetings, pupils, schools, specialistInvolvements } from "./tables";
import { calendarDate, dayMonthYear, isWebOrigin, optionalDate, optionalLine, optionalText, requiredLine, requiredText, upn } from "./rules";
import { drsAgreementEntries } from "./staff-forms/drs-referral";
import { contributors, entityId, hasVersionIfDecided, note, oneTimeKey, optionalDecision, requiredDecision, versionNeeded } from "./staff-forms/fields";
import {
  type ClockKind,
  areasOfConcern,
  clockKinds,
  costBases,
  drsSteps,
  ehcSteps,
  frameworkIds,
  mediationAnswers,
  regions,
  schoolPhases,
  senNeedTypes,
  staffRoles,
  statutoryClockKinds,
  timeUnits,
  yearGroups,
} from "./vocab";

export { calendarDate, optionalDate, optionalLine, optionalText, requiredLine, requiredText };
export { upn };
export { assessmentRequestInput, type AssessmentRequestInput } from "./staff-forms/assessment-request";
export { copyToParentsInput } from "./staff-forms/copy-to-parents";
export { drsReferralInput, type DrsReferralInput } from "./staff-forms/drs-referral";
export { recordOfConcern, type RecordOfConcernInput } from "./staff-forms/concern";
export { entityId } from "./staff-forms/fields";
export { moveRequest, type MoveRequest } from "./staff-forms/move";
export { parentViewsInput, type ParentViewsInput } from "./staff-forms/parent-views";
export { planInput, type PlanInput } from "./staff-forms/plan";
export { reviewInput, type ReviewInput } from "./staff-forms/review";
export { laPupilFilters, pupilSearch, registerFilters, type PupilFilters } from "./staff-forms/pupil-filters";

/**
 * Input shapes, derived from the tables they fill (drizzle-valibot) and tightened with the limits people need:
 * required text is trimmed and non-empty, every string has a ceiling, dates are real calendar dates. The staff forms'
 * shapes live in ./staff-forms/, table-free, so the browser can bundle them.
 */

const pupilColumns = createInsertSchema(pupils, {
  upn: () => upn,
  givenName: () => requiredLine(100, "the pupil's first name"),
  familyName: () => requiredLine(100, "the pupil's last name"),
  dateOfBirth: () => calendarDate("Date of birth", "birth"),
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
  primaryNeed: v.optional(v.nullable(v.picklist(senNeedTypes, "Choose a need type from the list"))),
  secondaryNeed: v.optional(v.nullable(v.picklist(senNeedTypes, "Choose a need type from the list"))),
  areasOfNeed: v.optional(pupilColumns.entries.areasOfNeed),
});
export type PupilEnrolment = v.InferOutput<typeof pupilEnrolment>;

export const pupilIdParam = v.object({ id: entityId });
export const pupilFormParam = v.object({ id: entityId, formId: entityId });

const meetingColumns = createInsertSchema(parentMeetings, {
  heldOn: () => calendarDate("Date of the meeting", "happened"),
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
    ...oneTimeKey,
  }),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type ParentMeetingInput = v.InferOutput<typeof parentMeetingInput>;
export const parentMeetingForm = { schema: parentMeetingInput, numbers: ["expectedVersion"] } satisfies FormDefinition;

const specialistColumns = createInsertSchema(specialistInvolvements, {
  service: () => requiredLine(200, "the specialist service"),
  requestedOn: () => calendarDate("Date advice was requested", "happened"),
});

/** SEND Code 6.58-6.59; Jersey's advice from external services (seed 001). */
export const specialistInvolvementInput = v.pipe(
  v.strictObject({
    service: specialistColumns.entries.service,
    specialistName: optionalLine(200, "The specialist's name"),
    parentsAgreedOn: optionalDate("Date the parents agreed", "happened"),
    requestedOn: specialistColumns.entries.requestedOn,
    seenOn: optionalDate("Date the specialist saw the pupil", "happened"),
    adviceSummary: note("The advice given"),
    sharedWithParentsOn: optionalDate("Date the advice was shared with the parents", "happened"),
    ...optionalDecision,
    ...oneTimeKey,
  }),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type SpecialistInvolvementInput = v.InferOutput<typeof specialistInvolvementInput>;
export const specialistInvolvementForm = { schema: specialistInvolvementInput, numbers: ["expectedVersion"] } satisfies FormDefinition;

/** The local authority's decision on a request: to assess or not, to issue a plan or not, to cease. */
export const authorityDecisionInput = v.pipe(
  v.strictObject({
    ...requiredDecision,
    decidedOn: calendarDate("Date of the decision", "happened"),
    planIssuedOn: optionalDate("Date the plan was issued", "happened"),
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
  recordedOn: calendarDate("Date recorded", "happened"),
});
export type AssessmentExceptionInput = v.InferOutput<typeof assessmentExceptionInput>;

const interventionColumns = createInsertSchema(interventions, {
  name: () => requiredLine(200, "the intervention's name"),
  description: () => v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(5_000, "The description must be 5000 characters or fewer"))),
  areaOfNeed: () => v.nullable(v.picklist(areasOfConcern, "Choose an area of need")),
  groupSize: () => requiredLine(200, "the group size"),
  frequency: () => requiredLine(200, "how often it runs"),
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

/** `what` starts a sentence ("Sessions a week must be ...") and is read into one ("Enter sessions a week as a number"). */
const wholeNumber = (what: string, min: number, max: number) => {
  const within = `${what.charAt(0).toLowerCase()}${what.slice(1)}`;
  return v.pipe(
    v.number(`Enter ${within} as a number`),
    v.integer(`Enter ${within} as a whole number`),
    v.minValue(min, `${what} must be at least ${min}`),
    v.maxValue(max, `${what} must be at most ${max}`),
  );
};
/** "12.50" or "12" pounds as whole pence, read as text so no floating point touches money. */
const poundsAsPence = (what: string) =>
  v.pipe(
    v.string(`Enter ${what}`),
    v.trim(),
    v.regex(/^£?\d{1,6}(\.\d{1,2})?$/, `Enter ${what} in pounds, like 12.50`),
    v.transform((text) => {
      const [pounds = "0", pence = ""] = text.replace("£", "").split(".");
      return Number(pounds) * 100 + Number(pence.padEnd(2, "0"));
    }),
  );

/** The provision map's form: an intervention with its sessions and how it is costed (worker/records/intervention-costs.ts). */
export const interventionFormInput = v.strictObject({
  name: interventionColumns.entries.name,
  description: v.optional(interventionColumns.entries.description),
  groupSize: interventionColumns.entries.groupSize,
  sessionsPerWeek: wholeNumber("Sessions a week", 1, 25),
  sessionMinutes: wholeNumber("The length of a session in minutes", 5, 480),
  staff: interventionColumns.entries.staff,
  costBasis: v.picklist(costBases, "Choose whether the cost is per session or per hour of staff time"),
  cost: poundsAsPence("the cost"),
  ...oneTimeKey,
});
export type InterventionFormInput = v.InferOutput<typeof interventionFormInput>;

/** Pupils put on an intervention from a day; one taken off, or the intervention ended, on a day. */
export const interventionPupilsInput = v.strictObject({
  pupilIds: v.pipe(
    v.array(entityId, "Choose the pupils"),
    v.minLength(1, "Choose at least one pupil"),
    v.maxLength(200, "Choose at most 200 pupils at a time"),
  ),
  startedOn: calendarDate("The day they start", "planned"),
});
/** The plan targets an intervention delivers, ticked on its page (SEND Code 6.76): those left unticked are unlinked. */
export const interventionTargetsInput = v.strictObject({
  targetIds: v.optional(v.pipe(v.array(entityId, "Choose the targets"), v.maxLength(500, "Choose at most 500 targets at a time")), []),
});
export const endedOnInput = v.strictObject({ endedOn: calendarDate("The day it ends", "planned") });
export const interventionPupilsOffInput = v.strictObject({
  participationIds: v.pipe(
    v.array(entityId, "Choose the pupils"),
    v.minLength(1, "Choose at least one pupil to take off"),
    v.maxLength(200, "Choose at most 200 pupils at a time"),
  ),
  leftOn: calendarDate("The day they come off", "planned"),
});

export const schoolIdParam = v.object({ schoolId: entityId });
export const interventionParam = v.object({ schoolId: entityId, interventionId: entityId });
export const interventionPupilParam = v.object({ schoolId: entityId, interventionId: entityId, participationId: entityId });

const drsStepColumns = createInsertSchema(drsReferralSteps, {
  note: () => optionalText(2_000, "The note"),
});

/** One step of the DRS procedure, as its party records it. */
export const drsStepInput = v.strictObject({
  step: v.picklist(drsSteps, "Choose a step of the DRS procedure"),
  happenedOn: optionalDate("The date of the step", "happened"),
  note: drsStepColumns.entries.note,
  agreement: v.optional(v.strictObject(drsAgreementEntries)),
});
export type DrsStepInput = v.InferOutput<typeof drsStepInput>;

/**
 * A step of the EHC process as the LA or school records it: the day it happened (today where not given; the decider
 * refuses a day in the future, before the pupil was born or before the step it follows), and for a phase transfer
 * review the day the child moves and whether to post-16.
 */
export const ehcStepInput = v.strictObject({
  step: v.picklist(ehcSteps, "Choose a step of the EHC process"),
  happenedOn: optionalDate("The date it happened", "happened"),
  transfer: v.optional(
    v.strictObject({
      transferOn: calendarDate("The date the child moves school", "move"),
      toPostSixteen: v.boolean("Say whether the move is to post-16 education"),
    }),
  ),
});
export type EhcStepInput = v.InferOutput<typeof ehcStepInput>;

export const drsReferralListQuery = v.object({
  pupilId: v.optional(entityId),
});

const timescaleValue = v.strictObject({
  amount: v.pipe(v.number("Give the number of days, weeks or months"), v.integer("Give a whole number"), v.minValue(1), v.maxValue(366)),
  unit: v.picklist(timeUnits, "Choose days, working days, weeks or months"),
});

const isStatutory = (kind: ClockKind) => (statutoryClockKinds as readonly ClockKind[]).includes(kind);
const timescaleSetting = (kind: ClockKind) =>
  isStatutory(kind)
    ? v.optional(v.custom<never>(() => false, `${kind} is statutory (set in law) and cannot be changed`))
    : v.optional(v.nullable(timescaleValue));

/**
 * An LA's local timescales: each local clock's amount and unit, or null for the default. Statutory ones are refused.
 * They take effect today, or on a later day given (within the year ahead); never on a day gone by.
 */
export const timescaleSettings = v.strictObject({
  ...(Object.fromEntries(clockKinds.map((kind) => [kind, timescaleSetting(kind)])) as Record<ClockKind, ReturnType<typeof timescaleSetting>>),
  takesEffectOn: optionalDate("The day the timescales take effect", "planned"),
});
export type TimescaleSettings = v.InferOutput<typeof timescaleSettings>;

const closureColumns = createInsertSchema(closureDays, {
  date: () => calendarDate("The closure date", "closure"),
  reason: () => requiredLine(200, "why the schools are closed"),
});

/** A day the LA closes its schools: not a working day for its clocks. */
export const closureDayInput = v.strictObject({ date: closureColumns.entries.date, reason: closureColumns.entries.reason });

/** The closure days page adds one day, or every day of a range (at most a month's worth). */
export const closureRangeInput = v.pipe(
  v.strictObject({
    from: calendarDate("The first closure day", "closure"),
    to: optionalDate("The last closure day", "closure"),
    reason: closureColumns.entries.reason,
  }),
  v.forward(
    v.check((range) => !range.to || range.to >= range.from, "The last closure day must be the same as or after the first"),
    ["to"],
  ),
  v.forward(
    v.check(
      (range) => !range.to || (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 < 31,
      "A range of closure days can be at most 31 days: add a longer closure in parts",
    ),
    ["to"],
  ),
);

export const laIdParam = v.object({ laId: entityId });
export const closureDayParam = v.object({ laId: entityId, date: calendarDate("The closure date", "any") });
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
  name: requiredLine(200, "their full name"),
  role: v.picklist(staffRoles, "Choose a role"),
  schoolId: v.optional(entityId),
  laId: v.optional(entityId),
  ...oneTimeKey,
});
export type StaffInvitationInput = v.InferOutput<typeof staffInvitation>;

/** Issue 17: a school's or LA's shared mailbox (senco@school); blank for none. */
export const mailboxInput = v.strictObject({ mailbox: v.optional(v.nullable(emailAddress)) });

/** Issue 17: a member of staff's new role (up to the changer's own). */
export const roleChange = v.strictObject({ role: v.picklist(staffRoles, "Choose a role") });

/**
 * Issue 17: the pupils a teacher is given to teach, in bulk or one by one: ticked pupils, a whole year group, or a
 * class list of unique pupil numbers (one a line, as a school's MIS exports them).
 */
export const teachingChange = v.pipe(
  v.strictObject({
    pupilIds: v.optional(v.pipe(v.array(entityId), v.maxLength(500, "Choose at most 500 pupils at a time"))),
    yearGroup: v.optional(v.picklist(yearGroups, "Choose a year group")),
    upns: v.optional(v.pipe(v.array(upn), v.maxLength(500, "A class list may have at most 500 pupils"))),
  }),
  v.check((input) => Boolean(input.pupilIds?.length || input.yearGroup || input.upns?.length), "Choose pupils, a year group or a class list"),
);
export type TeachingChange = v.InferOutput<typeof teachingChange>;

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
  parentName: requiredLine(200, "the parent's or carer's name"),
  parentEmail: v.optional(v.nullable(emailAddress)),
  expiresInDays: v.optional(v.pipe(v.number("Give the days as a number"), v.integer(), v.minValue(1), v.maxValue(400, "A link lasts at most 400 days")), 180),
  ...oneTimeKey,
});
export const parentLinkForm = { schema: parentLinkRequest, numbers: ["expiresInDays"] } satisfies FormDefinition;

/**
 * An origin a school's website embeds the concern form from: https, host and optional port (1-65535), nothing more;
 * or, for local development, http://localhost (a page on the viewer's own machine, never someone else's).
 */
export const embedOrigin = v.pipe(
  v.string("Enter an origin like https://www.school.example"),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(200, "An origin must be 200 characters or fewer"),
  v.check(isWebOrigin, "Enter an origin like https://www.school.example: https, a port from 1 to 65535 if any, and no path"),
);

const laColumns = createInsertSchema(localAuthorities, {
  name: () => requiredLine(200, "the authority's name"),
  code: () => v.pipe(v.string("Enter the three-digit LA number"), v.trim(), v.regex(/^\d{3}$/, "The LA number is three digits")),
  retentionYearsAfterBirth: () =>
    v.pipe(v.number("Give the years as a number"), v.integer(), v.minValue(18, "Keep records at least 18 years"), v.maxValue(100)),
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
  name: () => requiredLine(200, "the school's name"),
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

/** Issue 18: the leaving school's SENCO names the receiving school by its URN (on Get Information About Schools). */
export const transferStartForm = {
  schema: v.strictObject({ urn: schoolColumns.entries.urn }),
} satisfies FormDefinition;
/**
 * Issue 18: a pupil who left for a school or setting not on Stepwise (their CTF sent the school's usual way): the day
 * they left and, where known, where they went. Recording it closes the record.
 */
export const pupilLeftForm = {
  schema: v.strictObject({
    leftOn: dayMonthYear("the date the pupil left", "happened"),
    destination: optionalLine(200, "The school or setting they went to"),
  }),
} satisfies FormDefinition;
export const transferStart = v.strictObject({ pupilId: entityId, urn: schoolColumns.entries.urn });
export const transferListQuery = v.object({ schoolId: entityId });

/** Seed 000, DRS referral: the parent agrees to mediation, or declines it. */
export const parentMediationAnswer = v.object({
  referralId: entityId,
  answer: v.picklist(mediationAnswers, "Choose whether you agree to mediation"),
});

/** Closing a pupil's record (issue 4): why, for the history. */
export const recordClosure = v.strictObject({
  reason: requiredText(2_000, "why the record is closed"),
});

const chooseStage = "Choose the stage the pupil's current SEN provision puts them at";

/**
 * The enrolment page: one pupil, typed in by the SENCO or head. The school comes from the page's address, and the
 * stage must be chosen (the framework's stages, each with its census provision code), so nobody is enrolled at a
 * stage by default.
 */
export const pupilEnrolmentForm = {
  schema: v.strictObject(
    {
      ...v.omit(pupilEnrolment, ["schoolId", "stage", "cycle", "areasOfNeed"]).entries,
      stage: v.pipe(v.string(chooseStage), v.minLength(1, chooseStage), v.maxLength(64, chooseStage)),
      // No radio chosen posts no field at all: the object's own message is the one shown for its missing key.
    },
    chooseStage,
  ),
  ignore: ["concernId"],
} satisfies FormDefinition;
