import { validator } from "hono/validator";
import type { ValidationTargets } from "hono";
import * as v from "valibot";
import { ApiError, fieldErrors } from "./errors";

/**
 * Validates one part of the request with a valibot schema and hands the typed output to the handler.
 * Any failure is a 400 naming each field at fault.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(
  target: Target,
  schema: Schema,
) =>
  validator(target, (value): v.InferOutput<Schema> => {
    const result = v.safeParse(schema, value);
    if (!result.success) {
      throw new ApiError(400, `invalid_${target}`, `The ${target} is not valid`, fieldErrors(result.issues));
    }
    return result.output;
  });
