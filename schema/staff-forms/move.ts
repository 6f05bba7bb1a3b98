import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { dayMonthYear, optionalText } from "../rules";
import { formKinds } from "../vocab";
import { entityId } from "./fields";

/** A move: which decision, on which version of the record, on which form, and why. */
export const moveRequest = v.strictObject({
  move: v.pipe(v.string("Choose a decision"), v.minLength(1, "Choose a decision"), v.maxLength(64, "Choose one of the decisions on the form")),
  expectedVersion: v.pipe(v.number("Give the version of the record you decided on"), v.integer(), v.minValue(0)),
  reason: optionalText(2_000, "The reason"),
  form: v.optional(
    v.nullable(
      v.strictObject({
        kind: v.picklist(formKinds, "This is not a form in Stepwise: reload the page and try again"),
        id: entityId,
      }),
    ),
  ),
});
export type MoveRequest = v.InferOutput<typeof moveRequest>;

export const moveForm = { schema: moveRequest, numbers: ["expectedVersion"] } satisfies FormDefinition;

/** A decision with no form of its own, confirmed on its page: the day it happened, why, and the version seen. */
export const moveConfirmation = v.strictObject({
  occurredOn: dayMonthYear("the date it happened", "happened"),
  reason: optionalText(2_000, "The reason"),
  expectedVersion: moveRequest.entries.expectedVersion,
});
export type MoveConfirmation = v.InferOutput<typeof moveConfirmation>;

export const moveConfirmationForm = { schema: moveConfirmation, numbers: ["expectedVersion"] } satisfies FormDefinition;
