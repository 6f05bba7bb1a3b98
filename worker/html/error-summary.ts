import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * The error summary and a field's error message, GOV.UK's markup. The server's pages and the browser script
 * (client/forms-core.ts) both draw errors with these, so a page checked in the browser looks as one checked on the server.
 */

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
export type FieldError = { field: string; message: string };

export const errorId = (id: string) => `${id}-error`;
export const hintId = (id: string) => `${id}-hint`;

/** First in <main>: each error links to its field; role=alert so it is announced, focused on load by the script. */
export function errorSummary(errors: readonly FieldError[]): Html | "" {
  if (errors.length === 0) return "";
  return html`<div class="error-summary" data-error-summary role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 class="error-summary__title" id="error-summary-title">There is a problem</h2>
<ul class="error-summary__list">${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}</ul>
</div>`;
}

/** A field's error, with the visually hidden "Error:" a screen reader says first. */
export function errorMessage(id: string, message: string | undefined): Html | "" {
  return message ? html`<p id="${errorId(id)}" class="error-message"><span class="visually-hidden">Error:</span> ${message}</p>` : "";
}
