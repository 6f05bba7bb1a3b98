import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { calendarDate } from "../rules";

/** "Copy given to parent on" / "Copy sent to parents/carer on" (seed 000), SEND Code 6.71. */
export const copyToParentsInput = v.strictObject({ on: calendarDate("Date the copy was given or sent", "happened") });

export const copyToParentsForm = { schema: copyToParentsInput } satisfies FormDefinition;
