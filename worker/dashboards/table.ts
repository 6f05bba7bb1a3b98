import * as v from "valibot";
import { ApiError } from "../http/errors";

/** One cell of a dashboard table: what the page shows, the CSV holds and the JSON carries. */
export type Cell = string | number | null;
export type Column<Row> = { key: keyof Row & string; label: string; numeric?: boolean };

/** Every dashboard figure is a table: the page draws it, the API returns it, the CSV export writes it. */
export type Table<Row> = { title: string; columns: Column<Row>[]; rows: Row[]; next: string | null };

/** Pages are small for people; an export may ask for a larger page, still bounded. */
export const pageQuery = v.object({
  after: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(1000))),
  format: v.optional(v.picklist(["json", "csv"])),
});
export type PageQuery = v.InferOutput<typeof pageQuery>;

export const defaultPageSize = 25;
export const pageSize = (query: PageQuery) => Math.min(query.limit ?? defaultPageSize, query.format === "csv" ? 1000 : 100);

/** An opaque keyset cursor: the sort values of the last row shown. */
export function encodeCursor(values: readonly string[]): string {
  return btoa(JSON.stringify(values));
}

export function decodeCursor(cursor: string | undefined, length: number): string[] | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === length && parsed.every((value) => typeof value === "string")) return parsed;
  throw new ApiError(400, "invalid_query", "The page cursor is not one Stepwise gave", [{ field: "after", message: "Unknown cursor" }]);
}

/** Keeps `limit` rows and says where the next page starts, from a query that asked for one row more. */
export function paged<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => string[]) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
