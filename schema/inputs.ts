import { createInsertSchema } from "drizzle-valibot";
import * as v from "valibot";
import { pupils, recordsOfConcern } from "./tables";
import { areasOfConcern, formKinds, senNeedTypes, yearGroups } from "./vocab";

/**
 * Input shapes, derived from the tables they fill (drizzle-valibot) and tightened with the limits people need:
 * required text is trimmed and non-empty, every string has a ceiling, dates are real calendar dates.
 */

export const requiredText = (max: number, what: string) =>
  v.pipe(v.string(`Enter ${what}`), v.trim(), v.minLength(1, `Enter ${what}`), v.maxLength(max, `${what} must be ${max} characters or fewer`));

export const optionalText = (max: number, what: string) =>
  v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, `${what} must be ${max} characters or fewer`))));

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused). */
export const calendarDate = (what: string) =>
  v.pipe(
    v.string(`Enter ${what} as a date`),
    v.isoDate(`${what} must be a real date, YYYY-MM-DD`),
    v.check((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), `${what} must be a real date`),
  );

export const optionalDate = (what: string) => v.optional(v.nullable(calendarDate(what)));

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
