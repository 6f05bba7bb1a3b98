import { validator } from "hono/validator";
import type { ValidationTargets } from "hono";
import * as v from "valibot";
import { formErrors } from "../forms/shared/messages";
import { ApiError, fieldErrors, type FieldError } from "./errors";

/** application/json, or a JSON type such as application/merge-patch+json. */
const jsonType = /^application\/([a-z0-9.-]+\+)?json\s*(;|$)/i;

/**
 * A JSON route's body must say it is JSON: Hono reads any other body as `{}`, so a text/plain PUT of settings would
 * pass as "no overrides" and wipe them. A request with no body at all is left to the schema.
 */
function refuseBodyNotJson(request: Request) {
  const type = request.headers.get("content-type");
  if (request.body === null && type === null) return;
  if (!jsonType.test(type ?? "")) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON, with Content-Type: application/json", [{ field: "(body)", message: "Not JSON" }]);
  }
}

/**
 * Validates one part of the request with a valibot schema and hands the typed output to the handler.
 * Any failure is a 400 naming each field at fault; a JSON body sent as something else is a 415.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(target: Target, schema: Schema) =>
  validator(target, (value, c): v.InferOutput<Schema> => {
    if (target === "json") refuseBodyNotJson(c.req.raw);
    const result = v.safeParse(schema, value);
    if (!result.success) {
      throw new ApiError(400, `invalid_${target}`, `The ${target} is not valid`, fieldErrors(result.issues));
    }
    return result.output;
  });

/**
 * A query whose schema depends on what the route found (a school's own stages): checked in the handler, a failure a
 * 400 whose message names each field at fault in plain English, for a page to show as it is.
 */
export function checkQuery<Schema extends v.GenericSchema>(schema: Schema, query: Record<string, string>): v.InferOutput<Schema> {
  const read = readQuery(schema, query);
  if (read.ok) return read.output;
  throw new ApiError(400, "invalid_query", read.errors.map((field) => field.message).join(". "), read.errors);
}

/** As checkQuery, for a page that shows its filters again with the errors beside them. */
export function readQuery<Schema extends v.GenericSchema>(
  schema: Schema,
  query: Record<string, string>,
): { ok: true; output: v.InferOutput<Schema> } | { ok: false; errors: FieldError[] } {
  const result = v.safeParse(schema, query);
  return result.success ? { ok: true, output: result.output } : { ok: false, errors: formErrors(schema, result.issues) };
}
