import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { CaseRefusal } from "../pupil-case/moves";
import { ApiError } from "./errors";

/** Every refusal the workflow can give, mapped to HTTP once. */
const statusOf: Record<CaseRefusal["code"], ContentfulStatusCode> = {
  stale_version: 409,
  move_not_allowed: 409,
  too_few_cycles: 409,
  wrong_framework: 409,
  pupil_closed: 409,
  unknown_move: 400,
  form_required: 422,
  form_not_found: 422,
  pupil_not_found: 404,
};

const fieldOf: Partial<Record<CaseRefusal["code"], string>> = {
  unknown_move: "move",
  form_required: "form",
  form_not_found: "form.id",
};

export function refusalError(refusal: CaseRefusal): ApiError {
  const { code, message, ...details } = refusal;
  const field = fieldOf[code];
  return new ApiError(statusOf[code], code, message, field ? [{ field, message }] : [], details);
}

export const writeFailedError = (message: string) => new ApiError(503, "write_failed", message, [], { retryable: true });
