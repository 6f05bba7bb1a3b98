import type { Reference, Statement } from "../pupil-case/load";
import type { FormDecision } from "../workflow/decide";

/** The decision a form carries, if it carries one (the input shape makes a decision name its version). */
export function decisionOf(input: {
  decision?: string | undefined;
  expectedVersion?: number | undefined;
  reason?: string | null | undefined;
}): FormDecision | null {
  if (input.decision === undefined || input.expectedVersion === undefined) return null;
  return { move: input.decision, expectedVersion: input.expectedVersion, reason: input.reason ?? null };
}

/** A record the form names, which must be the pupil's or the school's: the field at fault is named if it is not. */
export const invalidReference = (exists: Statement, field: string, message: string): Reference => ({
  exists,
  refusal: { code: "invalid_reference", message, field },
});
