import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { issueStaffToken } from "../../worker/auth/tokens";
import { dayOf, schoolYearStart } from "../../worker/dashboards/words";
import { dayInWords } from "../../worker/calendar/day-words";
import { dayPlus } from "../support/dashboard-seed";
import { seedTwoLas } from "../support/dashboard-world";
import { api } from "../support/world";

const today = dayOf(new Date());
const sencoOf = async (user: { id: string }) => {
  const token = await issueStaffToken(env, { id: user.id, role: "senco", tokenVersion: 0 }, Math.floor(Date.now() / 1000));
  return { get: (path: string) => api(path, { headers: { Authorization: `Bearer ${token}` } }), token };
};

describe("the SENCO's SEN register, tasks and provision map", () => {
  it("lists the pupils on the register with stage, census code, needs, next review, meetings this year and plan status", async () => {
    const world = await seedTwoLas(env.DB, today);
    const { get } = await sencoOf(world.senco);
    const register = await get(`/api/dashboard/schools/${world.ashby.id}/register`);
    expect(register.status).toBe(200);
    const meetingsThisYear = [-20, -80].filter((days) => dayPlus(today, days) >= schoolYearStart(today)).length;
    expect(
      register.json.rows.map((row: Record<string, unknown>) => [row.pupil, row.provisionCode, row.nextReview, row.meetingsThisYear, row.planStatus]),
    ).toEqual([
      // The running review clocks say what is due, as on every other page: Cal's review clock has stopped.
      ["Amy Adams", "K", dayPlus(today, -10), meetingsThisYear, "Review overdue"],
      ["Ben Baker", "K", dayPlus(today, -3), 0, "Review overdue"],
      ['=HYPERLINK("http://evil.test") Carter, Jr', "K", null, 0, "Current"],
      ["Dee Dunn", "E", null, 0, "No plan"],
      ["Eli Evans", "E", null, 0, "No plan"],
    ]);
    expect(register.json.rows[0]).toMatchObject({ stageLabel: "SEN support: Plan", primaryNeed: "SPLD", areasOfNeed: "Cognition and learning" });
  });

  it("pages the register by name", async () => {
    const world = await seedTwoLas(env.DB, today);
    const { get } = await sencoOf(world.senco);
    const first = await get(`/api/dashboard/schools/${world.ashby.id}/register?limit=2`);
    const second = await get(`/api/dashboard/schools/${world.ashby.id}/register?limit=2&after=${encodeURIComponent(first.json.next)}`);
    expect([...first.json.rows, ...second.json.rows].map((row: { pupil: string }) => row.pupil.slice(0, 3))).toEqual(["Amy", "Ben", "=HY", "Dee"]);
    expect((await get(`/api/dashboard/schools/${world.ashby.id}/register?after=nonsense`)).status).toBe(400);
  });

  it("exports the register with the school census columns", async () => {
    const world = await seedTwoLas(env.DB, today);
    const { token } = await sencoOf(world.senco);
    const response = await SELF.fetch(`https://stepwise.test/api/dashboard/schools/${world.ashby.id}/register?format=csv`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("UPN,Surname,Forename,DOB,NCyearActual,SENprovision,SENtype1,SENtype2");
    expect(lines[1]).toMatch(/^[A-Z]\d{12},Adams,Amy,2016-03-04,5,K,SPLD,$/);
    expect(lines[3]).toMatch(/^[A-Z]\d{12},"Carter, Jr","'=HYPERLINK\(""http:\/\/evil\.test""\)",2016-03-04,5,K,,$/);
    expect(lines).toHaveLength(6);
  });

  it("gives the SENCO their tasks: reviews due, parents to meet, copies to give", async () => {
    const world = await seedTwoLas(env.DB, today);
    const { get } = await sencoOf(world.senco);
    const tasks = await get(`/api/dashboard/schools/${world.ashby.id}/tasks`);
    const list = tasks.json.rows.map((row: { pupil: string; task: string }) => `${row.pupil.slice(0, 3)}: ${row.task.split(" (")[0]!.split(":")[0]}`);
    expect(list).toEqual([
      "Amy: Hold the review",
      "Ben: Hold the review",
      "Ben: Meet the parents",
      "=HY: Meet the parents",
      "Dee: Meet the parents",
      "Eli: Meet the parents",
      "Ben: Give the parents a copy of the plan written " + dayInWords(dayPlus(today, -90)),
    ]);
    // Each task links to the page that does it; dated tasks come first, soonest (the overdue) first.
    const rows: { task: string; href: string; dueOn: string | null; when: string }[] = tasks.json.rows;
    expect(rows.every((row) => row.href.startsWith("/forms/"))).toBe(true);
    expect(rows.find((row) => row.task.startsWith("Hold the review"))).toMatchObject({
      href: expect.stringMatching(/^\/forms\/pupils\/[^/]+\/review$/),
      when: "Overdue by 10 days",
    });
    const dated = rows.map((row) => row.dueOn ?? "~");
    expect(dated).toEqual([...dated].sort());
    // A duty without a date is one line a pupil: how many meetings are held and when the next is due.
    expect(rows.filter((row) => row.task.startsWith("Meet the parents")).every((row) => / of 3 held this school year; the next is due /.test(row.task))).toBe(
      true,
    );
  });

  it("shows the provision map: each intervention's cost, pupils and how their targets went", async () => {
    const world = await seedTwoLas(env.DB, today);
    const { get } = await sencoOf(world.senco);
    const map = await get(`/api/dashboard/schools/${world.ashby.id}/provision-map`);
    expect(
      map.json.rows.map((row: Record<string, unknown>) => [
        row.intervention,
        row.costPerTerm,
        row.pupilCount,
        row.pupils,
        row.achieved,
        row.partlyAchieved,
        row.notAchieved,
        row.notYetReviewed,
        row.achievedShare,
      ]),
    ).toEqual([
      ["Lego therapy", "£150.00", 2, '=HYPERLINK("http://evil.test") Carter, Jr; Ben Baker', 0, 0, 1, 1, "0%"],
      ["Reading catch-up", "£600.00", 2, "Amy Adams; Ben Baker", 2, 1, 0, 0, "67%"],
    ]);
  });
});
