import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { CaseRefusal } from "../workflow/decide";
import { ApiError } from "./errors";

/** Every refusal of a change to a pupil's case (moves, forms, DRS steps, closing), mapped to HTTP once. */
const statusOf: Record<CaseRefusal["code"], ContentfulStatusCode> = {
  stale_version: 409,
  move_not_allowed: 409,
  too_few_cycles: 409,
  wrong_framework: 409,
  pupil_closed: 409,
  step_not_allowed: 409,
  mediation_declined: 409,
  mediation_not_answered: 409,
  form_not_signed: 409,
  referral_changed: 409,
  not_your_decision: 403,
  wrong_party: 403,
  unknown_move: 400,
  form_required: 422,
  form_not_found: 422,
  decision_not_on_form: 422,
  invalid_reference: 422,
  step_date_invalid: 422,
  agreement_not_open: 422,
  pupil_not_found: 404,
  record_not_found: 404,
  referral_not_found: 404,
};

/**
 * The field a refusal is about. A decision is "move" on /transitions and "decision" on a form, so the caller says
 * which name its body uses.
 */
export function refusalField(refusal: CaseRefusal, decisionField = "move"): string | null {
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
    case "step_date_invalid":
      return "happenedOn";
    case "agreement_not_open":
    case "form_not_signed":
      return "agreement";
    default:
      return null;
  }
}

export function refusalError(refusal: CaseRefusal, decisionField = "move"): ApiError {
  const { code, message, ...details } = refusal;
  const field = refusalField(refusal, decisionField);
  return new ApiError(statusOf[code], code, message, field ? [{ field, message }] : [], details);
}

export const writeFailedError = (message: string) => new ApiError(503, "write_failed", message, [], { retryable: true });
