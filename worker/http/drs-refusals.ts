import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { DrsCaseRefusal } from "../pupil-case/drs";
import { ApiError } from "./errors";

/** Every refusal of the DRS procedure, mapped to HTTP once. */
const statusOf: Record<DrsCaseRefusal["code"], ContentfulStatusCode> = {
  step_not_allowed: 409,
  mediation_declined: 409,
  mediation_not_answered: 409,
  form_not_signed: 409,
  pupil_closed: 409,
  wrong_party: 403,
  step_date_invalid: 422,
  agreement_not_open: 422,
  pupil_not_found: 404,
  referral_not_found: 404,
  referral_changed: 409,
};

const fieldOf: Partial<Record<DrsCaseRefusal["code"], string>> = {
  step_date_invalid: "happenedOn",
  agreement_not_open: "agreement",
  form_not_signed: "agreement",
};

export function drsRefusalError(refusal: DrsCaseRefusal): ApiError {
  const { code, message, ...details } = refusal;
  const field = fieldOf[code];
  return new ApiError(statusOf[code], code, message, field ? [{ field, message }] : [], details);
}
