import { asc, desc, sql, type AnyColumn } from "drizzle-orm";
import * as v from "valibot";
import { ApiError } from "../http/errors";

/** One cell of a dashboard table: what the page shows, the CSV holds and the JSON carries. */
export type Cell = string | number | null;
export type Column<Row> = { key: keyof Row & string; label: string; numeric?: boolean };

/** Every dashboard figure is a table: the page draws it, the API returns it, the CSV export writes it. */
export type Table<Row> = { title: string; columns: Column<Row>[]; rows: Row[]; next: string | null; previous?: string | null };

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

export function decodeCursor(cursor: string | undefined, length: number, field = "after"): string[] | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === length && parsed.every((value) => typeof value === "string")) return parsed;
  const message = "The page link is not one Stepwise gave: go back to the first page";
  throw new ApiError(400, "invalid_query", message, [{ field, message }]);
}

/** Keeps `limit` rows and says where the next page starts, from a query that asked for one row more. */
export function paged<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => string[]) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** Where a page starts: after the last row of the page before it, or before the first row of the page after it. */
export type PageAt = { after?: string | undefined; before?: string | undefined };

/**
 * A keyset page either way along `keys` (the list's order, ending in a unique column): the condition and order to
 * query with (one row more than the page), and how to turn what came back into the page with its previous and next
 * cursors. Backwards, the query runs in reverse order and the page is turned round.
 */
export function keyset(keys: readonly AnyColumn[], at: PageAt, limit: number) {
  const backwards = at.before !== undefined;
  const cursor = backwards ? decodeCursor(at.before, keys.length, "before") : decodeCursor(at.after, keys.length, "after");
  const tuple = sql.join(
    keys.map((key) => sql`${key}`),
    sql`, `,
  );
  const values = cursor
    ? sql.join(
        cursor.map((value) => sql`${value}`),
        sql`, `,
      )
    : null;
  return {
    where: values ? (backwards ? sql`(${tuple}) < (${values})` : sql`(${tuple}) > (${values})`) : undefined,
    orderBy: keys.map((key) => (backwards ? desc(key) : asc(key))),
    limit: limit + 1,
    page<Row>(rows: Row[], cursorOf: (row: Row) => string[]): { rows: Row[]; next: string | null; previous: string | null } {
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      if (backwards) page.reverse();
      const first = page[0];
      const last = page.at(-1);
      const hasNext = backwards ? true : more;
      const hasPrevious = backwards ? more : cursor !== null;
      return {
        rows: page,
        next: hasNext && last ? encodeCursor(cursorOf(last)) : null,
        previous: hasPrevious && first ? encodeCursor(cursorOf(first)) : null,
      };
    },
  };
}

export type Keyset = ReturnType<typeof keyset>;
