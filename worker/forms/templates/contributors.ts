import { html } from "hono/html";
import { textInput, type FormState } from "../../html";

/** Seed 000 "Persons contributing": rows of name and position; blank rows are left out. */
export function contributorRows(state: FormState, options: { rows: number; legend: string; hint?: string; field?: string }) {
  const field = options.field ?? "contributors";
  return html`<fieldset class="contributors">
<legend class="legend--l"><h2>${options.legend}</h2></legend>${options.hint ? html`<p class="hint">${options.hint}</p>` : ""}
${Array.from(
  { length: options.rows },
  (_, index) => html`<div class="contributor-row">
${textInput({ name: `${field}.${index}.name`, label: `Name ${index + 1}`, state })}
${textInput({ name: `${field}.${index}.position`, label: `Position ${index + 1}`, state })}
</div>`,
)}
</fieldset>`;
}
