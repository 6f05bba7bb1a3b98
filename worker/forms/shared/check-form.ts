import * as v from "valibot";
import type { FormDefinition } from "../../../schema/staff-forms/form-definition";
import { formErrors, type FormError } from "./messages";
import { readFields, type RawFields } from "./read-fields";

export type { FormError };

export type CheckedForm<Schema extends v.GenericSchema> = { ok: true; output: v.InferOutput<Schema> } | { ok: false; errors: FormError[] };

/** Reads and checks posted fields: the first error for each field, in the order of the form. */
export function checkForm<Schema extends v.GenericSchema>(form: FormDefinition<Schema>, fields: RawFields): CheckedForm<Schema> {
  const read = readFields(fields, form);
  const result = v.safeParse(form.schema, read.input);
  if (result.success) return { ok: true, output: result.output };
  return { ok: false, errors: formErrors(form.schema, result.issues, read.fieldFor) };
}
