import { addDays, addMonths, addWeeks, differenceInCalendarDays } from "date-fns";
import type { Region } from "../../schema/vocab";
import { firstCompiledYear, lastCompiledYear, publicHolidays } from "./holidays.generated";

/** Dates are calendar dates, 'YYYY-MM-DD', read and written in UTC so no time zone moves a deadline. */
export type IsoDate = string;
export type CalendarUnit = "days" | "weeks" | "months";
export type TimescaleUnit = CalendarUnit | "workingDays";

const holidaySets = new Map<Region, ReadonlySet<string>>(Object.entries(publicHolidays).map(([region, dates]) => [region as Region, new Set(dates)]));

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

/**
 * How a period is counted from its day (DOMAIN.md, "Counting"). "from": the day itself is not counted, so N months
 * from a date end on the corresponding date N months later, or that month's last day where there is none (Dodds v
 * Walker [1981] 1 WLR 1441: 31 March + 1 month = 30 April). "beginningWith": the day itself is the first day, so
 * "15 days beginning with" the draft plan end 14 days after it (SEND Regulations 2014, reg 13(1)(a)).
 */
export type Counting = "from" | "beginningWith";

/**
 * "tribunal": a time for appealing to the First-tier Tribunal (SEND) that ends on a day that is not a working day is
 * met on the next working day (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, r.12(2)); in an SEN case a
 * time that ends from 25 December to 1 January, or in August, is met on the first working day after 1 January or
 * 31 August (r.12(3)). LA closure days are the LA's, not the Tribunal's, so they do not move it.
 */
export type DeadlineRule = "tribunal";

export type CountedTimescale = { amount: number; unit: TimescaleUnit; counting?: Counting; deadline?: DeadlineRule };

/** The day a Tribunal time limit ending on `endsOn` is met by (HESC Rules 2008, r.12(2) and (3), SEN cases). */
export function tribunalDeadline(endsOn: IsoDate, region: Region): IsoDate {
  const end = parse(endsOn);
  const month = end.getUTCMonth();
  const day = end.getUTCDate();
  let date = end;
  if (month === 7) date = new Date(Date.UTC(end.getUTCFullYear(), 8, 1));
  else if (month === 11 && day >= 25) date = new Date(Date.UTC(end.getUTCFullYear() + 1, 0, 2));
  else if (month === 0 && day === 1) date = new Date(Date.UTC(end.getUTCFullYear(), 0, 2));
  while (!isWorkingDay(format(date), region)) date = addDays(date, 1);
  return format(date);
}

/** The day a clock started on `startedOn` falls due, counted as its timescale says (calendar periods "from" by default). */
export function dueOn(startedOn: IsoDate, timescale: CountedTimescale, region: Region, closures?: ReadonlySet<string>): IsoDate {
  const beginningWith = timescale.counting === "beginningWith";
  const counted =
    timescale.unit === "workingDays"
      ? beginningWith && timescale.amount > 0 && isWorkingDay(startedOn, region, closures)
        ? addWorkingDays(startedOn, timescale.amount - 1, region, closures)
        : addWorkingDays(startedOn, timescale.amount, region, closures)
      : addCalendarPeriod(startedOn, timescale.amount, timescale.unit);
  const ends = beginningWith && timescale.unit !== "workingDays" ? addCalendarPeriod(counted, -1, "days") : counted;
  return timescale.deadline === "tribunal" ? tribunalDeadline(ends, region) : ends;
}

/** Calendar days from `from` to `to`: positive when `to` is later (days overdue, days left). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parse(to), parse(from));
}
