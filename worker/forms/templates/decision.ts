import { choices, textarea, type FormState } from "../../html";
import { html } from "hono/html";

export type DecisionOption = { decision: string; label: string };

/** The decisions open now, worded as the seed prints them; a form may also be saved without one where that is allowed. */
export function decisionChoices(decisions: DecisionOption[], state: FormState, options: { legend: string; optional?: boolean }) {
  const offered = decisions.map((d) => ({ value: d.decision, label: d.label }));
  return html`${choices({
    name: "decision",
    kind: "radio",
    label: options.legend,
    options: options.optional ? [...offered, { value: "", label: "No decision now" }] : offered,
    state,
  })}${textarea({ name: "reason", label: "Reason for the decision (optional)", rows: 2, state })}`;
}
