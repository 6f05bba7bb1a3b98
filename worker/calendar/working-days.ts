import { addDays, addMonths, addWeeks, differenceInCalendarDays } from "date-fns";
import type { Region } from "../../schema/vocab";
import { firstCompiledYear, lastCompiledYear, publicHolidays } from "./holidays.generated";

/** Dates are calendar dates, 'YYYY-MM-DD', read and written in UTC so no time zone moves a deadline. */
export type IsoDate = string;
export type CalendarUnit = "days" | "weeks" | "months";
export type TimescaleUnit = CalendarUnit | "workingDays";

const holidaySets = new Map<Region, ReadonlySet<string>>(
  Object.entries(publicHolidays).map(([region, dates]) => [region as Region, new Set(dates)]),
);

function parse(date: IsoDate): Date {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return parsed;
}

const format = (date: Date): IsoDate => date.toISOString().slice(0, 10);

function assertCompiled(date: Date) {
  const year = date.getUTCFullYear();
  if (year < firstCompiledYear || year > lastCompiledYear) {
    throw new RangeError(`Public holidays are compiled for ${firstCompiledYear}-${lastCompiledYear}, not ${year}`);
  }
}

/** Not a weekend, not a public holiday of the region, not a day the LA closed its schools. */
export function isWorkingDay(date: IsoDate, region: Region, closures: ReadonlySet<string> = new Set()): boolean {
  const day = parse(date);
  assertCompiled(day);
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaySets.get(region)?.has(date) && !closures.has(date);
}

/** The date `n` working days after `start` (start itself not counted). */
export function addWorkingDays(start: IsoDate, n: number, region: Region, closures?: ReadonlySet<string>): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number from 0: ${n}`);
  let date = parse(start);
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (isWorkingDay(format(date), region, closures)) counted += 1;
  }
  return format(date);
}

/** Calendar arithmetic; months clamp to the end of a shorter month (31 Dec + 2 months = 28 or 29 Feb). */
export function addCalendarPeriod(start: IsoDate, amount: number, unit: CalendarUnit): IsoDate {
  const date = parse(start);
  const added = unit === "days" ? addDays(date, amount) : unit === "weeks" ? addWeeks(date, amount) : addMonths(date, amount);
  return format(added);
}

export function dueOn(
  startedOn: IsoDate,
  timescale: { amount: number; unit: TimescaleUnit },
  region: Region,
  closures?: ReadonlySet<string>,
): IsoDate {
  return timescale.unit === "workingDays"
    ? addWorkingDays(startedOn, timescale.amount, region, closures)
    : addCalendarPeriod(startedOn, timescale.amount, timescale.unit);
}

/** Calendar days from `from` to `to`: positive when `to` is later (days overdue, days left). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parse(to), parse(from));
}
