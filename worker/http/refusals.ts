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
  not_your_decision: 403,
  unknown_move: 400,
  form_required: 422,
  form_not_found: 422,
  decision_not_on_form: 422,
  invalid_reference: 422,
  pupil_not_found: 404,
  record_not_found: 404,
};

/**
 * The field a refusal is about. A decision is "move" on /transitions and "decision" on a form, so the caller says
 * which name its body uses.
 */
function fieldOf(refusal: CaseRefusal, decisionField: string): string | null {
  switch (refusal.code) {
    case "unknown_move":
    case "move_not_allowed":
    case "not_your_decision":
    case "decision_not_on_form":
    case "too_few_cycles":
      return decisionField;
    case "stale_version":
      return "expectedVersion";
    case "form_required":
      return "form";
    case "form_not_found":
      return "form.id";
    case "invalid_reference":
      return refusal.field;
    default:
      return null;
  }
}

export function refusalError(refusal: CaseRefusal, decisionField = "move"): ApiError {
  const { code, message, ...details } = refusal;
  const field = fieldOf(refusal, decisionField);
  return new ApiError(statusOf[code], code, message, field ? [{ field, message }] : [], details);
}

export const writeFailedError = (message: string) => new ApiError(503, "write_failed", message, [], { retryable: true });
