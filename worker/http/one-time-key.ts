import type { Context } from "hono";
import * as v from "valibot";
import { idempotencyKey } from "../../schema/parent-concern";
import { ApiError } from "./errors";

/**
 * The JSON API's one-time key, sent as the Idempotency-Key header (as the public concern takes it), put into the
 * input where the form's hidden field would be. Optional: without one, every post is a new record.
 */
export function withOneTimeKey<Input extends { idempotencyKey?: string | undefined }>(c: Context, input: Input): Input {
  const header = c.req.header("Idempotency-Key");
  if (header === undefined) return input;
  const key = v.safeParse(idempotencyKey, header);
  if (!key.success)
    throw new ApiError(400, "invalid_header", "The Idempotency-Key header is not valid", [{ field: "Idempotency-Key", message: key.issues[0].message }]);
  return { ...input, idempotencyKey: key.output };
}
