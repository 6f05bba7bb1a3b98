import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { StaffCaller } from "../../worker/app-env";
import { pupilsBehindFigureQuery } from "../../worker/dashboards/la-lists";
import { byName, senRegisterQuery } from "../../worker/dashboards/school-register";
import { encodeCursor, keyset } from "../../worker/dashboards/table";
import { findPupilsQuery } from "../../worker/pupils/queries";
import { db } from "../support/world";

/** Finding and filtering pupils (issue 14) reads one school's or one LA's pupils through an index, in its order, either way. */

async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join("\n");
}

const cursor = encodeCursor(["Jones", "Amy", "id"]);
const pages = [{}, { after: cursor }, { before: cursor }];
const caller = (role: StaffCaller["role"]): StaffCaller => ({ kind: "staff", userId: "u", role, laId: "la", schoolIds: ["s1"] });

describe("finding a pupil reads through indexes, never a scan of all pupils", () => {
  it.each([
    [{ year: "4" as const }, "pupils_by_la_year_name"],
    [{ need: "SPLD" as const }, "pupils_by_la_need_name"],
    [{ stage: "senSupportPlan" }, "pupils_by_la_stage_name"],
  ])("an LA's list of pupils filtered by %o, each page, on %s in name order", async (filter, index) => {
    for (const at of pages) {
      const plan = await planOf(pupilsBehindFigureQuery(db(), "la", filter, keyset(byName, at, 25)));
      expect(plan).toMatch(new RegExp(`SEARCH pupils USING INDEX ${index} \\(la_id=\\? AND`));
      expect(plan).not.toMatch(/SCAN pupils|TEMP B-TREE/);
    }
  });

  it("an LA's list of one school's pupils reads that school's only", async () => {
    const plan = await planOf(pupilsBehindFigureQuery(db(), "la", { schoolId: "s1", year: "4" }, keyset(byName, {}, 25)));
    expect(plan).toMatch(/SEARCH pupils USING INDEX pupils_by_school\w* \(school_id=\?/);
    expect(plan).not.toMatch(/SCAN pupils/);
  });

  it("the register with every filter, each page, reads one school's pupils", async () => {
    for (const at of pages) {
      const plan = await planOf(
        senRegisterQuery(db(), { id: "s1", framework: "england2014" }, { stage: "senSupportPlan", year: "4", need: "SPLD" }, keyset(byName, at, 25)),
      );
      expect(plan).toMatch(/SEARCH pupils USING INDEX pupils_by_school\w* \(school_id=\?/);
      expect(plan).not.toMatch(/SCAN pupils/);
    }
  });

  it.each(["senco", "teacher", "laOfficer"] as const)("a search by name as a %s reads one school's pupils", async (role) => {
    for (const at of pages) {
      const plan = await planOf(findPupilsQuery(db(), caller(role), "s1", { q: "hug noa", year: "4" }, keyset(byName, at, 25)));
      expect(plan).toMatch(/SEARCH pupils USING (COVERING )?INDEX pupils_\w+ \(school_id=\?|SEARCH pupils USING INTEGER PRIMARY KEY/);
      expect(plan).not.toMatch(/SCAN pupils|SCAN teaching_assignments|SCAN records_of_concern/);
    }
  });
});
