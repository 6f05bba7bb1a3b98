import * as v from "valibot";

/**
 * The one place a field error shown to a person is worded from a valibot issue, GOV.UK style: on the server and, bundled
 * through check-form.ts, in the browser (a refusal's words are in worker/http/refusal-messages.ts). valibot's own text
 * ("Invalid key: Expected ...") is never shown: a schema's own message is kept, a missing field takes the message its
 * own schema gives for a blank answer, and anything else is worded by reason with the field's name.
 */

export type FormError = { field: string; message: string };

/** valibot's default message, `Invalid ${kind}: Expected ${expected} but received ${received}`: never for people. */
const isValibotText = (message: string) => /^Invalid \w+: (Expected .* but r|R)eceived /.test(message);

/** The hidden "YYYY-MM-DD" is for the JSON API: on a page a date is three fields. */
export const tidy = (message: string) => {
  const text = message.replace(/, YYYY-MM-DD$/, "").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** A field's name in words, from its key: "reviewDate" is "the review date". */
export const fieldWords = (key: string) => `the ${key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()}`;

type AnySchema = v.GenericSchema & { entries?: Record<string, AnySchema>; item?: AnySchema; wrapped?: AnySchema };

/** The schema of the field at a path of keys, through objects, arrays and optional wrappers. */
function schemaAt(schema: AnySchema, keys: readonly string[]): AnySchema | undefined {
  let node: AnySchema | undefined = schema;
  for (const key of keys) {
    while (node?.wrapped) node = node.wrapped;
    if (!node) return undefined;
    node = node.entries ? node.entries[key] : node.item;
  }
  return node;
}

const choiceTypes = new Set(["picklist", "array", "boolean", "literal", "union", "variant", "enum"]);

/** Words for an issue whose schema gave none of its own, by reason. */
function byReason(issue: v.BaseIssue<unknown>, key: string, field: AnySchema | undefined): string {
  const words = fieldWords(key);
  const Words = tidy(words);
  const type = field?.type ?? issue.type;
  if (issue.type === "strict_object" && issue.expected === "never") return "This form has a field Stepwise does not use: reload the page and try again";
  if (issue.received === "undefined" || issue.input === undefined || issue.input === "") return choiceTypes.has(type) ? `Select ${words}` : `Enter ${words}`;
  switch (issue.type) {
    case "max_length":
      return `${Words} must be ${issue.requirement} characters or fewer`;
    case "min_length":
      return choiceTypes.has(type) ? `Select ${words}` : `Enter ${words}`;
    case "iso_date":
    case "check":
      return `${Words} must be a real date`;
    case "uuid":
      return `${Words} is not a record in Stepwise: reload the page and try again`;
    case "number":
    case "integer":
    case "min_value":
    case "max_value":
      return `${Words} must be a whole number`;
    case "email":
      return `Enter ${words} in the right format, like name@example.com`;
    default:
      return choiceTypes.has(issue.type) ? `Select ${words}` : `Check ${words}`;
  }
}

/** One issue of `schema`, in plain English. */
export function plainMessage(schema: v.GenericSchema, issue: v.BaseIssue<unknown>): string {
  if (!isValibotText(issue.message)) return tidy(issue.message);
  const keys = (issue.path ?? []).map((item) => String(item.key));
  const field = schemaAt(schema, keys);
  const isMissing = issue.kind === "schema" && (issue.type === "object" || issue.type === "strict_object") && issue.expected !== "never";
  if (isMissing && field) {
    // A field not posted at all (no radio chosen, no box ticked) is blank: its own schema words that.
    const blank = v.safeParse(field, field.type === "array" ? [] : undefined);
    const own = blank.success ? undefined : blank.issues[0].message;
    if (own && !isValibotText(own)) return tidy(own);
  }
  const key = [...keys].reverse().find((item) => !/^\d+$/.test(item)) ?? "answer";
  return byReason(issue, key, field);
}

/** Every issue of `schema` as a field error in plain English; `fieldFor` names the field to link to for a path. */
export function formErrors(schema: v.GenericSchema, issues: readonly v.BaseIssue<unknown>[], fieldFor: (path: string) => string = (path) => path): FormError[] {
  const errors: FormError[] = [];
  for (const issue of issues) {
    const field = fieldFor(v.getDotPath(issue) ?? "");
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: plainMessage(schema, issue) });
  }
  return errors;
}
