import { and, asc, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alerts, clocks, localAuthorities, sqlList } from "../../schema/tables";
import { windowClockKinds } from "../../schema/vocab";
import type { Db } from "../app-env";
import { apartSync, readApart, writeApart, type Failures } from "../apart";
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
    .select({
      id: clocks.id,
      pupilId: clocks.pupilId,
      schoolId: clocks.schoolId,
      laId: clocks.laId,
      kind: clocks.kind,
      dueOn: clocks.dueOn,
      alerted: clocks.alerted,
    })
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

/** Each LA's settings; an LA whose settings cannot be read is left out, and its clocks wait for a later run. */
async function settingsOf(db: Db, laIds: string[], failures: Failures): Promise<Map<string, AlertSettings>> {
  const rows = await readApart(failures, "alert settings of LA", laIds, (ids) =>
    db.select({ id: localAuthorities.id, overrides: localAuthorities.alertSettings }).from(localAuthorities).where(inArray(localAuthorities.id, ids)),
  );
  return new Map(
    rows.flatMap((row) => {
      const settings = apartSync(failures, "alert settings of LA", row.id, () => resolveAlertSettings(row.overrides));
      return settings ? [[row.id, settings] as const] : [];
    }),
  );
}

/**
 * Raises every alert the running clocks call for on `today`. The clock keeps the thresholds already raised, so a
 * run reads the due clocks and writes only what is new; each alert is also inserted against the unique index
 * alerts_once (clock, threshold) with ON CONFLICT DO NOTHING, so two runs at once still raise it once.
 * Each clock is judged and written apart: one that cannot be (a due date no calendar has) is logged in `failures`
 * and left unmarked for a later run, and the cursor moves past it, so it never holds back the clocks after it.
 * Returns how many were new. `at` is the run's moment (ISO); its date is the day judged.
 */
export async function raiseAlerts(db: Db, at: string, failures: Failures = []): Promise<number> {
  const today = at.slice(0, 10);
  const horizon = addCalendarPeriod(today, maxDueSoonDays, "days");
  let raised = 0;
  for (let after: Cursor | null = null; ; ) {
    const page = await dueClocksQuery(db, horizon, after);
    const settings = await settingsOf(db, [...new Set(page.map((c) => c.laId))], failures);
    const writes = page.flatMap((clock) => {
      const laSettings = settings.get(clock.laId);
      if (!laSettings) return [];
      const due = apartSync(failures, "alerts of clock", clock.id, () => alertsDue(clock, detailsOf(clock.kind), laSettings, today)) ?? [];
      const fresh = due.filter((alert) => !clock.alerted.includes(alert.threshold));
      if (fresh.length === 0) return [];
      const insert = db
        .insert(alerts)
        .values(
          fresh.map((alert) => ({
            id: crypto.randomUUID(),
            clockId: clock.id,
            pupilId: clock.pupilId,
            schoolId: clock.schoolId,
            laId: clock.laId,
            clockKind: clock.kind,
            dueOn: clock.dueOn,
            raisedOn: today,
            raisedAt: at,
            ...alert,
          })),
        )
        .onConflictDoNothing({ target: [alerts.clockId, alerts.threshold] })
        .returning({ id: alerts.id });
      const mark = db
        .update(clocks)
        .set({ alerted: [...clock.alerted, ...fresh.map((alert) => alert.threshold)] })
        .where(eq(clocks.id, clock.id));
      // The alerts and the clock's mark in one transaction: a clock is never marked without its alerts, nor alerted twice.
      const statements: [BatchItem<"sqlite">, BatchItem<"sqlite">] = [insert, mark];
      return [{ id: clock.id, statements }];
    });
    const results = await writeApart(failures, "alerts of clock", writes, (batch) => db.batch(batch));
    raised += results.reduce((sum, item) => sum + (Array.isArray(item?.[0]) ? item[0].length : 0), 0);
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
  return (
    db
      .update(clocks)
      .set({ stoppedAt: at })
      // The literal list, not bound parameters: SQLite uses a partial index only when it can prove the query implies its WHERE.
      .where(and(isNull(clocks.stoppedAt), lt(clocks.dueOn, today), sql`${clocks.kind} IN (${sqlList(windowClockKinds)})`))
  );
}
