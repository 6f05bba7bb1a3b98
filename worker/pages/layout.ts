import type { HonoRequest } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { FieldError } from "../http/errors";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** A page in the GOV.UK pattern: the title says "Error: " first when the form on it has errors. */
export function page({ title, errors = [], body }: { title: string; errors?: FieldError[]; body: Html }) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${errors.length ? "Error: " : ""}${title} – Stepwise</title>
  <link rel="stylesheet" href="/css/stepwise.css">
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="header"><div class="header__inner"><a href="/">Stepwise</a></div></header>
  <main id="main" class="width-container">
    ${errorSummary(errors)}
    ${body}
  </main>
  <footer class="footer"><div class="width-container">Stepwise</div></footer>
</body>
</html>`;
}

function errorSummary(errors: FieldError[]) {
  if (!errors.length) return "";
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">There is a problem</h2>
  <ul>${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

type FieldOptions = { name: string; label: string; hint?: string; value?: string; type?: string; autocomplete?: string; errors: FieldError[] };

/** A labelled input with its hint and error, joined by aria-describedby. */
export function textField({ name, label, hint, value = "", type = "text", autocomplete, errors }: FieldOptions) {
  const error = errors.find((e) => e.field === name);
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="form-group${error ? " form-group--error" : ""}">
  <label class="label" for="${name}">${label}</label>
  ${hint ? html`<div id="${name}-hint" class="hint">${hint}</div>` : ""}
  ${error ? html`<p id="${name}-error" class="error-message"><span class="visually-hidden">Error:</span> ${error.message}</p>` : ""}
  <input class="input${error ? " input--error" : ""}" id="${name}" name="${name}" type="${type}" value="${value}"${autocomplete ? html` autocomplete="${autocomplete}"` : ""}${describedBy ? html` aria-describedby="${describedBy}"` : ""}>
</div>`;
}

export function textArea({ name, label, hint, value = "", errors }: Omit<FieldOptions, "type" | "autocomplete">) {
  const error = errors.find((e) => e.field === name);
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="form-group${error ? " form-group--error" : ""}">
  <label class="label" for="${name}">${label}</label>
  ${hint ? html`<div id="${name}-hint" class="hint">${hint}</div>` : ""}
  ${error ? html`<p id="${name}-error" class="error-message"><span class="visually-hidden">Error:</span> ${error.message}</p>` : ""}
  <textarea class="textarea${error ? " input--error" : ""}" id="${name}" name="${name}" rows="5"${describedBy ? html` aria-describedby="${describedBy}"` : ""}>${value}</textarea>
</div>`;
}

/** Form fields as strings (a body that is not a form reads as no fields, and fails validation by name). */
export async function formFields(request: HonoRequest): Promise<Record<string, string>> {
  const body = await request.parseBody();
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
