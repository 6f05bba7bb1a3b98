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

/**
 * The years any date Stepwise takes may fall in. Not what a date means (a meeting is not held in 1901; the dates of
 * record have their own bounds on top): a floor and a ceiling so no typed date reaches a deadline in year 10000,
 * which sorts before every real date and stops the scheduled run (issue 16).
 */
export const dateYears = { earliest: 1900, latest: 2100 } as const;

export function isInDateYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= dateYears.earliest && year <= dateYears.latest;
}

/** The one check of a typed date: YYYY-MM-DD, a day the calendar has, in the years Stepwise takes. */
export const realDate = (messages: { missing: string; notReal: string; outOfRange: string }) =>
  v.pipe(v.string(messages.missing), v.isoDate(messages.notReal), v.check(isRealDate, messages.notReal), v.check(isInDateYears, messages.outOfRange));

const yearsInWords = `between ${dateYears.earliest} and ${dateYears.latest}`;

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused), in a year from 1900 to 2100. */
export const calendarDate = (what: string) =>
  realDate({ missing: `Enter ${what} as a date`, notReal: `${what} must be a real date, YYYY-MM-DD`, outOfRange: `${what} must be in a year ${yearsInWords}` });

/** The same for a date typed as day, month and year; `what` reads inside a sentence ("your child's date of birth"). */
export const dayMonthYear = (what: string) => {
  const capitalised = what.charAt(0).toUpperCase() + what.slice(1);
  return realDate({ missing: `Enter ${what}`, notReal: `${capitalised} must be a real date`, outOfRange: `${capitalised} must be in a year ${yearsInWords}` });
};

export const optionalDate = (what: string) => v.optional(v.nullable(calendarDate(what)));
