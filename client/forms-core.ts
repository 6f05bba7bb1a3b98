import type { FormDefinition } from "../schema/staff-forms/form-definition";
import { checkForm, type FormError } from "../worker/forms/shared/check-form";
import type { RawFields } from "../worker/forms/shared/read-fields";
import { errorId, errorMessageMarkup, errorSummaryMarkup } from "../worker/html/error-markup";

/**
 * The forms, better with JavaScript: the same valibot rules the server applies are checked before sending, and the
 * errors are shown the way the server shows them (an error summary linked to the fields, "Error: " in the title).
 * Without this script every form still works: the server checks and re-renders.
 */

function fieldsOf(form: HTMLFormElement): RawFields {
  const fields: RawFields = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string") continue;
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : [earlier, value].flat();
  }
  return fields;
}

function clearErrors(form: HTMLFormElement) {
  document.querySelector("[data-error-summary]")?.remove();
  form.querySelectorAll(".error-message").forEach((message) => message.remove());
  form.querySelectorAll(".form-group--error").forEach((group) => group.classList.remove("form-group--error"));
  form.querySelectorAll(".input--error").forEach((input) => input.classList.remove("input--error"));
  form.querySelectorAll("[aria-describedby]").forEach((element) => {
    const ids = element
      .getAttribute("aria-describedby")!
      .split(" ")
      .filter((id) => !id.endsWith("-error"));
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  });
  document.title = document.title.replace(/^Error: /, "");
}

function showError(error: FormError) {
  const field = document.getElementById(error.field);
  const group = field?.closest(".form-group");
  if (!field || !group) return;
  const name = error.field.replace(/\.day$/, "");
  group.classList.add("form-group--error");
  group.querySelectorAll("input:not([type=checkbox]):not([type=radio]), select, textarea").forEach((input) => input.classList.add("input--error"));
  group.querySelector(".date-input, .checkboxes, .radios, input, select, textarea")?.insertAdjacentHTML("beforebegin", errorMessageMarkup(name, error.message));
  const described = group.querySelector("fieldset") ?? field;
  described.setAttribute("aria-describedby", [described.getAttribute("aria-describedby"), errorId(name)].filter(Boolean).join(" "));
}

function showSummary(errors: FormError[]) {
  document.querySelector("main")?.insertAdjacentHTML("afterbegin", errorSummaryMarkup(errors));
  document.title = `Error: ${document.title}`;
  document.querySelector<HTMLElement>("[data-error-summary]")?.focus();
}

/** Checks every <form data-form="name"> against its definition before it is sent. */
export function enhanceForms(definitions: Record<string, FormDefinition>) {
  document.addEventListener("submit", (event) => onSubmit(event, definitions));
  document.addEventListener("DOMContentLoaded", onLoad);
}

function onSubmit(event: SubmitEvent, definitions: Record<string, FormDefinition>) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.form) return;
  const definition = definitions[form.dataset.form];
  if (!definition) return;
  const checked = checkForm(definition, fieldsOf(form));
  clearErrors(form);
  if (!checked.ok) {
    event.preventDefault();
    checked.errors.forEach(showError);
    showSummary(checked.errors);
    return;
  }
  // A second click while the first is on its way sends nothing more (the server would make one concern anyway).
  if (form.dataset.sending) event.preventDefault();
  form.dataset.sending = "true";
  setTimeout(() => delete form.dataset.sending, 3000);
}

function onLoad() {
  document.querySelectorAll<HTMLElement>("[data-print]").forEach((row) => {
    row.hidden = false;
    row.querySelector("button")?.addEventListener("click", () => window.print());
  });
  document.querySelector<HTMLElement>("[data-error-summary]")?.focus();
  const origin = document.body.dataset.embedOrigin;
  if (!origin || window.parent === window) return;
  // Inside a school's website: tell that page (and only that origin) how tall this page is, whenever it changes.
  const report = () => window.parent.postMessage({ type: "stepwise:height", height: Math.ceil(document.body.getBoundingClientRect().height) }, origin);
  new ResizeObserver(report).observe(document.body);
  report();
}
