import { and, asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { closureDays, localAuthorities, type AlertSettingsOverrides } from "../../schema/tables";
import type { TimescaleOverrides } from "../../schema/vocab";
import type { TimescaleSettings } from "../../schema/inputs";
import type { FormDefinition } from "../../schema/staff-forms/form-definition";
import type { Db } from "../app-env";
import { defaultAlertSettings, maxDueSoonDays, resolveAlertSettings } from "../alerts/settings";
import { addCalendarPeriod } from "../calendar/working-days";
import { clockKinds, defaultTimescales, resolveTimescales } from "../workflow/timescales";

export async function readLaOverrides(db: Db, laId: string): Promise<TimescaleOverrides | null> {
  const row = await db.select({ overrides: localAuthorities.timescaleOverrides }).from(localAuthorities).where(eq(localAuthorities.id, laId)).get();
  return row?.overrides ?? null;
}

/** Every clock: its default and source, whether it is law or local procedure, and the value the LA runs it by. */
export function timescaleSettingsView(overrides: TimescaleOverrides) {
  const resolved = resolveTimescales(overrides);
  return clockKinds.map((clock) => {
    const { amount, unit, source, basis } = defaultTimescales[clock];
    const value = resolved[clock];
    return {
      clock,
      basis,
      source,
      default: { amount, unit },
      value: { amount: value.amount, unit: value.unit },
      changedByLa: value.amount !== amount || value.unit !== unit,
    };
  });
}

/**
 * Replaces the LA's local timescales (a clock left out or null runs by its default). Referrals and clocks already
 * running keep the timescales they started with.
 */
export async function saveTimescaleSettings(db: Db, laId: string, settings: TimescaleSettings): Promise<TimescaleOverrides> {
  const overrides: TimescaleOverrides = {};
  for (const clock of clockKinds) {
    const value = settings[clock];
    if (value) overrides[clock] = { amount: value.amount, unit: value.unit };
  }
  await db.update(localAuthorities).set({ timescaleOverrides: overrides }).where(eq(localAuthorities.id, laId));
  return overrides;
}

export function listClosureDays(db: Db, laId: string) {
  return db.select({ date: closureDays.date, reason: closureDays.reason }).from(closureDays).where(eq(closureDays.laId, laId)).orderBy(asc(closureDays.date));
}

/** False when the day is already a closure day of the LA. */
export async function addClosureDay(db: Db, laId: string, day: { date: string; reason: string }): Promise<boolean> {
  const added = await db.insert(closureDays).values({ laId, ...day }).onConflictDoNothing().returning({ date: closureDays.date });
  return added.length > 0;
}

export async function removeClosureDay(db: Db, laId: string, date: string): Promise<boolean> {
  const removed = await db.delete(closureDays).where(and(eq(closureDays.laId, laId), eq(closureDays.date, date))).returning({ date: closureDays.date });
  return removed.length > 0;
}

/** A range of closure days may be at most this long: a school holiday, not a year. */
export const maxClosureRangeDays = 31;

/** Every date from `from` to `to`, both included (YYYY-MM-DD). */
export function datesFromTo(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to && dates.length <= maxClosureRangeDays; date = addCalendarPeriod(date, 1, "days")) dates.push(date);
  return dates;
}

/** Adds each day of the range the LA does not already close on; the days added, in order. */
export async function addClosureDays(db: Db, laId: string, range: { from: string; to?: string | null | undefined; reason: string }): Promise<string[]> {
  const dates = datesFromTo(range.from, range.to ?? range.from);
  const added = await db
    .insert(closureDays)
    .values(dates.map((date) => ({ laId, date, reason: range.reason })))
    .onConflictDoNothing()
    .returning({ date: closureDays.date });
  return added.map((row) => row.date).sort();
}

const days = (what: string, max: number) =>
  v.optional(v.pipe(v.number(`${what} must be a number of days`), v.integer(`${what} must be whole days`), v.minValue(1, `${what} must be at least 1`), v.maxValue(max, `${what} must be at most ${max}`)));

/** When alerts fall due soon and when overdue items escalate; a setting left out takes Stepwise's default. */
export const alertSettingsInput = v.pipe(
  v.strictObject({
    dueSoonDays: days("Due soon", maxDueSoonDays),
    escalateToSencoAfterDays: days("Escalation to the SENCO", 90),
    escalateToLaAfterDays: days("Escalation to the LA", 180),
  }),
  v.forward(
    v.check((input) => {
      const resolved = resolveAlertSettings(input);
      return resolved.escalateToLaAfterDays > resolved.escalateToSencoAfterDays;
    }, "Escalation to the LA must come after escalation to the SENCO"),
    ["escalateToLaAfterDays"],
  ),
);

/** The alert settings page's form: the days are typed as numbers. */
export const alertSettingsForm = { schema: alertSettingsInput, numbers: ["dueSoonDays", "escalateToSencoAfterDays", "escalateToLaAfterDays"] } satisfies FormDefinition;

export async function readAlertOverrides(db: Db, laId: string): Promise<AlertSettingsOverrides | null> {
  const la = await db.select({ alertSettings: localAuthorities.alertSettings }).from(localAuthorities).where(eq(localAuthorities.id, laId)).get();
  return la?.alertSettings ?? null;
}

export async function saveAlertSettings(db: Db, laId: string, overrides: v.InferOutput<typeof alertSettingsInput>): Promise<AlertSettingsOverrides> {
  await db.update(localAuthorities).set({ alertSettings: overrides }).where(eq(localAuthorities.id, laId));
  return overrides;
}

export const alertSettingsView = (overrides: AlertSettingsOverrides) => ({ settings: resolveAlertSettings(overrides), defaults: defaultAlertSettings, overrides });
