import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { issueStaffToken } from "../../worker/auth/tokens";
import { takeTermSnapshot } from "../../worker/dashboards/term-snapshots";
import { dayOf } from "../../worker/dashboards/words";
import { dayInWords } from "../../worker/calendar/day-words";
import { dayPlus } from "../support/dashboard-seed";
import { seedTwoLas } from "../support/dashboard-world";
import { api, db } from "../support/world";

const today = dayOf(new Date());
const as = async (user: { id: string; role: string }) => {
  const token = await issueStaffToken(env, { id: user.id, role: user.role as "laOfficer", tokenVersion: 0 }, Math.floor(Date.now() / 1000));
  return (path: string) => api(path, { headers: { Authorization: `Bearer ${token}` } });
};
const pick = <T extends Record<string, unknown>>(rows: T[], ...keys: (keyof T)[]) => rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));

describe("the LA officer's dashboard counts exactly their LA's pupils", () => {
  it("pupils per stage and per area of need across the authority, with nothing of the other LA", async () => {
    const world = await seedTwoLas(env.DB, today);
    const get = await as(world.officer);
    const byStage = await get("/api/dashboard/la/totals-by-stage");
    expect(byStage.status).toBe(200);
    expect(pick(byStage.json.rows, "frameworkId", "stage", "provisionCode", "pupils")).toEqual([
      { frameworkId: "england2001", stage: "schoolAction", provisionCode: "A", pupils: 2 },
      { frameworkId: "england2001", stage: "statement", provisionCode: "S", pupils: 1 },
      { frameworkId: "england2014", stage: "senSupportPlan", provisionCode: "K", pupils: 3 },
      { frameworkId: "england2014", stage: "ehcPlan", provisionCode: "E", pupils: 2 },
      { frameworkId: "england2014", stage: "concernRaised", provisionCode: "N", pupils: 1 },
    ]);
    const byArea = await get("/api/dashboard/la/totals-by-area");
    expect(Object.fromEntries(byArea.json.rows.map((row: { area: string; pupils: number }) => [row.area, row.pupils]))).toEqual({
      cognitionAndLearning: 3,
      communicationAndInteraction: 2,
      sensoryPhysical: 2,
      sensory: 1,
    });

    const south = await (await as(world.southOfficer))("/api/dashboard/la/totals-by-stage");
    expect(pick(south.json.rows, "stage", "pupils")).toEqual([
      { stage: "senSupportPlan", pupils: 4 },
      { stage: "ehcPlan", pupils: 1 },
    ]);
  });

  it("each school's pupils, register, plans and overdue reviews, and its stage and area rows", async () => {
    const world = await seedTwoLas(env.DB, today);
    const get = await as(world.officer);
    const schools = await get("/api/dashboard/la/schools");
    expect(pick(schools.json.rows, "school", "pupils", "onRegister", "withPlan", "overdueReviews", "longestOverdueDays")).toEqual([
      { school: "Ashby Primary", pupils: 6, onRegister: 5, withPlan: 2, overdueReviews: 2, longestOverdueDays: 10 },
      { school: "Brook Primary", pupils: 3, onRegister: 3, withPlan: 1, overdueReviews: 0, longestOverdueDays: null },
    ]);
    const stages = await get("/api/dashboard/la/stages");
    expect(pick(stages.json.rows, "school", "stage", "pupils").sort((a, b) => `${a.school}${a.stage}`.localeCompare(`${b.school}${b.stage}`))).toEqual([
      { school: "Ashby Primary", stage: "concernRaised", pupils: 1 },
      { school: "Ashby Primary", stage: "ehcPlan", pupils: 2 },
      { school: "Ashby Primary", stage: "senSupportPlan", pupils: 3 },
      { school: "Brook Primary", stage: "schoolAction", pupils: 2 },
      { school: "Brook Primary", stage: "statement", pupils: 1 },
    ]);
    const areas = await get(`/api/dashboard/la/areas?schoolId=${world.ashby.id}`);
    expect(pick(areas.json.rows, "area", "pupils").sort((a, b) => String(a.area).localeCompare(String(b.area)))).toEqual([
      { area: "cognitionAndLearning", pupils: 2 },
      { area: "communicationAndInteraction", pupils: 2 },
      { area: "sensoryPhysical", pupils: 2 },
    ]);
  });

  it("overdue reviews longest first with days overdue; stopped, future, non-review, closed and foreign clocks left out", async () => {
    const world = await seedTwoLas(env.DB, today);
    const overdue = await (await as(world.officer))("/api/dashboard/la/overdue-reviews");
    expect(pick(overdue.json.rows, "pupil", "school", "daysOverdue")).toEqual([
      { pupil: "Amy Adams", school: "Ashby Primary", daysOverdue: 10 },
      { pupil: "Ben Baker", school: "Ashby Primary", daysOverdue: 3 },
    ]);
  });

  it("open DRS referrals with their step and next deadline, the missed one marked; assessment requests with their 6- and 20-week clocks", async () => {
    const world = await seedTwoLas(env.DB, today);
    const get = await as(world.officer);
    const drs = await get("/api/dashboard/la/drs-referrals");
    expect(pick(drs.json.rows, "pupil", "currentStep", "nextDeadline", "status")).toEqual([
      { pupil: "Ben Baker", currentStep: "DRS contacted parties", nextDeadline: "DRS offers a meeting", status: "Missed by 2 days" },
    ]);
    const requests = await get("/api/dashboard/la/assessment-requests");
    // Breaches first, each request's real state, the breach marked (Dee's running 20-week clock is past), decided ones after.
    expect(pick(requests.json.rows, "pupil", "state", "deadlineStatus", "decisionClock", "finalPlanClock")).toEqual([
      {
        pupil: "Dee Dunn",
        state: "Decided: now at EHC plan",
        deadlineStatus: "Overdue by 5 days",
        decisionClock: "Overdue by 8 days",
        finalPlanClock: "90 days left",
      },
      {
        pupil: "Jon Jones",
        state: `Agreed on ${dayInWords(dayPlus(today, -5))}`,
        deadlineStatus: "No deadline running",
        decisionClock: "Met",
        finalPlanClock: "Not applicable",
      },
    ]);
  });

  it("drill-down from a figure to the pupils behind it, and the term figures the scheduled run keeps", async () => {
    const world = await seedTwoLas(env.DB, today);
    const get = await as(world.officer);
    const behind = await get("/api/dashboard/la/pupils?stage=senSupportPlan");
    expect(behind.json.rows.map((row: { pupil: string }) => row.pupil)).toEqual(["Amy Adams", "Ben Baker", '=HYPERLINK("http://evil.test") Carter, Jr']);
    const area = await get(`/api/dashboard/la/pupils?schoolId=${world.ashby.id}&area=sensoryPhysical`);
    expect(area.json.rows.map((row: { pupil: string }) => row.pupil)).toEqual(["Dee Dunn", "Eli Evans"]);
    expect((await get("/api/dashboard/la/pupils")).status).toBe(400);

    await takeTermSnapshot(db(), new Date(`${today}T12:00:00Z`));
    const terms = await get("/api/dashboard/la/terms");
    expect(terms.json.rows).toEqual([
      { term: expect.any(String), onRegister: 8, withPlan: 3, overdueReviews: 2, openDrsReferrals: 1, openAssessmentRequests: 2 },
    ]);
    const ashbyTerms = await get(`/api/dashboard/la/terms?schoolId=${world.ashby.id}`);
    expect(ashbyTerms.json.rows[0]).toMatchObject({ onRegister: 5, withPlan: 2, overdueReviews: 2, openDrsReferrals: 1, openAssessmentRequests: 1 });
  });

  it("every table exports as CSV, escaped and guarded against formulas", async () => {
    const world = await seedTwoLas(env.DB, today);
    const token = await issueStaffToken(env, { id: world.officer.id, role: "laOfficer", tokenVersion: 0 }, Math.floor(Date.now() / 1000));
    const csv = async (path: string) => {
      const response = await SELF.fetch(`https://stepwise.test${path}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="/);
      return response.text();
    };
    const pupils = await csv("/api/dashboard/la/pupils?stage=senSupportPlan&format=csv");
    const lines = pupils.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Pupil,UPN,Year,School,Stage,Census provision");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(
      /^"'=HYPERLINK\(""http:\/\/evil\.test""\) Carter, Jr",[A-HJ-NPR-TV-Z]\d{11}[0-9A-HJ-NPR-TV-Z],5,Ashby Primary,SEN support: Plan,K$/,
    );
    for (const table of [
      "schools",
      "overdue-reviews",
      "stages",
      "areas",
      "drs-referrals",
      "assessment-requests",
      "terms",
      "totals-by-stage",
      "totals-by-area",
    ]) {
      expect((await csv(`/api/dashboard/la/${table}?format=csv`)).split("\r\n").length, table).toBeGreaterThan(1);
    }
  });
});

describe("tenancy: an officer sees only their LA, a SENCO only their school", () => {
  it("answers a school of another LA as not found, and refuses the dashboard to school staff", async () => {
    const world = await seedTwoLas(env.DB, today);
    const officer = await as(world.officer);
    expect((await officer(`/api/dashboard/la/schools/${world.corby.id}`)).status).toBe(404);
    expect((await officer(`/api/dashboard/la/overdue-reviews?schoolId=${world.corby.id}`)).status).toBe(404);
    expect((await officer(`/api/dashboard/la/schools/${world.ashby.id}`)).status).toBe(200);
    expect((await officer(`/api/dashboard/schools/${world.ashby.id}/register`)).status).toBe(403);
    const senco = await as(world.senco);
    expect((await senco("/api/dashboard/la/schools")).status).toBe(403);
    expect((await senco(`/api/dashboard/schools/${world.brook.id}/register`)).status).toBe(404);
    expect((await senco(`/api/dashboard/schools/${world.corby.id}/provision-map`)).status).toBe(404);
    expect((await (await as(world.teacher))(`/api/dashboard/schools/${world.ashby.id}/register`)).status).toBe(403);
    expect((await api("/api/dashboard/la/schools")).status).toBe(401);
  });
});
