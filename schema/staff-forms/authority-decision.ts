import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { dayMonthYear, optionalText } from "../rules";
import { requiredDecision } from "./fields";

/** What a date of the LA's casework on a request can be: on or after the day of the request, and not after today. */
export type RequestDateBounds = { requestedOn: string; today: string };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A day the LA's casework on a request happened, typed as day, month and year. */
const dayOfCasework = (what: string, bounds: RequestDateBounds) =>
  v.pipe(
    dayMonthYear(what, "happened"),
    v.check((day) => day >= bounds.requestedOn, `${capitalised(what)} must be the same as or after the date of the request`),
    v.check((day) => day <= bounds.today, `${capitalised(what)} must be today or in the past`),
  );

/** The LA's decision on a request as its page records it: the framework's decision, the day it was made, and why. */
export const authorityDecisionForm = (bounds: RequestDateBounds) =>
  ({
    schema: v.strictObject({ ...requiredDecision, decidedOn: dayOfCasework("the date of the decision", bounds) }),
    numbers: ["expectedVersion"],
  }) satisfies FormDefinition;

/**
 * Why the time limits could not be met: the regulation's list (SEND Regulations 2014, reg 5(4), 8(2), 10(4) and
 * 13(3) give the same three grounds).
 */
export const timeLimitExceptions = ["schoolClosure", "exceptionalPersonalCircumstances", "absentFromArea"] as const;
export type TimeLimitException = (typeof timeLimitExceptions)[number];

/** An exception to the time limits as its page records it: the ground, what happened, and the day it is recorded. */
export const assessmentExceptionForm = (bounds: RequestDateBounds) =>
  ({
    schema: v.strictObject({
      ground: v.picklist(timeLimitExceptions, "Choose why the time limit cannot be met"),
      details: optionalText(2_000, "The details"),
      recordedOn: dayOfCasework("the date of the exception", bounds),
    }),
  }) satisfies FormDefinition;
