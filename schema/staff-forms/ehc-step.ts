import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { dayMonthYear } from "../rules";

/**
 * One step of the EHC process (or of a 2001 Code Statement) as its page records it: the day it happened and, for a
 * phase transfer review, the day the child moves and whether to post-16. What the person saw the pupil's case at
 * comes back with it, so a step recorded meanwhile by someone else is not recorded on a page that no longer shows it.
 */
export const ehcStepPage = v.strictObject({
  seen: v.pipe(
    v.string("This record could not be read as it was: reload the page and try again"),
    v.maxLength(120, "This record could not be read as it was: reload the page and try again"),
  ),
  happenedOn: dayMonthYear("the date it happened", "happened"),
  transferOn: v.optional(dayMonthYear("the date the child moves school", "move")),
  toPostSixteen: v.optional(v.picklist(["yes", "no"], "Select whether the move is to post-16 education")),
});
export type EhcStepPage = v.InferOutput<typeof ehcStepPage>;

export const ehcStepForm = { schema: ehcStepPage } satisfies FormDefinition;
