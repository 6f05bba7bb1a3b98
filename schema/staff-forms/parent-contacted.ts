import * as v from "valibot";
import type { FormDefinition } from "../../worker/forms/shared/check-form";
import { calendarDate } from "../rules";

/** The day the school contacted the parent about the concern they sent through the school's link. */
export const parentContactedInput = v.strictObject({ on: calendarDate("Date the school contacted the parent") });

export const parentContactedForm = { schema: parentContactedInput } satisfies FormDefinition;
