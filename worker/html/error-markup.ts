/**
 * The error summary's and a field's error message's markup as strings, GOV.UK's: one source for the server's pages
 * (worker/html/error-summary.ts) and the browser script (client/forms-core.ts), which must not carry a template library.
 */

export type FieldError = { field: string; message: string };

export const errorId = (id: string) => `${id}-error`;
export const hintId = (id: string) => `${id}-hint`;

const escaped: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeMarkup = (text: string) => text.replace(/[&<>"']/g, (character) => escaped[character]!);

/** First in <main>: each error links to its field; role=alert so it is announced, focused on load by the script. */
export function errorSummaryMarkup(errors: readonly FieldError[]): string {
  if (errors.length === 0) return "";
  const items = errors.map((error) => `<li><a href="#${escapeMarkup(error.field)}">${escapeMarkup(error.message)}</a></li>`).join("");
  return `<div class="error-summary" data-error-summary role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 class="error-summary__title" id="error-summary-title">There is a problem</h2>
<ul class="error-summary__list">${items}</ul>
</div>`;
}

/** A field's error, with the visually hidden "Error:" a screen reader says first. */
export function errorMessageMarkup(id: string, message: string | undefined): string {
  return message ? `<p id="${escapeMarkup(errorId(id))}" class="error-message"><span class="visually-hidden">Error:</span> ${escapeMarkup(message)}</p>` : "";
}
