import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { calendarDate, optionalDate, requiredText } from "../rules";
import { assessmentRequesters } from "../vocab";
import { hasVersionIfDecided, oneTimeKey, optionalDecision, versionNeeded } from "./fields";

/** A request for statutory / EHC needs / Exceptional Action assessment; its evidence is gathered, not typed. */
export const assessmentRequestInput = v.pipe(
  v.strictObject({
    requestedBy: v.picklist(assessmentRequesters, "Say whether the school or the parents request it"),
    requestedOn: calendarDate("Date of the request", "happened"),
    parentsConsultedOn: optionalDate("Date the parents were consulted", "happened"),
    reasons: requiredText(10_000, "the reasons for the request"),
    ...optionalDecision,
    ...oneTimeKey,
  }),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type AssessmentRequestInput = v.InferOutput<typeof assessmentRequestInput>;

export const assessmentRequestForm = { schema: assessmentRequestInput, numbers: ["expectedVersion"] } satisfies FormDefinition;
