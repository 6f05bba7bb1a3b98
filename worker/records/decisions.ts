import type { PreparedForm } from "../pupil-case/forms";

/** The decision a form carries, if it carries one (the input shape makes a decision name its version). */
export function decisionOf(input: { decision?: string | undefined; expectedVersion?: number | undefined; reason?: string | null | undefined }): PreparedForm["decision"] {
  if (input.decision === undefined || input.expectedVersion === undefined) return null;
  return { move: input.decision, expectedVersion: input.expectedVersion, reason: input.reason ?? null };
}

export const invalidReference = (field: string, message: string) => ({ ok: false, refusal: { code: "invalid_reference", message, field } }) as const;
