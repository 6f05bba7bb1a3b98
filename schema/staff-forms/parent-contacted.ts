import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { calendarDate } from "../rules";

/** What the school records about a concern a parent sent through its link: the day it contacted the parent. */
export const parentContactedInput = v.strictObject({ on: calendarDate("Date the school contacted the parent", "happened") });

export const parentContactedForm = { schema: parentContactedInput } satisfies FormDefinition;

/** The pupil a parent's concern is about, chosen by the SENCO from the school's pupils. */
const choosePupil = "Choose the pupil this concern is about";
// No radio chosen posts no field at all: the object's own message is the one shown for its missing key.
export const parentConcernMatchInput = v.strictObject({ pupilId: v.pipe(v.string(choosePupil), v.uuid(choosePupil)) }, choosePupil);

export const parentConcernMatchForm = { schema: parentConcernMatchInput } satisfies FormDefinition;
