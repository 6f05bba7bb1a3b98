import { and, asc, desc, eq, gt, lte, sql, type SQLWrapper } from "drizzle-orm";
import * as v from "valibot";
import { closureDays, laTimescaleChanges, localAuthorities, type AlertSettingsOverrides } from "../../schema/tables";
import type { TimescaleOverrides } from "../../schema/vocab";
import type { TimescaleSettings } from "../../schema/inputs";
import type { FormDefinition } from "../../schema/staff-forms/form-definition";
import type { Db } from "../app-env";
import { defaultAlertSettings, maxDueSoonDays, resolveAlertSettings } from "../alerts/settings";
import { addCalendarPeriod } from "../calendar/working-days";
import { clockKinds, defaultTimescales, resolveTimescales } from "../workflow/timescales";

/** The LA's local timescales in force on `day`: the latest change taking effect by then ({} where none has). */
export function timescalesInForceQuery(db: Db, laId: string | SQLWrapper, day: string) {
  return (
    db
      .select({ overrides: laTimescaleChanges.overrides })
      .from(laTimescaleChanges)
      .where(and(eq(laTimescaleChanges.laId, laId), lte(laTimescaleChanges.takesEffectOn, day)))
      // rowid last: two changes recorded in the same millisecond stand in the order they were made.
      .orderBy(desc(laTimescaleChanges.takesEffectOn), desc(laTimescaleChanges.recordedAt), desc(sql`rowid`))
      .limit(1)
  );
}

export const overridesOf = (rows: readonly { overrides: TimescaleOverrides }[]): TimescaleOverrides => rows[0]?.overrides ?? {};

export type TimescaleHistory = {
  /** In force today. */
  inForce: TimescaleOverrides;
  /** Changes given a later day, in the order they take effect. */
  upcoming: { takesEffectOn: string; overrides: TimescaleOverrides }[];
};

/** The LA's timescales today and the changes it has set for later days; null where there is no such LA. */
export async function readTimescaleHistory(db: Db, laId: string, today: string): Promise<TimescaleHistory | null> {
  const [[la], inForce, upcoming] = await db.batch([
    db.select({ id: localAuthorities.id }).from(localAuthorities).where(eq(localAuthorities.id, laId)),
    timescalesInForceQuery(db, laId, today),
    db
      .select({ takesEffectOn: laTimescaleChanges.takesEffectOn, overrides: laTimescaleChanges.overrides, recordedAt: laTimescaleChanges.recordedAt })
      .from(laTimescaleChanges)
      .where(and(eq(laTimescaleChanges.laId, laId), gt(laTimescaleChanges.takesEffectOn, today)))
      .orderBy(asc(laTimescaleChanges.takesEffectOn), asc(laTimescaleChanges.recordedAt), asc(sql`rowid`)),
  ]);
  if (!la) return null;
  // Two changes for the same later day: the one recorded last stands.
  const byDay = new Map(upcoming.map((change) => [change.takesEffectOn, change.overrides]));
  return { inForce: overridesOf(inForce), upcoming: [...byDay].map(([takesEffectOn, overrides]) => ({ takesEffectOn, overrides })) };
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

/** What the timescales answer and page show: the values in force today, and each change set for a later day. */
export const timescaleHistoryView = (history: TimescaleHistory) => ({
  timescales: timescaleSettingsView(history.inForce),
  upcoming: history.upcoming.map((change) => ({
    takesEffectOn: change.takesEffectOn,
    timescales: timescaleSettingsView(change.overrides).filter((row) => row.changedByLa),
  })),
});

export type TimescaleChangeRefusal = { code: "takes_effect_in_past"; field: "takesEffectOn"; message: string };

/**
 * Sets the LA's local timescales (a clock left out or null runs by its default) from the day given, or from today:
 * a change is kept as history, never written over the past. A day before today is refused, since clocks that
 * started on it counted by the setting then in force; clocks already running keep the timescales they started with.
 */
export async function changeTimescales(
  db: Db,
  laId: string,
  settings: TimescaleSettings,
  change: { today: string; by: string | null },
): Promise<{ ok: true; takesEffectOn: string; overrides: TimescaleOverrides } | { ok: false; refusal: TimescaleChangeRefusal }> {
  const takesEffectOn = settings.takesEffectOn ?? change.today;
  if (takesEffectOn < change.today) {
    return {
      ok: false,
      refusal: {
        code: "takes_effect_in_past",
        field: "takesEffectOn",
        message: "The day the timescales take effect must be today or later: clocks already started keep the setting they started with",
      },
    };
  }
  const overrides: TimescaleOverrides = {};
  for (const clock of clockKinds) {
    const value = settings[clock];
    if (value) overrides[clock] = { amount: value.amount, unit: value.unit };
  }
  await db.insert(laTimescaleChanges).values({ id: crypto.randomUUID(), laId, takesEffectOn, overrides, recordedBy: change.by });
  return { ok: true, takesEffectOn, overrides };
}

export function listClosureDays(db: Db, laId: string) {
  return db.select({ date: closureDays.date, reason: closureDays.reason }).from(closureDays).where(eq(closureDays.laId, laId)).orderBy(asc(closureDays.date));
}

/** False when the day is already a closure day of the LA. */
export async function addClosureDay(db: Db, laId: string, day: { date: string; reason: string }): Promise<boolean> {
  const added = await db
    .insert(closureDays)
    .values({ laId, ...day })
    .onConflictDoNothing()
    .returning({ date: closureDays.date });
  return added.length > 0;
}

export async function removeClosureDay(db: Db, laId: string, date: string): Promise<boolean> {
  const removed = await db
    .delete(closureDays)
    .where(and(eq(closureDays.laId, laId), eq(closureDays.date, date)))
    .returning({ date: closureDays.date });
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
  v.optional(
    v.pipe(
      v.number(`${what} must be a number of days`),
      v.integer(`${what} must be whole days`),
      v.minValue(1, `${what} must be at least 1`),
      v.maxValue(max, `${what} must be at most ${max}`),
    ),
  );

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
export const alertSettingsForm = {
  schema: alertSettingsInput,
  numbers: ["dueSoonDays", "escalateToSencoAfterDays", "escalateToLaAfterDays"],
} satisfies FormDefinition;

export async function readAlertOverrides(db: Db, laId: string): Promise<AlertSettingsOverrides | null> {
  const la = await db.select({ alertSettings: localAuthorities.alertSettings }).from(localAuthorities).where(eq(localAuthorities.id, laId)).get();
  return la?.alertSettings ?? null;
}

export async function saveAlertSettings(db: Db, laId: string, overrides: v.InferOutput<typeof alertSettingsInput>): Promise<AlertSettingsOverrides> {
  await db.update(localAuthorities).set({ alertSettings: overrides }).where(eq(localAuthorities.id, laId));
  return overrides;
}

export const alertSettingsView = (overrides: AlertSettingsOverrides) => ({
  settings: resolveAlertSettings(overrides),
  defaults: defaultAlertSettings,
  overrides,
});
