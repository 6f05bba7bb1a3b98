import * as v from "valibot";

/**
 * Field rules shared by the API, the server-rendered forms and the browser (client/forms.ts bundles this file):
 * valibot only, so a page checks exactly what the server will check.
 */

export const requiredText = (max: number, what: string) =>
  v.pipe(v.string(`Enter ${what}`), v.trim(), v.minLength(1, `Enter ${what}`), v.maxLength(max, `${what} must be ${max} characters or fewer`));

export const optionalText = (max: number, what: string) =>
  v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, `${what} must be ${max} characters or fewer`))));

/** 2026-02-30 parses as 2 March: a real date reads back as itself. A malformed one is not real (and must not throw). */
export function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused). */
export const calendarDate = (what: string) =>
  v.pipe(
    v.string(`Enter ${what} as a date`),
    v.isoDate(`${what} must be a real date, YYYY-MM-DD`),
    v.check(isRealDate, `${what} must be a real date`),
  );

export const optionalDate = (what: string) => v.optional(v.nullable(calendarDate(what)));
