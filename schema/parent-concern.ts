import * as v from "valibot";
import { dayMonthYear, idempotencyKeyPattern, optionalText, requiredLine, requiredText } from "./rules";
import { areasOfConcern, yearGroups } from "./vocab";

/**
 * The parent's version of seed 000's Record of Concern, behind a school's public link: the same columns of
 * records_of_concern, asked in plain words. Browser-safe (valibot and vocab only): the page checks these rules too.
 */

const note = (what: string) => optionalText(5_000, what);

export const parentConcern = v.pipe(
  v.strictObject({
    childName: requiredLine(200, "your child's full name"),
    childDateOfBirth: dayMonthYear("your child's date of birth", "birth"),
    childYearGroup: v.picklist(yearGroups, "Select your child's year group"),
    parentName: requiredLine(200, "your full name"),
    parentRelationship: requiredLine(100, "your relationship to the child"),
    parentEmail: v.optional(
      v.pipe(
        v.string(),
        v.trim(),
        v.maxLength(254, "Email address must be 254 characters or fewer"),
        v.email("Enter an email address in the correct format, like name@example.com"),
      ),
    ),
    parentPhone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9()\s-]{7,20}$/, "Enter a telephone number, like 01632 960 001 or 07700 900 982"))),
    areasOfConcern: v.optional(v.pipe(v.array(v.picklist(areasOfConcern, "Choose from the list")), v.maxLength(areasOfConcern.length)), []),
    description: requiredText(5_000, "what you are worried about"),
    strategiesUsed: note("What has been tried so far"),
    strategyOutcomes: note("What helped"),
    pupilDiscussion: note("What your child says"),
    parentDiscussion: note("Who you have talked to at the school"),
    externalAgencies: note("Who else is involved"),
  }),
  v.forward(
    v.partialCheck(
      [["parentEmail"], ["parentPhone"]],
      (input) => Boolean(input.parentEmail || input.parentPhone),
      "Enter an email address or a telephone number, so the school can reply",
    ),
    ["parentEmail"],
  ),
);
export type ParentConcernInput = v.InferOutput<typeof parentConcern>;

/** What a client sends as Idempotency-Key (or the form's hidden field): long enough to be unguessable when random. */
export const idempotencyKey = v.pipe(
  v.string("Send an Idempotency-Key"),
  v.regex(idempotencyKeyPattern, "An Idempotency-Key is 22 to 128 letters, digits, - or _ (a random UUID or 16+ random bytes)"),
);
