import type { Cell, Column } from "./table";

/**
 * A spreadsheet would run a cell that starts with = + - @ or a control character as a formula (CSV injection, OWASP):
 * such text is prefixed with an apostrophe. Numbers are written as numbers.
 */
function guarded(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, and quotes inside are doubled. A semicolon is quoted
 * too: a spreadsheet whose list separator is ";" would otherwise split the cell there and could run what follows.
 */
function field(value: Cell): string {
  const text = guarded(value);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<Row extends Record<string, unknown>>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => field(column.label))];
  for (const row of rows) lines.push(columns.map((column) => field(row[column.key] as Cell)));
  return lines.map((line) => line.join(",")).join("\r\n") + "\r\n";
}
