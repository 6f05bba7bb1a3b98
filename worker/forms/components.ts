import { html } from "hono/html";
import type { FormError } from "./shared/check-form";
import type { RawFields } from "./shared/read-fields";

/**
 * GOV.UK Design System form patterns as hono/html templates: every value is escaped by the template tag.
 * A field's name is its input path and its id; hint and error ids join aria-describedby.
 */

export type Html = ReturnType<typeof html>;
export type FormState = { values: RawFields; errors: FormError[] };
export const emptyForm = (values: RawFields = {}): FormState => ({ values, errors: [] });

const valueOf = (state: FormState, name: string) => [state.values[name] ?? ""].flat().at(-1) ?? "";
const errorOf = (state: FormState, name: string) => state.errors.find((error) => error.field === name)?.message;
function describedBy(...ids: (string | false | undefined)[]) {
  const joined = ids.filter(Boolean).join(" ");
  return joined ? html` aria-describedby="${joined}"` : "";
}

type Field = { name: string; label: string; hint?: string; state: FormState };

function errorMessage(id: string, message: string | undefined): Html | undefined {
  return message ? html`<p id="${id}-error" class="error-message">${message}</p>` : undefined;
}

function hintOf(id: string, hint: string | undefined) {
  return hint ? html`<div id="${id}-hint" class="hint">${hint}</div>` : undefined;
}

export function errorSummary(errors: FormError[]): Html | undefined {
  if (errors.length === 0) return undefined;
  return html`<div class="error-summary" data-error-summary tabindex="-1">
  <h2 id="error-summary-title">There is a problem</h2>
  <ul aria-labelledby="error-summary-title">${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}</ul>
</div>`;
}

export function textInput(field: Field & { type?: "text" | "email" | "tel"; autocomplete?: string; width?: string; spellcheck?: boolean }): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  return html`<div class="form-group${error ? " form-group--error" : ""}">
  <label class="label" for="${name}">${field.label}</label>${hintOf(name, field.hint)}${errorMessage(name, error)}
  <input class="${error ? "input--error " : ""}${field.width ?? ""}" id="${name}" name="${name}" type="${field.type ?? "text"}" value="${valueOf(state, name)}"${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ""}${field.spellcheck === false ? html` spellcheck="false"` : ""}${describedBy(field.hint && `${name}-hint`, error && `${name}-error`)}>
</div>`;
}

export function textarea(field: Field & { rows?: number }): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  return html`<div class="form-group${error ? " form-group--error" : ""}">
  <label class="label" for="${name}">${field.label}</label>${hintOf(name, field.hint)}${errorMessage(name, error)}
  <textarea class="${error ? "input--error" : ""}" id="${name}" name="${name}" rows="${field.rows ?? 5}"${describedBy(field.hint && `${name}-hint`, error && `${name}-error`)}>${valueOf(state, name)}</textarea>
</div>`;
}

/** Day, month and year as three inputs in a fieldset; an error links to the day. */
export function dateInput(field: Field & { autocompleteBirthday?: boolean }): Html {
  const { name, state } = field;
  const error = errorOf(state, `${name}.day`);
  const part = (key: "day" | "month" | "year", label: string, width: string, autocomplete: string) =>
    html`<div><label class="label" for="${name}.${key}">${label}</label><input class="${width}${error ? " input--error" : ""}" id="${name}.${key}" name="${name}.${key}" type="text" inputmode="numeric" value="${valueOf(state, `${name}.${key}`)}"${field.autocompleteBirthday ? html` autocomplete="${autocomplete}"` : ""}></div>`;
  return html`<div class="form-group${error ? " form-group--error" : ""}">
  <fieldset role="group"${describedBy(`${name}-hint`, error && `${name}-error`)}>
    <legend>${field.label}</legend>
    <div id="${name}-hint" class="hint">${field.hint ?? "For example, 27 3 2017"}</div>${errorMessage(name, error)}
    <div class="date-input">${part("day", "Day", "input--width-2", "bday-day")}${part("month", "Month", "input--width-2", "bday-month")}${part("year", "Year", "input--width-4", "bday-year")}</div>
  </fieldset>
</div>`;
}

export function select(field: Field & { options: readonly { value: string; label: string }[] }): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  const chosen = valueOf(state, name);
  return html`<div class="form-group${error ? " form-group--error" : ""}">
  <label class="label" for="${name}">${field.label}</label>${hintOf(name, field.hint)}${errorMessage(name, error)}
  <select class="${error ? "input--error" : ""}" id="${name}" name="${name}"${describedBy(field.hint && `${name}-hint`, error && `${name}-error`)}>
    <option value="">Select</option>${field.options.map((option) => html`<option value="${option.value}"${option.value === chosen ? " selected" : ""}>${option.label}</option>`)}
  </select>
</div>`;
}

/** Checkboxes or radios in a fieldset; the first box's id is the field's, so an error can link to it. */
export function choices(field: Field & { kind: "checkbox" | "radio"; options: readonly { value: string; label: string; hint?: string }[] }): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  const chosen = [state.values[name] ?? []].flat();
  const item = field.kind === "checkbox" ? "checkboxes__item" : "radios__item";
  return html`<div class="form-group${error ? " form-group--error" : ""}">
  <fieldset${describedBy(field.hint && `${name}-hint`, error && `${name}-error`)}>
    <legend>${field.label}</legend>${hintOf(name, field.hint)}${errorMessage(name, error)}
    ${field.options.map((option, index) => {
      const id = index === 0 ? name : `${name}-${index + 1}`;
      return html`<div class="${item}"><input id="${id}" name="${name}" type="${field.kind}" value="${option.value}"${chosen.includes(option.value) ? " checked" : ""}${option.hint ? html` aria-describedby="${id}-hint"` : ""}><label for="${id}">${option.label}${option.hint ? html`<span id="${id}-hint" class="hint">${option.hint}</span>` : ""}</label></div>`;
    })}
  </fieldset>
</div>`;
}

export const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
