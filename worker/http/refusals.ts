import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RecordRefusal } from "../records/refusal";
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
  ehc_step_not_in_framework: 409,
  ehc_step_out_of_order: 409,
  no_appealable_decision: 409,
  ehc_step_before_previous: 422,
  ehc_step_date_invalid: 422,
  date_before_birth: 422,
  transfer_not_pending: 409,
  upn_on_register: 409,
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
    case "ehc_step_date_invalid":
    case "date_before_birth":
      return refusal.field;
    case "step_date_invalid":
    case "ehc_step_before_previous":
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

/** A record's own refusals, by status and by the code the JSON API has always answered with. */
const recordStatusOf: Record<RecordRefusal["code"], { status: ContentfulStatusCode; code: string }> = {
  name_taken: { status: 409, code: "name_taken" },
  intervention_in_use: { status: 409, code: "intervention_in_use" },
  upn_taken: { status: 409, code: "upn_taken" },
  unknown_stage: { status: 400, code: "invalid_json" },
  primary_need_missing: { status: 400, code: "invalid_json" },
  no_school_with_urn: { status: 422, code: "no_school_with_urn" },
  transfer_to_own_school: { status: 422, code: "transfer_to_own_school" },
  other_framework: { status: 409, code: "other_framework" },
  transfer_pending: { status: 409, code: "transfer_pending" },
  pupil_closed: { status: 409, code: "pupil_closed" },
  la_number_taken: { status: 409, code: "already_taken" },
  urn_taken: { status: 409, code: "already_taken" },
  slug_taken: { status: 409, code: "already_taken" },
  no_such_la: { status: 404, code: "not_found" },
};

export function recordRefusalError(refusal: RecordRefusal): ApiError {
  const { status, code } = recordStatusOf[refusal.code];
  return new ApiError(status, code, refusal.message, [{ field: refusal.field, message: refusal.fieldMessage }]);
}
