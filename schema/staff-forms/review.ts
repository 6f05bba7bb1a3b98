import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { calendarDate, optionalDate, optionalText, requiredLine, requiredText } from "../rules";
import { areasOfConcern, targetOutcomes } from "../vocab";
import { contributors, entityId, hasVersionIfDecided, note, oneTimeKey, optionalDecision, versionNeeded } from "./fields";

const areas = v.pipe(
  v.array(v.picklist(areasOfConcern, "Choose an area of concern")),
  v.minLength(1, "Choose at least one area of concern"),
  v.maxLength(areasOfConcern.length),
);

export const targetOutcome = v.strictObject({
  targetId: entityId,
  outcome: v.picklist(targetOutcomes, "Choose achieved, partly achieved or not achieved"),
  outcomeData: optionalText(5_000, "The outcome data"),
});

/** Seed 000 Review of Progress (School Action, School Action Plus), the 2014 review and the Jersey review. */
export const reviewInput = v.pipe(
  v.strictObject({
    planId: v.optional(v.nullable(entityId)),
    reviewDate: calendarDate("Date of review", "happened"),
    contributors: v.optional(contributors(6), []),
    areasOfConcern: areas,
    evaluation: requiredText(10_000, "the evaluation of the pupil's performance and progress"),
    pupilViews: note("Note of discussion with pupil"),
    parentViews: note("Note of contact/discussion with parents/carers"),
    externalAgencies: note("External agencies involved"),
    targetOutcomes: v.optional(v.pipe(v.array(targetOutcome), v.maxLength(5, "A plan has at most 5 targets")), []),
    signedBy: v.optional(v.nullable(requiredLine(200, "who signed"))),
    signedPosition: v.optional(v.nullable(requiredLine(200, "the signer's position"))),
    signedOn: optionalDate("Date signed", "happened"),
    ...optionalDecision,
    ...oneTimeKey,
  }),
  v.forward(
    v.partialCheck(
      [["planId"], ["targetOutcomes"]],
      (review) => review.targetOutcomes.length === 0 || Boolean(review.planId),
      "Name the plan whose targets these are",
    ),
    ["planId"],
  ),
  // A review at a stage with no decision to make (a plan reviewed mid-cycle) is saved without one.
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type ReviewInput = v.InferOutput<typeof reviewInput>;

export const reviewForm = { schema: reviewInput, arrays: ["areasOfConcern"], numbers: ["expectedVersion"] } satisfies FormDefinition;
