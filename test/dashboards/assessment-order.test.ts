import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { assessmentListQuery, assessmentRequestsPage } from "../../worker/dashboards/la-casework";
import { laTables } from "../../worker/dashboards/la-tables";
import { dayInWords } from "../../worker/calendar/day-words";
import { dayOf } from "../../worker/dashboards/words";
import { assessmentRow, clockRow, dayPlus, insertRows, laRow, pupilRow, schoolRow } from "../support/dashboard-seed";
import { countingDb } from "../support/rows-read";
import { db } from "../support/world";

const today = dayOf(new Date());

async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join("\n");
}

/** An LA with `open` requests whose 6-week clocks run (due from 20 days ago onwards) and `decided` ones with none running. */
async function seedLa(open: number, decided: number) {
  const la = laRow();
  const school = schoolRow(la.id, "england2014", "Hamilton Primary");
  const pupils = Array.from({ length: open + decided }, () => pupilRow(school, "ehcNeedsAssessmentRequested", ["cognitionAndLearning"]));
  await insertRows(env.DB, "local_authorities", [la]);
  await insertRows(env.DB, "schools", [school]);
  await insertRows(env.DB, "pupils", pupils);
  await insertRows(
    env.DB,
    "assessment_requests",
    pupils.map((pupil, i) => assessmentRow(pupil, "ehcNeedsAssessment", dayPlus(today, -60 + (i % 50)))),
  );
  // The clocks come after the requests, as the workflow starts them: the triggers keep each request's open deadline.
  await insertRows(
    env.DB,
    "clocks",
    pupils
      .slice(0, open)
      .map((pupil, i) => clockRow(pupil, "ehcAssessmentDecision", dayPlus(today, -20 + ((i * 7) % 41)), { started_on: dayPlus(today, -10) })),
  );
  return la;
}

describe("the LA's assessment requests: breaches and the soonest deadlines first, marked, decided ones after", () => {
  it("orders open requests by their next deadline, marks each, then lists the decided ones newest first, page after page", async () => {
    const la = await seedLa(30, 20);
    const rows = [];
    let after: string | undefined;
    do {
      const table = await assessmentRequestsPage(db(), la.id, today, after, 7);
      rows.push(...table.rows);
      after = table.next ?? undefined;
    } while (after);
    expect(rows).toHaveLength(50);
    const open = rows.slice(0, 30);
    const deadlines = open.map((row) => row.deadlineDue ?? "");
    expect(deadlines).toEqual([...deadlines].sort());
    for (const row of open) {
      const days = Math.round((Date.parse(row.deadlineDue!) - Date.parse(today)) / 86_400_000);
      expect(row.deadlineStatus).toBe(days < 0 ? `Overdue by ${-days} ${days === -1 ? "day" : "days"}` : `Due ${dayInWords(row.deadlineDue!)}`);
    }
    expect(open[0]!.deadlineStatus).toMatch(/^Overdue by \d+ days$/);
    const decided = rows.slice(30);
    expect(decided.every((row) => row.deadlineDue === null && row.deadlineStatus === "No deadline running")).toBe(true);
    const requested = decided.map((row) => row.requestedOn);
    expect(requested).toEqual([...requested].sort().reverse());
    expect(new Set(rows.map((row) => row.requestId)).size).toBe(50);
  });

  it("stopping a request's clock (the LA's decision) moves it among the decided at once", async () => {
    const la = await seedLa(2, 0);
    const [first] = (await assessmentRequestsPage(db(), la.id, today, undefined, 25)).rows;
    await env.DB.prepare("UPDATE clocks SET stopped_at = ? WHERE pupil_id = ?").bind(new Date().toISOString(), first!.pupilId).run();
    const after = (await assessmentRequestsPage(db(), la.id, today, undefined, 25)).rows;
    expect(after.map((row) => row.requestId)).toEqual([after[0]!.requestId, first!.requestId]);
    expect(after[1]).toMatchObject({ deadlineDue: null, deadlineStatus: "No deadline running" });
  });

  it("each part of the list reads through its own partial index, in its order, with no sort", async () => {
    for (const cursor of [null, ["open", today, "id"], ["decided", today, "id"]]) {
      const open = await planOf(assessmentListQuery(db(), "la", "open", cursor, 26));
      expect(open).toMatch(/SEARCH assessment_requests USING INDEX assessments_open_by_deadline \(la_id=\?/);
      const decided = await planOf(assessmentListQuery(db(), "la", "decided", cursor, 26));
      expect(decided).toMatch(/SEARCH assessment_requests USING INDEX assessments_decided_by_la \(la_id=\?/);
      expect(`${open}\n${decided}`).not.toMatch(/SCAN assessment_requests|TEMP B-TREE/);
    }
  });

  it("an LA five times larger costs the same rows for a page in this order, first page and next", async () => {
    const small = await seedLa(60, 40);
    const large = await seedLa(300, 200);
    const { rowsReadBy } = countingDb(env.DB);
    const cost = async (laId: string) => {
      let next: string | null = null;
      const first = await rowsReadBy(async (counted) => {
        next = (await laTables["assessment-requests"](counted, laId, today, {})).next;
      });
      const second = await rowsReadBy((counted) => laTables["assessment-requests"](counted, laId, today, { after: next! }));
      return { first, second };
    };
    const [smallCost, largeCost] = [await cost(small.id), await cost(large.id)];
    for (const page of ["first", "second"] as const)
      expect(largeCost[page], JSON.stringify({ smallCost, largeCost })).toBeLessThanOrEqual(smallCost[page] * 1.05 + 3);
    // The measure can tell: reading every request of the LA grows with it.
    const all = (laId: string) => rowsReadBy((counted) => counted.run(`SELECT count(reasons) FROM assessment_requests WHERE la_id = '${laId}'` as never));
    expect(await all(large.id)).toBeGreaterThan(4 * (await all(small.id)));
  });
});
