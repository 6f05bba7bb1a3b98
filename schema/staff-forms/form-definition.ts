import type * as v from "valibot";

/** How a form's posted fields are read into its input shape (worker/forms/shared/read-fields.ts does the reading). */
export type ReadOptions = {
  /** Fields posted once per ticked box. */
  arrays?: readonly string[];
  /** Fields that are not part of the input (honeypot, idempotency key, where the form is embedded). */
  ignore?: readonly string[];
  /** Fields whose input is a number (a record's version). */
  numbers?: readonly string[];
};

/** A form the server renders and the browser checks: its schema and how its fields are read. */
export type FormDefinition<Schema extends v.GenericSchema = v.GenericSchema> = ReadOptions & { schema: Schema };
