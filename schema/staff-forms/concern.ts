import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { optionalDate, optionalText, requiredText } from "../rules";
import { areasOfConcern } from "../vocab";
import { contributor, oneTimeKey } from "./fields";

const concernNote = (what: string) => optionalText(10_000, what);

/** Seed 000, SEN Record of Concern: every field of the staff version. */
export const recordOfConcern = v.strictObject({
  contributors: v.optional(v.pipe(v.array(contributor), v.maxLength(6, "The form has room for six contributors")), []),
  areasOfConcern: v.pipe(v.array(v.picklist(areasOfConcern)), v.minLength(1, "Choose at least one area of concern"), v.maxLength(areasOfConcern.length)),
  description: requiredText(10_000, "a brief description of the difficulty"),
  evidence: concernNote("Evidence of the pupil's performance"),
  strategiesUsed: concernNote("Details of strategies used"),
  strategyOutcomes: concernNote("Details of outcomes and successes"),
  pupilDiscussion: concernNote("Note of discussion with pupil"),
  parentDiscussion: concernNote("Note of contact/discussion with parents/carers"),
  externalAgencies: concernNote("External agencies involved"),
  sencoSignedAt: optionalDate("Date signed by the SENCO", "happened"),
  teacherSignedAt: optionalDate("Date signed by the teacher", "happened"),
  parentSignedAt: optionalDate("Date signed by the parent/carer", "happened"),
  ...oneTimeKey,
});
export type RecordOfConcernInput = v.InferOutput<typeof recordOfConcern>;

export const recordOfConcernForm = { schema: recordOfConcern, arrays: ["areasOfConcern"] } satisfies FormDefinition;
