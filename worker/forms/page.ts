import { html } from "hono/html";
import { errorSummary, type FormState, type Html } from "./components";

export type PageOptions = {
  title: string;
  /** Errors give the title its "Error: " prefix and put the error summary first in <main>. */
  form?: FormState;
  /** Inside a school's website: no header or footer, and the frame tells this origin its height. */
  embedOrigin?: string | null;
  /** Staff pages name who is signed in; print views load the print layout. */
  headerNav?: Html;
  print?: boolean;
  /** Each page loads only its own forms' rules (client/staff/ for staff pages), so every page stays small; none without a form. */
  script?: "forms" | `staff/${"concern" | "plan" | "review" | "parent-views" | "assessment-request" | "drs-referral" | "print"}` | null;
};

/** The one page layout: skip link, header, main, footer, the stylesheet and the forms script (no third party). */
export function page(options: PageOptions, body: Html): Html {
  const errors = options.form?.errors ?? [];
  const title = `${errors.length ? "Error: " : ""}${options.title} - Stepwise`;
  const embedded = Boolean(options.embedOrigin);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/css/stepwise.css">
${options.script === null ? "" : html`<script src="/js/${options.script ?? "forms"}.js" defer></script>`}
</head>
<body${embedded ? html` class="embedded" data-embed-origin="${options.embedOrigin}"` : ""}${options.print ? html` class="print-view"` : ""}>
${embedded ? "" : html`<a class="skip-link" href="#main">Skip to main content</a>
<header class="header"><div class="header__inner"><a href="/">Stepwise</a>${options.headerNav}</div></header>`}
<main id="main" class="width-container">
${errorSummary(errors)}${body}
</main>
${embedded ? "" : html`<footer class="footer"><div class="width-container">Stepwise</div></footer>`}
</body>
</html>`;
}
