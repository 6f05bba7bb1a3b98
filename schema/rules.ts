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

/**
 * The DfE unique pupil number ("A guide to the unique pupil number"): a check letter, then the LA number (3 digits), the
 * school's DfE establishment number (4), the year of allocation (2) and a serial (3). A temporary UPN ends in a letter in
 * place of the serial's last digit. The check letter is the weighted sum of the other twelve characters modulo 23, in the
 * guide's 23 letters (no I, O or S); python-stdnum's gb.upn computes it the same way.
 */
const letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

const valueOf = (character: string) => (/\d/.test(character) ? Number(character) : letters.indexOf(character));

/** The check letter for the twelve characters after it (weights 2 to 13). */
export function upnCheckLetter(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < twelve.length; i++) sum += (i + 2) * valueOf(twelve[i]!);
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
  v.check((value) => upnCheckLetter(value.slice(1)) === value[0], "The unique pupil number's first letter does not match the rest: check it was typed correctly"),
);
