import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, outbox } from "../../schema/tables";
import { dayOf } from "../../worker/dashboards/words";
import { fireCron, pupilWithStaff } from "../support/clocks";
import { dayPlus } from "../support/dashboard-seed";
import { reviewBody, writePlan } from "../support/records";
import { api, db, page } from "../support/world";

const today = dayOf(new Date());
const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });

describe("one truth for what is due: every page reads the running clocks", () => {
  it("a review made overdue shows on the register, the pupil's page, the tasks, the LA's lists and the digest; recording it clears all five", async () => {
    const { school, senco, officer, pupil } = await pupilWithStaff("england2014", "senSupportDo");
    const plan = await writePlan(pupil.id, senco.headers, { dateWritten: dayPlus(today, -60), reviewDate: dayPlus(today, 30) });
    // Overdue in the data: the plan's review clock passed its date three days ago.
    await db()
      .update(clocks)
      .set({ dueOn: dayPlus(today, -3) })
      .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "planReview")));

    const shown = async () => {
      const [register, file, tasks, overdue, schools] = await Promise.all([
        api(`/api/dashboard/schools/${school.id}/register`, { headers: senco.headers }),
        page(`/forms/pupils/${pupil.id}`, { headers: bearer(senco) }),
        api(`/api/dashboard/schools/${school.id}/tasks`, { headers: senco.headers }),
        api("/api/dashboard/la/overdue-reviews", { headers: officer.headers }),
        api("/api/dashboard/la/schools", { headers: officer.headers }),
      ]);
      return {
        register: register.json.rows.find((row: { pupilId: string }) => row.pupilId === pupil.id)?.planStatus,
        page: /Plan review date: by [^<]+<strong class="tag tag--red">Overdue by 3 days<\/strong>/.test(file.text),
        tasks: tasks.json.rows
          .filter((row: { task: string }) => row.task.startsWith("Hold the review"))
          .map((row: { when: string; href: string }) => [row.when, row.href]),
        la: overdue.json.rows.filter((row: { pupilId: string }) => row.pupilId === pupil.id).map((row: { daysOverdue: number }) => row.daysOverdue),
        school: schools.json.rows.find((row: { schoolId: string }) => row.schoolId === school.id)?.overdueReviews,
      };
    };
    expect(await shown()).toEqual({
      register: "Review overdue",
      page: true,
      tasks: [["Overdue by 3 days", `/forms/pupils/${pupil.id}/review`]],
      la: [3],
      school: 1,
    });

    const digestOf = async (day: string) => {
      await fireCron(`${day}T06:00:00Z`, "0 6 * * *");
      const rows = await db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipientUserId, senco.id), eq(outbox.template, "dailyDigest")));
      const digest = rows.find((row) => (row.payload as { date: string }).date === day);
      return (
        (digest?.payload as { items: { pupilId: string; clock: string }[] } | undefined)?.items
          .filter((item) => item.pupilId === pupil.id)
          .map((item) => item.clock) ?? []
      );
    };
    expect(await digestOf(today)).toEqual(["Plan review date"]);
    // Still overdue the next day: the digest says so again, as the pages do.
    expect(await digestOf(dayPlus(today, 1))).toEqual(["Plan review date"]);

    const recorded = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: reviewBody({ planId: plan.id, reviewDate: today, signedOn: today }),
    });
    expect(recorded.status).toBe(201);
    expect(await shown()).toEqual({ register: "Copy not given to parents", page: false, tasks: [], la: [], school: 0 });
    expect(await digestOf(dayPlus(today, 2))).toEqual([]);
  });

  it("a teacher's Record of Concern is a SENCO task, an emailed notice the same day and a register row marked 'Concern raised'", async () => {
    const { school, senco, teacher, pupil } = await pupilWithStaff("england2014");
    const raised = await api(`/api/pupils/${pupil.id}/concerns`, {
      headers: teacher.headers,
      body: { areasOfConcern: ["cognitionAndLearning"], description: "Reads well below his peers" },
    });
    expect(raised.status).toBe(201);

    const tasks = await api(`/api/dashboard/schools/${school.id}/tasks`, { headers: senco.headers });
    expect(tasks.status, JSON.stringify(tasks.json)).toBe(200);
    expect(tasks.json.rows).toEqual([
      expect.objectContaining({
        pupilId: pupil.id,
        href: `/forms/pupils/${pupil.id}`,
        dueOn: today,
        task: expect.stringMatching(/^Decide the action on the Record of Concern raised on /),
      }),
    ]);
    const [notice] = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.pupilId, pupil.id), eq(outbox.template, "staffConcernRaised")));
    expect(notice).toMatchObject({ audience: "staff", schoolId: school.id });
    expect(notice!.createdAt.slice(0, 10)).toBe(today);
    const register = await api(`/api/dashboard/schools/${school.id}/register`, { headers: senco.headers });
    expect(register.json.rows).toEqual([expect.objectContaining({ pupilId: pupil.id, stageLabel: "Concern raised", planStatus: "Concern raised" })]);

    // A SENCO's own concern is theirs already: no notice to themselves.
    const own = await pupilWithStaff("england2014");
    await api(`/api/pupils/${own.pupil.id}/concerns`, {
      headers: own.senco.headers,
      body: { areasOfConcern: ["cognitionAndLearning"], description: "Reads well below his peers" },
    });
    expect(
      await db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.pupilId, own.pupil.id), eq(outbox.template, "staffConcernRaised"))),
    ).toEqual([]);
  });
});
