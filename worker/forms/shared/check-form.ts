import * as v from "valibot";
import type { FormDefinition } from "../../../schema/staff-forms/form-definition";
import { readFields, type RawFields } from "./read-fields";

export type FormError = { field: string; message: string };

export type CheckedForm<Schema extends v.GenericSchema> =
  | { ok: true; output: v.InferOutput<Schema> }
  | { ok: false; errors: FormError[] };

/** Reads and checks posted fields: the first error for each field, in the order of the form. */
export function checkForm<Schema extends v.GenericSchema>(form: FormDefinition<Schema>, fields: RawFields): CheckedForm<Schema> {
  const read = readFields(fields, form);
  const result = v.safeParse(form.schema, read.input);
  if (result.success) return { ok: true, output: result.output };
  const errors: FormError[] = [];
  for (const issue of result.issues) {
    const field = read.fieldFor(v.getDotPath(issue) ?? "");
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: issue.message });
  }
  return { ok: false, errors };
}
