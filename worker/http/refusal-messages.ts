import { tidy } from "../forms/shared/messages";
import type { CaseRefusal } from "../workflow/decide";

type RefusalCode = CaseRefusal["code"];

/**
 * What a person reads on a page when the workflow refuses what they sent, mapped once by the refusal's stable code
 * (refusals.ts maps the same codes to HTTP).
 */
export const refusalMessages: Record<RefusalCode, string> = {
  stale_version: "Someone else changed this pupil's record while you were filling in the form: check the record and send the form again",
  move_not_allowed: "Select a decision that is open at the pupil's current stage",
  too_few_cycles: "The pupil needs more cycles of assess, plan, do, review before this decision can be made",
  wrong_framework: "This decision belongs to a different framework from the school's",
  pupil_closed: "The pupil's record is closed, so it cannot be changed",
  not_your_decision: "This decision is made by someone in a different role",
  unknown_move: "Select one of the decisions on the form",
  form_required: "This decision needs its form filled in first",
  form_not_found: "The form this decision is recorded on could not be found: reload the page and try again",
  decision_not_on_form: "Select one of the decisions this form records",
  invalid_reference: "The record this form refers to could not be found: reload the page and try again",
  pupil_not_found: "The pupil could not be found",
  record_not_found: "The record could not be found",
  step_not_allowed: "This step cannot be recorded at the referral's current step",
  mediation_declined: "Mediation was declined, so no referral will be made",
  mediation_not_answered: "Both the parents and the school must answer whether they agree to mediation first",
  form_not_signed: "The referral form must be signed by the parents and the school",
  wrong_party: "This step is recorded by the other party",
  step_date_invalid: "The date of the step must be a real date, no earlier than the last step and not in the future",
  agreement_not_open: "The referral form's answers and signatures are given before it is submitted",
  referral_not_found: "The referral could not be found",
  ehc_step_not_in_framework: "This step is not part of the pupil's framework",
  ehc_step_out_of_order: "This step is not awaited for the pupil now: record the step before it first",
  ehc_step_before_previous: "The date it happened must be the same as or after the date of the step before it",
  ehc_step_date_invalid: "The date must be a day that has happened, on or after the pupil's date of birth",
  date_before_birth: "The date must be on or after the pupil's date of birth",
  no_appealable_decision: "There is no decision of the local authority for this pupil that the parents could appeal",
  referral_changed: "Someone else changed this referral while you were filling in the form: check it and send the form again",
  transfer_not_pending: "This transfer has already been accepted or is no longer waiting for your school",
  upn_on_register: "A pupil with this unique pupil number is already on your school's register: check the two records with the leaving school before accepting",
};

/** A refusal's sentence for a page: the plain one for a known code, else the refusal's own message. */
const isRefusalCode = (code: string): code is RefusalCode => code in refusalMessages;
export const refusalMessage = (refusal: { code: string; message: string }) =>
  isRefusalCode(refusal.code) ? refusalMessages[refusal.code] : tidy(refusal.message);
