import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import {
  closureRangeInput,
  endedOnInput,
  interventionTargetsInput,
  interventionFormInput,
  interventionPupilsInput,
  interventionPupilsOffInput,
  localAuthorityInput,
  mailboxInput,
  roleChange,
  schoolInput,
  staffInvitation,
  teachingChange,
  timescaleSettings,
} from "../inputs";
import { clockKinds, statutoryClockKinds } from "../vocab";

/**
 * The administration and onboarding pages' forms: the inputs of schema/inputs.ts and how their posted fields are read.
 * The route modules check posts with these, and test/forms/ checks every one of them.
 */

export const localAuthorityForm = { schema: localAuthorityInput, numbers: ["retentionYearsAfterBirth"] } satisfies FormDefinition;
export const newSchoolForm = { schema: schoolInput, arrays: ["embedOrigins"] } satisfies FormDefinition;
/** A school stays in its LA: the change form has every field but the LA. */
export const schoolChangeForm = { schema: v.strictObject(v.omit(schoolInput, ["laId"]).entries), arrays: ["embedOrigins"] } satisfies FormDefinition;

export const staffInviteForm = {
  schema: v.strictObject(v.pick(staffInvitation, ["name", "email", "role", "idempotencyKey"]).entries),
} satisfies FormDefinition;
export const mailboxForm = { schema: mailboxInput } satisfies FormDefinition;
export const roleChangeForm = { schema: roleChange } satisfies FormDefinition;
export const teachingForm = { schema: teachingChange, arrays: ["pupilIds", "upns"] } satisfies FormDefinition;

const localClocks = clockKinds.filter((kind) => !(statutoryClockKinds as readonly string[]).includes(kind));
export const timescalesForm = { schema: timescaleSettings, numbers: localClocks.map((kind) => `${kind}.amount`) } satisfies FormDefinition;
export const closureRangeForm = { schema: closureRangeInput } satisfies FormDefinition;

export const interventionDetailsForm = { schema: interventionFormInput, numbers: ["sessionsPerWeek", "sessionMinutes"] } satisfies FormDefinition;
export const interventionPupilsOnForm = { schema: interventionPupilsInput, arrays: ["pupilIds"] } satisfies FormDefinition;
export const interventionPupilsOffForm = { schema: interventionPupilsOffInput, arrays: ["participationIds"] } satisfies FormDefinition;
export const interventionEndForm = { schema: endedOnInput } satisfies FormDefinition;
export const interventionTargetsForm = { schema: interventionTargetsInput, arrays: ["targetIds"] } satisfies FormDefinition;
