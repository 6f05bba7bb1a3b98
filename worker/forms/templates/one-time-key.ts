import * as v from "valibot";
import { idempotencyKey } from "../../../schema/parent-concern";
import { hidden, type FormState } from "../../html";

/**
 * A form's one-time key as a hidden field: the key it was sent with when it is re-rendered, else a fresh one for this
 * view of the form. Sent twice (a double click), the form stores one record.
 */
export function oneTimeKeyField(state: FormState) {
  const sent = [state.values.idempotencyKey ?? ""].flat()[0];
  return hidden("idempotencyKey", v.is(idempotencyKey, sent) ? sent : crypto.randomUUID());
}
