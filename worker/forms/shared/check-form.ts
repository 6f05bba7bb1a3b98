import * as v from "valibot";
import { formErrors, type FormError } from "./messages";
import { readFields, type RawFields, type ReadOptions } from "./read-fields";

/** A form the server renders and the browser checks: its schema and how its fields are read. */
export type FormDefinition<Schema extends v.GenericSchema = v.GenericSchema> = ReadOptions & { schema: Schema };

export type { FormError };

export type CheckedForm<Schema extends v.GenericSchema> =
  | { ok: true; output: v.InferOutput<Schema> }
  | { ok: false; errors: FormError[] };

/** Reads and checks posted fields: the first error for each field, in the order of the form. */
export function checkForm<Schema extends v.GenericSchema>(form: FormDefinition<Schema>, fields: RawFields): CheckedForm<Schema> {
  const read = readFields(fields, form);
  const result = v.safeParse(form.schema, read.input);
  if (result.success) return { ok: true, output: result.output };
  return { ok: false, errors: formErrors(form.schema, result.issues, read.fieldFor) };
}
