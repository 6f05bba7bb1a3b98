import { and, asc, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alerts, clocks, localAuthorities } from "../../schema/tables";
import { windowClockKinds } from "../../schema/vocab";
import type { Db } from "../app-env";
import { inBatches } from "../http/chunks";
import { addCalendarPeriod, type IsoDate } from "../calendar/working-days";
import { detailsOf } from "../workflow/clock-kinds";
import { alertsDue } from "./thresholds";
import { maxDueSoonDays, resolveAlertSettings, type AlertSettings } from "./settings";

const pageSize = 500;
type Cursor = { dueOn: string; id: string };

/**
 * Running clocks due by `horizon`, a page at a time in due order, through the partial index of running clocks:
 * the run reads what is due, never every pupil.
 */
export function dueClocksQuery(db: Db, horizon: IsoDate, after: Cursor | null) {
  return db
    .select({ id: clocks.id, pupilId: clocks.pupilId, schoolId: clocks.schoolId, laId: clocks.laId, kind: clocks.kind, dueOn: clocks.dueOn, alerted: clocks.alerted })
    .from(clocks)
    .where(
      and(
        isNull(clocks.stoppedAt),
        lte(clocks.dueOn, horizon),
        // A row-value comparison: the index (due_on, id) seeks straight to the cursor.
        after ? sql`(${clocks.dueOn}, ${clocks.id}) > (${after.dueOn}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(clocks.dueOn), asc(clocks.id))
    .limit(pageSize);
}

async function settingsOf(db: Db, laIds: string[]): Promise<Map<string, AlertSettings>> {
  if (laIds.length === 0) return new Map();
  const rows = await db.select({ id: localAuthorities.id, overrides: localAuthorities.alertSettings }).from(localAuthorities).where(inArray(localAuthorities.id, laIds));
  return new Map(rows.map((row) => [row.id, resolveAlertSettings(row.overrides)]));
}

/**
 * Raises every alert the running clocks call for on `today`. The clock keeps the thresholds already raised, so a
 * run reads the due clocks and writes only what is new; each alert is also inserted against the unique index
 * alerts_once (clock, threshold) with ON CONFLICT DO NOTHING, so two runs at once still raise it once.
 * Returns how many were new. `at` is the run's moment (ISO); its date is the day judged.
 */
export async function raiseAlerts(db: Db, at: string): Promise<number> {
  const today = at.slice(0, 10);
  const horizon = addCalendarPeriod(today, maxDueSoonDays, "days");
  let raised = 0;
  for (let after: Cursor | null = null; ; ) {
    const page = await dueClocksQuery(db, horizon, after);
    const settings = await settingsOf(db, [...new Set(page.map((c) => c.laId))]);
    const inserts: BatchItem<"sqlite">[] = [];
    const updates: BatchItem<"sqlite">[] = [];
    for (const clock of page) {
      const due = alertsDue(clock, detailsOf(clock.kind), settings.get(clock.laId) ?? resolveAlertSettings({}), today);
      const fresh = due.filter((alert) => !clock.alerted.includes(alert.threshold));
      if (fresh.length === 0) continue;
      inserts.push(
        db
          .insert(alerts)
          .values(fresh.map((alert) => ({ id: crypto.randomUUID(), clockId: clock.id, pupilId: clock.pupilId, schoolId: clock.schoolId, laId: clock.laId, clockKind: clock.kind, dueOn: clock.dueOn, raisedOn: today, raisedAt: at, ...alert })))
          .onConflictDoNothing({ target: [alerts.clockId, alerts.threshold] })
          .returning({ id: alerts.id }),
      );
      updates.push(db.update(clocks).set({ alerted: [...clock.alerted, ...fresh.map((alert) => alert.threshold)] }).where(eq(clocks.id, clock.id)));
    }
    // Inserts first: should a run stop between batches, the next finds the clock not yet marked and inserts nothing twice.
    const results = await inBatches([...inserts, ...updates], (batch) => db.batch(batch));
    raised += (results.slice(0, inserts.length) as { id: string }[][]).reduce((sum, rows) => sum + rows.length, 0);
    const last = page.at(-1);
    if (!last || page.length < pageSize) return raised;
    after = { dueOn: last.dueOn, id: last.id };
  }
}

/**
 * A window (the tribunal appeal window) stops itself the day after it closes: nobody has to act for it to end. Read
 * through the partial index of running windows, not every overdue clock.
 */
export function closePassedWindowsQuery(db: Db, today: IsoDate, at: string) {
  return db
    .update(clocks)
    .set({ stoppedAt: at })
    .where(and(isNull(clocks.stoppedAt), lt(clocks.dueOn, today), inArray(clocks.kind, [...windowClockKinds])));
}
