import { html } from "hono/html";
import { dayInWords } from "../calendar/day-words";
import type { Cell, Table } from "../dashboards/table";
import { page, pagination, table as drawTable, type Html } from "../html";

export type TableView<Row> = {
  table: Table<Row>;
  /** A link from a cell to what lies behind it (a drill-down), or null. */
  linkFor?: (row: Row, key: string) => string | null;
  csvHref?: string;
  nextHref?: string | null;
  previousHref?: string | null;
  caption?: string;
  /** Many columns: the table scrolls sideways in its own region. */
  wide?: boolean;
};

/** The tables carry dates as YYYY-MM-DD for their CSV and JSON; people read them as "14 June 2026". */
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A dashboard's table drawn with the kit's table, with its CSV export and the pages either side; figures right-aligned. */
export function tableView<Row extends Record<string, unknown>>(view: TableView<Row>): Html {
  const { table } = view;
  const cell = (row: Row, key: string) => {
    const value = row[key] as Cell;
    const text = value === null ? "" : isoDate.test(String(value)) ? dayInWords(String(value)) : String(value);
    const href = view.linkFor?.(row, key);
    return href && text ? html`<a href="${href}">${text}</a>` : text;
  };
  const caption = view.caption ?? table.title;
  return html`<div class="table-block">${drawTable({
    caption,
    columns: table.columns,
    rows: table.rows.map((row) => table.columns.map((column) => cell(row, column.key))),
    wide: view.wide ?? false,
  })}${view.csvHref ? html`<p><a href="${view.csvHref}" download>Download “${table.title}” as CSV</a></p>` : ""}${pagination({
    previous: view.previousHref ? { href: view.previousHref, label: table.title } : null,
    next: view.nextHref ? { href: view.nextHref, label: table.title } : null,
    label: `Pages of ${table.title.toLowerCase()}`,
  })}</div>`;
}

/** A chart and the table of its figures, side by side: the table is the chart's text alternative. */
export function figure(chart: Html, table: Html): Html {
  return html`<div class="figure">${chart}${table}</div>`;
}

/** The same table without one of its columns: a school's own page need not repeat the school on every row. */
export function without<Row>(table: Table<Row>, key: string): Table<Row> {
  return { ...table, columns: table.columns.filter((column) => column.key !== key) };
}

/** The pages of one place (a school, the LA), as a list of links under its heading. */
export function sectionNav(label: string, links: readonly { href: string; label: string }[]): Html {
  return html`<nav class="section-nav" aria-label="${label}"><ul>${links.map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}</ul></nav>`;
}

/** A dashboard page: the kit's page without a script, the place's own pages linked first. */
export function dashboardPage(title: string, body: Html, nav: readonly { href: string; label: string }[] = [], wide = false): Html {
  return page({ title, script: null, wide }, nav.length ? html`${sectionNav("Pages of this dashboard", nav)}${body}` : body);
}
