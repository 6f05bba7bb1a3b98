import * as v from "valibot";

/**
 * Field rules shared by the API, the server-rendered forms and the browser (client/forms.ts bundles this file):
 * valibot only, so a page checks exactly what the server will check.
 */

export const requiredText = (max: number, what: string) =>
  v.pipe(v.string(`Enter ${what}`), v.trim(), v.minLength(1, `Enter ${what}`), v.maxLength(max, `${what} must be ${max} characters or fewer`));

export const optionalText = (max: number, what: string) =>
  v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, `${what} must be ${max} characters or fewer`))));

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Characters that reorder or hide what is shown (bidirectional overrides, embeddings and isolates, direction marks,
 * zero-width spaces, word joiners, byte-order marks): removed, so a name reads on every page and email as it is
 * stored. The zero-width joiner and non-joiner (U+200C, U+200D) stay: Persian, Hindi and emoji need them.
 */
const hiding = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Control characters (line breaks, NUL, escapes) and the Unicode line and paragraph separators. */
const controls = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** One line of text: what hides or reorders it removed, control characters refused naming the field. */
const oneLine = (what: string) =>
  [
    v.transform((text: string) => text.replace(hiding, "")),
    v.check((text: string) => !controls.test(text), `${capitalised(what)} must be one line of text, without line breaks or control characters`),
  ] as const;

/** A single-line field (a name, a position, a short answer): as requiredText, on one line. */
export const requiredLine = (max: number, what: string) =>
  v.pipe(
    v.string(`Enter ${what}`),
    ...oneLine(what),
    v.trim(),
    v.minLength(1, `Enter ${what}`),
    v.maxLength(max, `${capitalised(what)} must be ${max} characters or fewer`),
  );

export const optionalLine = (max: number, what: string) =>
  v.optional(v.nullable(v.pipe(v.string(), ...oneLine(what), v.trim(), v.maxLength(max, `${capitalised(what)} must be ${max} characters or fewer`))));

const localHosts = ["localhost", "127.0.0.1", "[::1]"];

/**
 * A web origin as a browser sends it: https (http only for a developer's own machine), a host, a port from 1 to
 * 65535 if any, and nothing after: exactly what URL reads back as the origin, so a stored value never widens a policy.
 */
export function isWebOrigin(value: string): boolean {
  if (!/^https?:\/\/[a-z0-9.:[\]-]+$/.test(value)) return false;
  try {
    const url = new URL(value);
    const port = url.port === "" ? null : Number(url.port);
    if (url.protocol === "http:" && !localHosts.includes(url.hostname)) return false;
    return url.origin === value && (port === null || (port >= 1 && port <= 65535)) && /[a-z0-9]/.test(url.hostname);
  } catch {
    return false;
  }
}

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

/** Today's date in the UK as YYYY-MM-DD: "in the future" is the future where the event was recorded. */
const ukDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
export function ukToday(now: Date = new Date()): string {
  const part = (type: string) => ukDay.formatToParts(now).find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The same day `years` later (or earlier): 29 February compares as it should against the days around it. */
export const yearsFrom = (day: string, years: number) => `${String(Number(day.slice(0, 4)) + years).padStart(4, "0")}${day.slice(4)}`;

/**
 * What a date may be, from what it means (issue 15): how many years before today it may be, and how many after.
 * A pupil is at most 25 (the SEND Code's 0 to 25), so nothing recorded of them happened more than 26 years ago.
 */
export const dateKinds = {
  /** Something that has happened: a meeting held, a request received, a decision made, a form signed. */
  happened: { yearsBefore: 26, yearsAfter: 0 },
  /** A date of birth: an age from 0 to 25 today. */
  birth: { yearsBefore: 26, yearsAfter: 0 },
  /** Something arranged ahead (a review, a start, an end): no more than a year from today. */
  planned: { yearsBefore: 26, yearsAfter: 1 },
  /** A move to another school: reviewed in the year before it (SEND Regulations 2014, reg 18), so within two years. */
  move: { yearsBefore: 26, yearsAfter: 2 },
  /** An LA's closure day: for the clocks running now and those of the next school years. */
  closure: { yearsBefore: 2, yearsAfter: 3 },
  /** A filter or a key to a stored day (the audit log's range, a closure day to remove): any day in the years Stepwise takes. */
  any: null,
} as const;
export type DateKind = keyof typeof dateKinds;

type TypedDate = ReturnType<typeof realDate>;

/** A real date held to its kind's bounds, shown in the OpenAPI document as words and as x-date-bounds. */
function withBounds(date: TypedDate, what: string, kind: DateKind) {
  const bounds = dateKinds[kind];
  if (!bounds) return date;
  const birth = kind === "birth";
  const tooLate = birth
    ? `${what} must give an age from 0 to 25`
    : bounds.yearsAfter === 0
      ? `${what} must be today or in the past`
      : `${what} must be no more than ${bounds.yearsAfter === 1 ? "a year" : `${bounds.yearsAfter} years`} from today`;
  const tooEarly = birth ? `${what} must give an age from 0 to 25` : `${what} must be no more than ${bounds.yearsBefore} years ago`;
  const inWords = birth
    ? "an age from 0 to 25 today"
    : `no more than ${bounds.yearsBefore} years ago and ${bounds.yearsAfter === 0 ? "today or earlier" : `no more than ${bounds.yearsAfter} years from today`}`;
  return v.pipe(
    date,
    v.check<string, string>((day) => day <= yearsFrom(ukToday(), bounds.yearsAfter), tooLate),
    // A birthday 26 years ago is an age of 26: the earliest birth is the day after.
    v.check<string, string>((day) => (birth ? day > yearsFrom(ukToday(), -bounds.yearsBefore) : day >= yearsFrom(ukToday(), -bounds.yearsBefore)), tooEarly),
    v.description<string, string>(`A date, YYYY-MM-DD: ${inWords}`),
    v.metadata<string, { "x-date-bounds": { kind: DateKind; yearsBeforeToday: number; yearsAfterToday: number } }>({
      "x-date-bounds": { kind, yearsBeforeToday: bounds.yearsBefore, yearsAfterToday: bounds.yearsAfter },
    }),
  );
}

/** "Date of review" is asked for inside a sentence: "Enter the date of review". */
const theDate = (what: string) => (/^the /i.test(what) ? `t${what.slice(1)}` : `the ${what.charAt(0).toLowerCase()}${what.slice(1)}`);

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused), in a year from 1900 to 2100, within its kind's bounds. */
export const calendarDate = (what: string, kind: DateKind) =>
  withBounds(
    realDate({
      missing: `Enter ${theDate(what)}`,
      notReal: `${what} must be a real date, YYYY-MM-DD`,
      outOfRange: `${what} must be in a year ${yearsInWords}`,
    }),
    what,
    kind,
  );

/** The same for a date typed as day, month and year; `what` reads inside a sentence ("your child's date of birth"). */
export const dayMonthYear = (what: string, kind: DateKind) =>
  withBounds(
    realDate({
      missing: `Enter ${what}`,
      notReal: `${capitalised(what)} must be a real date`,
      outOfRange: `${capitalised(what)} must be in a year ${yearsInWords}`,
    }),
    capitalised(what),
    kind,
  );

export const optionalDate = (what: string, kind: DateKind) => v.optional(v.nullable(calendarDate(what, kind)));

/**
 * The DfE unique pupil number ("A guide to the unique pupil number"): a check letter, then the LA number (3 digits), the
 * school's DfE establishment number (4), the year of allocation (2) and a serial (3). A temporary UPN ends in a letter in
 * place of the serial's last digit. The check letter is the weighted sum of the other twelve characters modulo 23, in the
 * guide's 23 letters (no I, O or S); python-stdnum's gb.upn computes it the same way.
 */
const letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

const characterValue = (character: string) => (/\d/.test(character) ? Number(character) : letters.indexOf(character));

/** The check letter for the twelve characters after it (weights 2 to 13). */
export function upnCheckLetter(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < twelve.length; i++) sum += (i + 2) * characterValue(twelve[i]!);
  return letters[sum % 23]!;
}

/** A UPN from its twelve characters after the check letter (the demo data and tests make theirs this way). */
export const withUpnCheckLetter = (twelve: string) => `${upnCheckLetter(twelve)}${twelve}`;

export const isTemporaryUpn = (upn: string) => /[A-Z]$/.test(upn);

export const upn = v.pipe(
  v.string("Enter the unique pupil number"),
  v.trim(),
  v.toUpperCase(),
  v.regex(
    new RegExp(`^[${letters}]\\d{11}[0-9${letters}]$`),
    "A unique pupil number is 13 characters: a letter, 11 digits, then a digit (or a letter for a temporary number)",
  ),
  v.check(
    (value) => upnCheckLetter(value.slice(1)) === value[0],
    "The unique pupil number's first letter does not match the rest: check it was typed correctly",
  ),
);

/** A one-time key (Idempotency-Key, or a form's hidden field): long enough to be unguessable when random. */
export const idempotencyKeyPattern = /^[A-Za-z0-9_-]{22,128}$/;
