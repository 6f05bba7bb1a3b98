import type { Cell, Table } from "../dashboards/table";
import type { HonoRequest } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { postedFields } from "../forms/http";
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

/** Form fields as strings, the first of any repeated one; a body that is not a form is a 400. */
export async function formFields(request: HonoRequest): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await postedFields(request)).map(([name, value]) => [name, [value].flat()[0] ?? ""]));
}

/* The dashboards' staff pages (issue 6). */

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Every staff page: GOV.UK-style header, skip link, one main landmark, and the base stylesheet (no third-party request). */
export function layout(title: string, body: Content, nav: { href: string; label: string }[] = [], wide = false) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} - Stepwise</title>
  <link rel="stylesheet" href="/css/stepwise.css">
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="header"><div class="header__inner"><a href="/">Stepwise</a>
    ${nav.length ? html`<nav aria-label="Dashboard">${nav.map((item) => html` <a href="${item.href}">${item.label}</a>`)}</nav>` : ""}
  </div></header>
  <main id="main" class="width-container${wide ? " width-container--wide" : ""}">
${body}
  </main>
  <footer class="footer"><div class="width-container">Stepwise</div></footer>
</body>
</html>`;
}

export type TableView<Row> = {
  table: Table<Row>;
  /** A link from a cell to what lies behind it (a drill-down), or null. */
  linkFor?: (row: Row, key: string) => string | null;
  csvHref?: string;
  nextHref?: string | null;
  caption?: string;
  /** Many columns: the table scrolls sideways in its own region, which takes keyboard focus (WCAG 2.1.1). */
  wide?: boolean;
};

/** A dashboard table with its caption, CSV export and next-page links; figures right-aligned. */
export function tableView<Row extends Record<string, unknown>>(view: TableView<Row>) {
  const { table } = view;
  const cell = (row: Row, key: string) => {
    const value = row[key] as Cell;
    const text = value === null ? "" : String(value);
    const href = view.linkFor?.(row, key);
    return href && text ? html`<a href="${href}">${text}</a>` : text;
  };
  const block = view.wide
    ? html`<div class="table-block table--wide" role="region" aria-label="${view.caption ?? table.title}" tabindex="0">`
    : html`<div class="table-block">`;
  return html`${block}<table>
  <caption>${view.caption ?? table.title}</caption>
  <thead><tr>${table.columns.map((column) => html`<th scope="col"${column.numeric ? html` class="numeric"` : ""}>${column.label}</th>`)}</tr></thead>
  <tbody>
  ${table.rows.length
    ? table.rows.map(
        (row) => html`<tr>${table.columns.map((column, i) =>
          i === 0
            ? html`<th scope="row">${cell(row, column.key)}</th>`
            : html`<td${column.numeric ? html` class="numeric"` : ""}>${cell(row, column.key)}</td>`,
        )}</tr>`,
      )
    : html`<tr><td colspan="${table.columns.length}">None</td></tr>`}
  </tbody>
</table>
<p>${view.csvHref ? html`<a href="${view.csvHref}" download>Download “${table.title}” as CSV</a>` : ""}${view.nextHref ? html` · <a href="${view.nextHref}">Next page of ${table.title.toLowerCase()}</a>` : ""}</p></div>`;
}

/** A chart and the table of its figures, side by side: the table is the chart's text alternative. */
export function figure(chart: Content, table: Content) {
  return html`<div class="figure">${chart}${table}</div>`;
}

export function errorPage(status: number, message: string) {
  const titles: Record<number, string> = { 401: "Sign in to continue", 403: "You cannot see this page", 404: "Page not found" };
  const title = titles[status] ?? "Sorry, there is a problem";
  return layout(title, html`<h1>${title}</h1><p>${message}</p>${status === 401 ? html`<p><a href="/staff/sign-in">Sign in</a></p>` : ""}`);
}

/** The same table without one of its columns: a school's own page need not repeat the school on every row. */
export function without<Row>(table: Table<Row>, key: string): Table<Row> {
  return { ...table, columns: table.columns.filter((column) => column.key !== key) };
}
