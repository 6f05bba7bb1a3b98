import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { StaffCaller } from "../worker/app-env";
import { pupilListQuery } from "../worker/pupils/queries";
import { db } from "./support/world";

/** The query plan of a drizzle query, as SQLite would run it. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

const caller = (role: StaffCaller["role"]): StaffCaller => ({ kind: "staff", userId: "u", role, laId: "la", schoolIds: ["s1", "s2"] });

describe("every list the product serves reads through an index, never a scan of all pupils", () => {
  it.each(["senco", "head", "teacher", "laOfficer"] as const)("pupils visible to a %s, first page and a later page", async (role) => {
    for (const after of [undefined, btoa(JSON.stringify(["Jones", "Amy", "id"]))]) {
      const plan = await planOf(pupilListQuery(db(), caller(role), { limit: 50, after }));
      expect(plan.join("\n")).not.toMatch(/SCAN pupils(?! USING)/);
      expect(plan.join("\n")).toMatch(/pupils USING (COVERING )?INDEX|pupils USING INTEGER PRIMARY KEY|SEARCH pupils/);
      if (role === "teacher") expect(plan.join("\n")).not.toMatch(/SCAN records_of_concern|SCAN teaching_assignments/);
    }
  });

  it("pupils at one stage of one school", async () => {
    const plan = await planOf(pupilListQuery(db(), caller("senco"), { limit: 50, schoolId: "s1", stage: "schoolAction" }));
    expect(plan.join("\n")).not.toMatch(/SCAN pupils(?! USING)/);
  });
});
