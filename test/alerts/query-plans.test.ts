import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { alertsOfTheDayQuery } from "../../worker/alerts/digest";
import { closePassedWindowsQuery, dueClocksQuery } from "../../worker/alerts/raise";
import { claimQuery } from "../../worker/mail/deliver";
import { clockKindDetails } from "../../worker/workflow/clock-kinds";
import { windowClockKinds } from "../../schema/vocab";
import { db } from "../support/world";

async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join("\n");
}

describe("the scheduled run reads through indexes, never a scan of all pupils or all clocks", () => {
  it("running clocks due by the horizon, first page and a later page, through the partial index of running clocks, unsorted", async () => {
    for (const after of [null, { dueOn: "2026-03-01", id: "c" }]) {
      const plan = await planOf(dueClocksQuery(db(), "2026-05-01", after));
      expect(plan).toMatch(/SEARCH clocks USING INDEX running_clocks_by_due/);
      expect(plan).not.toMatch(/SCAN (clocks|pupils)|TEMP B-TREE/);
    }
  });

  it("passed windows are closed through the partial index of running windows, which are the clock kinds marked as windows", async () => {
    expect(await planOf(closePassedWindowsQuery(db(), "2026-05-01", "2026-05-01T06:00:00Z"))).toMatch(
      /SEARCH clocks USING INDEX running_windows_by_due \(due_on<\?\)/,
    );
    expect(
      Object.entries(clockKindDetails)
        .filter(([, details]) => details.window)
        .map(([kind]) => kind),
    ).toEqual([...windowClockKinds]);
  });

  it("the day's alerts for the digest are read by the time they were raised", async () => {
    const plan = await planOf(alertsOfTheDayQuery(db(), "2026-05-01T06:00:00.000Z"));
    expect(plan).toMatch(/SEARCH alerts USING INDEX alerts_by_raised_at/);
  });

  it("the outbox claims due messages through its status index", async () => {
    const plan = await planOf(claimQuery(db(), "2026-05-01T06:00:00.000Z", "2026-05-01T06:10:00.000Z"));
    expect(plan).toMatch(/SEARCH outbox USING INDEX outbox_due/);
    expect(plan).not.toMatch(/SCAN outbox(?! USING)/);
  });
});
