import { and, asc, eq } from "drizzle-orm";
import { closureDays, localAuthorities } from "../../schema/tables";
import type { TimescaleOverrides } from "../../schema/vocab";
import type { TimescaleSettings } from "../../schema/inputs";
import type { Db } from "../app-env";
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
