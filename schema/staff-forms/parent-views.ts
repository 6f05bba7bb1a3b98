import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { entityId, note, oneTimeKey } from "./fields";

/** A parent's views before a review (SEND Code 6.54): staff take them down, or the parent gives them by their link. */
export const parentViewsInput = v.pipe(
  v.strictObject({
    planId: v.optional(v.nullable(entityId)),
    whatIsGoingWell: note("What is going well"),
    concerns: note("Your concerns"),
    childViews: note("Your child's views"),
    questionsForReview: note("Questions for the review"),
    ...oneTimeKey,
  }),
  v.check(
    (views) => Boolean(views.whatIsGoingWell || views.concerns || views.childViews || views.questionsForReview),
    "Give at least one of: what is going well, concerns, your child's views, questions for the review",
  ),
);
export type ParentViewsInput = v.InferOutput<typeof parentViewsInput>;

export const parentViewsForm = { schema: parentViewsInput } satisfies FormDefinition;
