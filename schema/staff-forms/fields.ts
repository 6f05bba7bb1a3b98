import * as v from "valibot";
import { idempotencyKeyPattern, optionalText, requiredLine } from "../rules";

/**
 * The staff forms' input shapes, one module per form (here, what they share), valibot and vocab only: each staff page's
 * script bundles its own form's rules and no drizzle (esbuild keeps every schema a bundled module builds, so one module
 * of all the forms would put them all in every page). A field that fills a column is wrapped as drizzle-valibot would
 * derive it from that column; test/schema/form-columns.test.ts checks each against its table, the source of truth for
 * storage. Each module also holds its form's definition: how the posted fields are read.
 */

export const entityId = v.pipe(v.string(), v.uuid("This is not a record in Stepwise: reload the page and try again"));

export const contributor = v.strictObject({
  name: requiredLine(200, "the contributor's name"),
  position: requiredLine(200, "the contributor's position"),
});

export const contributors = (max: number) => v.pipe(v.array(contributor), v.maxLength(max, `The form has room for ${max} contributors`));

const version = v.pipe(v.number("Give the version of the record you decided on"), v.integer("The version is a whole number"), v.minValue(0));
const decisionName = v.pipe(v.string("Choose a decision"), v.minLength(1, "Choose a decision"), v.maxLength(64, "Choose one of the decisions on the form"));

/** A form may record the decision it was filled for, against the version of the record it was decided on. */
export const optionalDecision = {
  decision: v.optional(decisionName),
  expectedVersion: v.optional(version),
  reason: optionalText(2_000, "The reason"),
};
export const requiredDecision = { decision: decisionName, expectedVersion: version, reason: optionalText(2_000, "The reason") };

/** A decision must name the version it was decided on (checked across both fields, reported on expectedVersion). */
export const hasVersionIfDecided = (input: { decision?: string | undefined; expectedVersion?: number | undefined }) =>
  input.decision === undefined || input.expectedVersion !== undefined;
export const versionNeeded = "Give the version of the record you decided on";

export const note = (what: string) => optionalText(10_000, what);

/**
 * The one-time key a form carries (a hidden field; the JSON API's Idempotency-Key header) when it stores a record
 * without a decision to guard it: stored under a unique index, so a double submission stores one record.
 */
const sentTwiceGuard = "This form could not be sent as it was: reload the page and try again";
export const oneTimeKey = { idempotencyKey: v.optional(v.pipe(v.string(sentTwiceGuard), v.regex(idempotencyKeyPattern, sentTwiceGuard))) };
