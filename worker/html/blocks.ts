import { html } from "hono/html";
import type { Html } from "./error-summary";

/** GOV.UK's content components: summary list, table, pagination, notification banner, button. */

type Content = Html | string | number | null | undefined;

/** Key and value rows, each optionally with an action link (GOV.UK summary list); rows given as null are left out. */
export function summaryList(
  rows: readonly ({ key: string; value: Content; action?: { href: string; label: string } } | null | false)[],
  options: { classes?: string } = {},
): Html {
  return html`<dl class="summary-list${options.classes ? ` ${options.classes}` : ""}">${rows.map((row) =>
    row
      ? html`<div class="summary-list__row"><dt class="summary-list__key">${row.key}</dt><dd class="summary-list__value">${row.value ?? ""}</dd>${row.action ? html`<dd class="summary-list__actions"><a href="${row.action.href}">${row.action.label}<span class="visually-hidden"> ${row.key.toLowerCase()}</span></a></dd>` : ""}</div>`
      : "",
  )}</dl>`;
}

export type Column = { label: string; numeric?: boolean };

/**
 * A table with its caption; the first cell of each row is its header. Wide tables scroll sideways in their own region,
 * which takes keyboard focus (WCAG 2.1.1).
 */
export function table(view: {
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column[];
  rows: readonly (readonly Content[])[];
  empty?: string;
  wide?: boolean;
  classes?: string;
}): Html {
  const numeric = (i: number) => (view.columns[i]?.numeric ? html` class="numeric"` : "");
  const body = view.rows.length
    ? view.rows.map(
        (row) =>
          html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row"${numeric(i)}>${cell ?? ""}</th>` : html`<td${numeric(i)}>${cell ?? ""}</td>`))}</tr>`,
      )
    : html`<tr><td colspan="${view.columns.length}">${view.empty ?? "None"}</td></tr>`;
  const drawn = html`<table class="table${view.classes ? ` ${view.classes}` : ""}">
<caption${view.captionHidden ? html` class="visually-hidden"` : ""}>${view.caption}</caption>
<thead><tr>${view.columns.map((column) => html`<th scope="col"${column.numeric ? html` class="numeric"` : ""}>${column.label}</th>`)}</tr></thead>
<tbody>${body}</tbody>
</table>`;
  return view.wide ? html`<div class="table--wide" role="region" aria-label="${view.caption}" tabindex="0">${drawn}</div>` : drawn;
}

/** Previous and next pages (GOV.UK pagination's block form); nothing when there is neither. */
export function pagination(links: {
  previous?: { href: string; label?: string } | null;
  next?: { href: string; label?: string } | null;
  label?: string;
}): Html | "" {
  if (!links.previous && !links.next) return "";
  return html`<nav class="pagination" aria-label="${links.label ?? "Pages"}">${links.previous ? html`<div class="pagination__prev"><a href="${links.previous.href}" rel="prev">Previous<span class="visually-hidden"> page</span></a>${links.previous.label ? html` <span class="pagination__label">${links.previous.label}</span>` : ""}</div>` : ""}${links.next ? html`<div class="pagination__next"><a href="${links.next.href}" rel="next">Next<span class="visually-hidden"> page</span></a>${links.next.label ? html` <span class="pagination__label">${links.next.label}</span>` : ""}</div>` : ""}</nav>`;
}

/**
 * A notification banner: "success" says what was saved (role=alert, as GOV.UK does after a post-redirect-get);
 * the neutral one says something the person should know (role=region).
 */
export function notificationBanner(banner: { heading: Content; body?: Content; success?: boolean; title?: string }): Html {
  const title = banner.title ?? (banner.success ? "Success" : "Important");
  return html`<div class="notification-banner${banner.success ? " notification-banner--success" : ""}" ${banner.success ? html`role="alert"` : html`role="region"`} aria-labelledby="notification-banner-title" data-module="notification-banner">
<div class="notification-banner__header"><h2 class="notification-banner__title" id="notification-banner-title">${title}</h2></div>
<div class="notification-banner__content"><p class="notification-banner__heading">${banner.heading}</p>${banner.body ?? ""}</div>
</div>`;
}

/** A button (submit unless said otherwise), or a link drawn as one. */
export function button(options: {
  text: string;
  variant?: "secondary" | "warning";
  href?: string;
  type?: "submit" | "button";
  name?: string;
  value?: string;
  preventDoubleClick?: boolean;
}): Html {
  const classes = `button${options.variant ? ` button--${options.variant}` : ""}`;
  if (options.href) return html`<a href="${options.href}" role="button" draggable="false" class="${classes}">${options.text}</a>`;
  return html`<button class="${classes}" type="${options.type ?? "submit"}"${options.name ? html` name="${options.name}" value="${options.value ?? ""}"` : ""}${options.preventDoubleClick ? html` data-prevent-double-click` : ""}>${options.text}</button>`;
}
