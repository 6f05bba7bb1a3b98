import { html } from "hono/html";
import { errorId, errorMessage, hintId, type FieldError, type Html } from "./error-summary";

/**
 * GOV.UK form components as hono/html templates: every value is escaped by the template tag. A field's name is its
 * input path and its id; the hint's and error's ids join aria-describedby, so a screen reader reads them with the field.
 */

/** What was typed (one value, or several for checkboxes) and the errors found in it. */
export type FormState = { values: Readonly<Record<string, string | string[] | undefined>>; errors: readonly FieldError[] };
export const emptyForm = (values: FormState["values"] = {}): FormState => ({ values, errors: [] });
export const withErrors = (values: FormState["values"], errors: readonly FieldError[]): FormState => ({ values, errors });

export type Field = { name: string; label: string; hint?: string | undefined; state: FormState };
/** GOV.UK's fixed widths (characters) and fluid widths (of the column). */
export type InputWidth = "2" | "3" | "4" | "5" | "10" | "20" | "30" | "full" | "three-quarters" | "two-thirds" | "one-half" | "one-third";
export type Option = { value: string; label: string; hint?: string | undefined };

export const valueOf = (state: FormState, name: string) => [state.values[name] ?? ""].flat().at(-1) ?? "";
export const errorOf = (state: FormState, name: string) => state.errors.find((error) => error.field === name)?.message;

function describedBy(...ids: (string | false | undefined)[]) {
  const joined = ids.filter(Boolean).join(" ");
  return joined ? html` aria-describedby="${joined}"` : "";
}
const hintOf = (id: string, hint: string | undefined) => (hint ? html`<div id="${hintId(id)}" class="hint">${hint}</div>` : "");
const group = (error: string | undefined, content: Html) => html`<div class="form-group${error ? " form-group--error" : ""}">${content}</div>`;
/** Inputs are styled by element (the pages stay small); a class only for a width or an error. */
const classes = (...names: (string | false | undefined)[]) => {
  const joined = names.filter(Boolean).join(" ");
  return joined ? html` class="${joined}"` : "";
};
const label = (name: string, text: string) => html`<label class="label" for="${name}">${text}</label>`;

/** A text, email, telephone, number or password input (GOV.UK's number input is text with inputmode="numeric"). */
export function textInput(
  field: Field & { type?: "text" | "email" | "tel" | "number" | "password"; autocomplete?: string; width?: InputWidth; spellcheck?: boolean },
): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  const numeric = field.type === "number";
  const input = html`<input${classes(field.width && `input--width-${field.width}`, error && "input--error")} id="${name}" name="${name}" type="${numeric ? "text" : (field.type ?? "text")}"${numeric ? html` inputmode="numeric"` : ""} value="${field.type === "password" ? "" : valueOf(state, name)}"${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ""}${field.spellcheck === false || field.type === "email" ? html` spellcheck="false"` : ""}${describedBy(field.hint && hintId(name), error && errorId(name))}>`;
  return group(error, html`${label(name, field.label)}${hintOf(name, field.hint)}${errorMessage(name, error)}${input}`);
}

export function textarea(field: Field & { rows?: number }): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  return group(
    error,
    html`${label(name, field.label)}${hintOf(name, field.hint)}${errorMessage(name, error)}<textarea${classes(error && "textarea--error")} id="${name}" name="${name}" rows="${field.rows ?? 5}"${describedBy(field.hint && hintId(name), error && errorId(name))}>${valueOf(state, name)}</textarea>`,
  );
}

/** Day, month and year as three narrow inputs in a fieldset; the error is the field's, linked from the summary to the day. */
export function dateInput(field: Field & { autocompleteBirthday?: boolean }): Html {
  const { name, state } = field;
  const error = errorOf(state, `${name}.day`) ?? errorOf(state, name);
  const part = (key: "day" | "month" | "year", text: string, width: InputWidth) =>
    html`<div><label class="label" for="${name}.${key}">${text}</label><input${classes(`input--width-${width}`, error && "input--error")} id="${name}.${key}" name="${name}.${key}" type="text" inputmode="numeric" value="${valueOf(state, `${name}.${key}`)}"${field.autocompleteBirthday ? html` autocomplete="bday-${key}"` : ""}></div>`;
  return group(
    error,
    html`<fieldset class="fieldset" role="group"${describedBy(hintId(name), error && errorId(name))}>
<legend class="fieldset__legend">${field.label}</legend>
<div id="${hintId(name)}" class="hint">${field.hint ?? "For example, 27 3 2017"}</div>${errorMessage(name, error)}
<div class="date-input" id="${name}">${part("day", "Day", "2")}${part("month", "Month", "2")}${part("year", "Year", "4")}</div>
</fieldset>`,
  );
}

export function select(field: Field & { options: readonly Option[]; placeholder?: string }): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  const chosen = valueOf(state, name);
  return group(
    error,
    html`${label(name, field.label)}${hintOf(name, field.hint)}${errorMessage(name, error)}<select${classes(error && "select--error")} id="${name}" name="${name}"${describedBy(field.hint && hintId(name), error && errorId(name))}>
<option value="">${field.placeholder ?? "Select"}</option>${field.options.map((option) => html`<option value="${option.value}"${option.value === chosen ? " selected" : ""}>${option.label}</option>`)}
</select>`,
  );
}

/** Radios or checkboxes in a fieldset with its legend; the first item's id is the field's, so an error can link to it. */
export function choices(field: Field & { kind: "checkbox" | "radio"; options: readonly Option[]; legendSize?: "l" | "m" }): Html {
  const { name, state } = field;
  const error = errorOf(state, name);
  const chosen = [state.values[name] ?? []].flat();
  const item = field.kind === "checkbox" ? "checkboxes" : "radios";
  return group(
    error,
    html`<fieldset class="fieldset"${describedBy(field.hint && hintId(name), error && errorId(name))}>
<legend class="fieldset__legend${field.legendSize ? ` legend--${field.legendSize}` : ""}">${field.label}</legend>${hintOf(name, field.hint)}${errorMessage(name, error)}
<div class="${item}">${field.options.map((option, index) => {
      const id = index === 0 ? name : `${name}-${index + 1}`;
      return html`<div class="${item}__item"><input id="${id}" name="${name}" type="${field.kind}" value="${option.value}"${chosen.includes(option.value) ? " checked" : ""}${option.hint ? html` aria-describedby="${hintId(id)}"` : ""}><label for="${id}">${option.label}</label>${option.hint ? html`<div id="${hintId(id)}" class="hint ${item}__hint">${option.hint}</div>` : ""}</div>`;
    })}</div>
</fieldset>`,
  );
}

export const radios = (field: Field & { options: readonly Option[]; legendSize?: "l" | "m" }) => choices({ ...field, kind: "radio" });
export const checkboxes = (field: Field & { options: readonly Option[]; legendSize?: "l" | "m" }) => choices({ ...field, kind: "checkbox" });

export const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
