import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createLa, createSchool, createStaff, newUpn } from "../support/world";

/** What the figure tables should hold for these LAs, counted from the pupils themselves. */
async function recount(laIds: string[]) {
  const marks = laIds.map(() => "?").join(", ");
  const open = `FROM pupils WHERE closed_at IS NULL AND la_id IN (${marks})`;
  const openAreas = `FROM pupils p, json_each(p.areas_of_need) a WHERE p.closed_at IS NULL AND p.la_id IN (${marks})`;
  const all = async (sql: string) =>
    (
      await env.DB.prepare(sql)
        .bind(...laIds)
        .all()
    ).results;
  return {
    stages: await all(`SELECT la_id, school_id, framework, stage, count(*) AS pupils ${open} GROUP BY school_id, stage ORDER BY school_id, stage`),
    needs: await all(
      `SELECT p.la_id, p.school_id, a.value AS area, count(DISTINCT p.id) AS pupils ${openAreas} GROUP BY p.school_id, a.value ORDER BY p.school_id, area`,
    ),
    laStages: await all(`SELECT la_id, framework, stage AS key, count(*) AS pupils ${open} GROUP BY la_id, framework, stage ORDER BY la_id, framework, key`),
    laAreas: await all(`SELECT p.la_id, a.value AS key, count(DISTINCT p.id) AS pupils ${openAreas} GROUP BY p.la_id, a.value ORDER BY p.la_id, key`),
  };
}

async function kept(laIds: string[]) {
  const marks = laIds.map(() => "?").join(", ");
  const all = async (sql: string) =>
    (
      await env.DB.prepare(sql)
        .bind(...laIds)
        .all()
    ).results;
  return {
    stages: await all(`SELECT la_id, school_id, framework, stage, pupils FROM stage_counts WHERE la_id IN (${marks}) ORDER BY school_id, stage`),
    needs: await all(`SELECT la_id, school_id, area, pupils FROM need_counts WHERE la_id IN (${marks}) ORDER BY school_id, area`),
    laStages: await all(`SELECT la_id, framework, key, pupils FROM la_counts WHERE dimension = 'stage' AND la_id IN (${marks}) ORDER BY la_id, framework, key`),
    laAreas: await all(`SELECT la_id, key, pupils FROM la_counts WHERE dimension = 'area' AND la_id IN (${marks}) ORDER BY la_id, key`),
  };
}

describe("the dashboard figures are kept by triggers and always equal a recount of the pupils", () => {
  it("after enrolments, moves, a change of school, a change of areas, a closure and an erasure", async () => {
    const la = await createLa();
    const other = await createLa();
    const north = await createSchool(la.id, "england2014");
    const south = await createSchool(la.id, "england2014");
    const elsewhere = await createSchool(other.id, "england2014");
    const enrol = async (school: { id: string; laId: string }, stage: string, areasOfNeed: string[]) => {
      const senco = await createStaff("senco", { laId: school.laId, schoolIds: [school.id] });
      const body = { upn: newUpn(), givenName: "Ann", familyName: "Lee", dateOfBirth: "2016-01-02", yearGroup: "5", schoolId: school.id, stage, areasOfNeed };
      const response = await api("/api/pupils", { headers: senco.headers, body });
      expect(response.status, JSON.stringify(response.json)).toBe(201);
      return response.json.pupil.id as string;
    };

    const a = await enrol(north, "senSupportPlan", ["cognitionAndLearning", "communicationAndInteraction"]);
    const b = await enrol(north, "senSupportPlan", ["cognitionAndLearning"]);
    const c = await enrol(south, "ehcPlan", ["sensoryPhysical", "sensoryPhysical"]);
    await enrol(elsewhere, "senSupportPlan", ["cognitionAndLearning"]);
    expect(await kept([la.id, other.id])).toEqual(await recount([la.id, other.id]));
    expect((await kept([la.id])).stages).toEqual(
      [
        { la_id: la.id, school_id: north.id, framework: "england2014", stage: "senSupportPlan", pupils: 2 },
        { la_id: la.id, school_id: south.id, framework: "england2014", stage: "ehcPlan", pupils: 1 },
      ].sort((x, y) => x.school_id.localeCompare(y.school_id)),
    );

    const run = (sql: string, ...params: unknown[]) =>
      env.DB.prepare(sql)
        .bind(...params)
        .run();
    await run("UPDATE pupils SET stage = 'senSupportDo' WHERE id = ?", a);
    await run("UPDATE pupils SET school_id = ? WHERE id = ?", south.id, b);
    await run("UPDATE pupils SET areas_of_need = ? WHERE id = ?", JSON.stringify(["socialEmotionalMentalHealth"]), c);
    await run("UPDATE pupils SET cycle = cycle + 1 WHERE id = ?", a);
    expect(await kept([la.id, other.id])).toEqual(await recount([la.id, other.id]));

    await run("UPDATE pupils SET closed_at = '2026-07-20T00:00:00Z' WHERE id = ?", c);
    expect(await kept([la.id, other.id])).toEqual(await recount([la.id, other.id]));
    await env.DB.batch([
      env.DB.prepare("DELETE FROM pupil_events WHERE pupil_id = ?").bind(c),
      env.DB.prepare("DELETE FROM clocks WHERE pupil_id = ?").bind(c),
      env.DB.prepare("DELETE FROM pupils WHERE id = ?").bind(c),
    ]);
    await run("UPDATE pupils SET closed_at = '2026-07-20T00:00:00Z' WHERE id = ?", a);
    await env.DB.batch([
      env.DB.prepare("DELETE FROM pupil_events WHERE pupil_id = ?").bind(a),
      env.DB.prepare("DELETE FROM clocks WHERE pupil_id = ?").bind(a),
      env.DB.prepare("DELETE FROM pupils WHERE id = ?").bind(a),
    ]);

    const figures = await kept([la.id]);
    expect(figures).toEqual(await recount([la.id]));
    expect(figures.stages).toEqual([{ la_id: la.id, school_id: south.id, framework: "england2014", stage: "senSupportPlan", pupils: 1 }]);
    expect(figures.laAreas).toEqual([{ la_id: la.id, key: "cognitionAndLearning", pupils: 1 }]);
    expect((await kept([other.id])).laStages).toEqual([{ la_id: other.id, framework: "england2014", key: "senSupportPlan", pupils: 1 }]);
  });
});
