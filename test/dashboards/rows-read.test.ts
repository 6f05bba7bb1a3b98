import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { laTables, type LaTableName, type LaTableQuery } from "../../worker/dashboards/la-tables";
import { schoolDetail } from "../../worker/dashboards/school-detail";
import { takeTermSnapshot } from "../../worker/dashboards/term-snapshots";
import { dayOf } from "../../worker/dashboards/words";
import { assessmentRow, clockRow, dayPlus, drsRow, insertRows, laRow, pupilRow, schoolRow } from "../support/dashboard-seed";
import { countingDb } from "../support/rows-read";
import { db } from "../support/world";

const today = dayOf(new Date());
const stages = ["concernRaised", "senSupportAssess", "senSupportPlan", "senSupportDo", "senSupportReview", "ehcPlan"];
const areas = ["cognitionAndLearning", "communicationAndInteraction", "socialEmotionalMentalHealth", "sensoryPhysical"];

/** An LA of `schools` schools, each alike: 18 pupils over six stages, two overdue reviews, a referral, a request. */
async function seedLa(schools: number) {
  const la = laRow();
  const schoolRows = Array.from({ length: schools }, (_, i) => schoolRow(la.id, "england2014", `School ${String(i).padStart(4, "0")}`));
  const pupils = schoolRows.flatMap((school) => Array.from({ length: 18 }, (_, i) => pupilRow(school, stages[i % stages.length]!, [areas[i % areas.length]!])));
  const bySchool = (school: { id: string }) => pupils.filter((pupil) => pupil.school_id === school.id);
  await insertRows(env.DB, "local_authorities", [la]);
  await insertRows(env.DB, "schools", schoolRows);
  await insertRows(env.DB, "pupils", pupils);
  await insertRows(
    env.DB,
    "clocks",
    schoolRows.flatMap((school) =>
      bySchool(school)
        .slice(0, 2)
        .map((pupil, i) => clockRow(pupil, "planReview", dayPlus(today, -5 - i))),
    ),
  );
  await insertRows(
    env.DB,
    "drs_referrals",
    schoolRows.map((school, i) => drsRow(bySchool(school)[0]!, "referralSubmitted", `2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`)),
  );
  await insertRows(
    env.DB,
    "assessment_requests",
    schoolRows.map((school) => assessmentRow(bySchool(school)[1]!, "ehcNeedsAssessment", dayPlus(today, -30))),
  );
  return { la, firstSchool: schoolRows[0]! };
}

const measured: [LaTableName, LaTableQuery][] = [
  ["schools", {}],
  ["overdue-reviews", {}],
  ["stages", {}],
  ["areas", {}],
  ["drs-referrals", {}],
  ["assessment-requests", {}],
  ["terms", {}],
  ["totals-by-stage", {}],
  ["totals-by-area", {}],
  ["pupils", { stage: "senSupportPlan" }],
];

describe("the LA dashboard reads rows in proportion to the page shown, not to the size of the LA", () => {
  it("an LA five times larger costs the same rows for every table, first page and next page", async () => {
    const small = await seedLa(60);
    const large = await seedLa(300);
    await takeTermSnapshot(db(), new Date());
    const { rowsReadBy } = countingDb(env.DB);

    const cost = async (la: { id: string }, name: LaTableName, query: LaTableQuery) => {
      let next: string | null = null;
      const first = await rowsReadBy(async (counted) => {
        const table = await laTables[name](counted, la.id, today, query);
        next = table.next;
        expect(table.rows.length, name).toBeGreaterThan(0);
      });
      const second = next ? await rowsReadBy((counted) => laTables[name](counted, la.id, today, { ...query, after: next! })) : 0;
      return { first, second };
    };
    for (const [name, query] of measured) {
      const smallCost = await cost(small.la, name, query);
      const largeCost = await cost(large.la, name, query);
      // The same rows, give or take a few index steps at a page's edge; a read that grew with the LA would be ~5 times more.
      for (const page of ["first", "second"] as const) {
        expect(largeCost[page], `${name}, ${page} page: ${JSON.stringify({ smallCost, largeCost })}`).toBeLessThanOrEqual(smallCost[page] * 1.05 + 3);
      }
    }
    const smallSchool = await rowsReadBy((counted) => schoolDetail(counted, { ...small.firstSchool, laId: small.la.id } as never, today));
    const largeSchool = await rowsReadBy((counted) => schoolDetail(counted, { ...large.firstSchool, laId: large.la.id } as never, today));
    expect(largeSchool).toBeLessThanOrEqual(smallSchool * 1.05 + 3);

    // The measure can tell: a recount from the pupils themselves does grow with the LA.
    const recount = (laId: string) =>
      rowsReadBy((counted) => counted.run(`SELECT school_id, stage, count(*) FROM pupils WHERE la_id = '${laId}' GROUP BY school_id, stage` as never));
    expect(await recount(large.la.id)).toBeGreaterThan(4 * (await recount(small.la.id)));
  });
});
