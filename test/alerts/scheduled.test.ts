import { createScheduledController, env } from "cloudflare:test";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alerts, clocks, localAuthorities, outbox, termSnapshots } from "../../schema/tables";
import worker from "../../worker/index";
import { fireCron, pupilWithStaff, runningClock } from "../support/clocks";
import { db, schoolWithPupil } from "../support/world";

const alertsOf = (clockIds: string[]) =>
  db()
    .select({ clockId: alerts.clockId, threshold: alerts.threshold, audienceRole: alerts.audienceRole, resolvedAt: alerts.resolvedAt })
    .from(alerts)
    .where(inArray(alerts.clockId, clockIds));

const digestsFor = (userIds: string[]) =>
  db()
    .select()
    .from(outbox)
    .where(and(inArray(outbox.recipientUserId, userIds), eq(outbox.template, "dailyDigest")));

describe("the scheduled run, in workerd through the Worker's own scheduled handler", () => {
  it("a cron run twice on the same day raises each alert once, and each person gets one digest", async () => {
    const { pupil, teacher, senco, officer } = await pupilWithStaff();
    const soon = await runningClock(pupil, "parentMeetingsThreeAYear", "2026-03-13");
    const today = await runningClock(pupil, "ehcPlanAnnualReview", "2026-03-10");
    const late = await runningClock(pupil, "planReview", "2026-02-01");
    const later = await runningClock(pupil, "reviewsTwiceYearly", "2026-06-01");

    await fireCron("2026-03-10T06:00:00Z", "0 6 * * *");
    await fireCron("2026-03-10T06:00:00Z", "0 6 * * *");
    await fireCron("2026-03-10T14:17:00Z", "17 * * * *");

    const raised = await alertsOf([soon.id, today.id, late.id, later.id]);
    expect(raised.map((a) => [a.clockId, a.threshold, a.audienceRole]).sort()).toEqual(
      [
        [soon.id, "dueSoon", "teacher"],
        [today.id, "dueToday", "senco"],
        [late.id, "overdue", "teacher"],
        [late.id, "escalatedToSenco", "senco"],
        [late.id, "escalatedToLa", "laOfficer"],
      ].sort(),
    );
    // Each clock keeps what it has raised, so later runs know without reading the alerts.
    const [lateNow] = await db().select().from(clocks).where(eq(clocks.id, late.id));
    expect(lateNow!.alerted).toEqual(["overdue", "escalatedToSenco", "escalatedToLa"]);

    const digests = await digestsFor([teacher.id, senco.id, officer.id]);
    expect(digests.map((d) => d.recipientUserId).sort()).toEqual([teacher.id, senco.id, officer.id].sort());
    const teachers = digests.find((d) => d.recipientUserId === teacher.id);
    expect(teachers?.payload).toMatchObject({
      date: "2026-03-10",
      items: [expect.objectContaining({ threshold: "overdue" }), expect.objectContaining({ threshold: "dueSoon" })],
    });
    expect(digests.every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
  });

  it("runs through createScheduledController with the controller's time as now; a stopped clock's alerts are resolved as it stops", async () => {
    const { pupil } = await pupilWithStaff();
    const clock = await runningClock(pupil, "planReview", "2026-04-20");
    const run = (at: string) => worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: "17 * * * *" }), env);
    await run("2026-04-14T09:17:00Z");
    expect(await alertsOf([clock.id])).toEqual([expect.objectContaining({ threshold: "dueSoon", resolvedAt: null })]);

    await db().update(clocks).set({ stoppedAt: "2026-04-15T10:00:00.000Z" }).where(eq(clocks.id, clock.id));
    expect(await alertsOf([clock.id])).toEqual([expect.objectContaining({ threshold: "dueSoon", resolvedAt: "2026-04-15T10:00:00.000Z" })]);
    await run("2026-04-21T10:17:00Z");
    expect(await alertsOf([clock.id])).toHaveLength(1);
  });

  it("pages through more due clocks than one page holds (in due date, then id order), raising each clock's alert once", async () => {
    const { pupil } = await pupilWithStaff();
    // Three due dates, so pages break inside a run of equal dates and the cursor's id decides.
    const many = Array.from({ length: 1100 }, (_, i) => ({
      id: crypto.randomUUID(),
      pupilId: pupil.id,
      schoolId: pupil.schoolId,
      laId: pupil.laId,
      kind: "planReview",
      startedOn: "2026-01-05",
      dueOn: `2099-01-0${1 + (i % 3)}`,
      timescale: { amount: 1, unit: "days", source: "test" },
    }));
    const [first, ...rest] = many.map((clock) => db().insert(clocks).values(clock));
    await db().batch([first!, ...rest]);
    await fireCron("2099-01-04T05:17:00Z", "17 * * * *");
    const raised = await db().select({ clockId: alerts.clockId, threshold: alerts.threshold }).from(alerts).where(eq(alerts.pupilId, pupil.id));
    expect(
      raised
        .filter((a) => a.threshold === "overdue")
        .map((a) => a.clockId)
        .sort(),
    ).toEqual(many.map((c) => c.id).sort());
    expect(raised.filter((a) => a.threshold === "overdue")).toHaveLength(1100);
  });

  it("an overdue teacher's item reaches the SENCO and then the LA officer after the LA's own numbers of days", async () => {
    const { la, pupil } = await pupilWithStaff();
    await db()
      .update(localAuthorities)
      .set({ alertSettings: { escalateToSencoAfterDays: 2, escalateToLaAfterDays: 4 } })
      .where(eq(localAuthorities.id, la.id));
    const clock = await runningClock(pupil, "parentMeetingsThreeAYear", "2026-05-11");
    const thresholdsOn = async (day: string) => {
      await fireCron(`${day}T05:17:00Z`, "17 * * * *");
      return (await alertsOf([clock.id])).map((a) => `${a.threshold}:${a.audienceRole}`).sort();
    };
    expect(await thresholdsOn("2026-05-12")).toEqual(["overdue:teacher"]);
    expect(await thresholdsOn("2026-05-13")).toEqual(["escalatedToSenco:senco", "overdue:teacher"]);
    expect(await thresholdsOn("2026-05-14")).toEqual(["escalatedToSenco:senco", "overdue:teacher"]);
    expect(await thresholdsOn("2026-05-15")).toEqual(["escalatedToLa:laOfficer", "escalatedToSenco:senco", "overdue:teacher"]);
  });

  it("a tribunal window warns before it closes, closes itself afterwards, and is never escalated", async () => {
    const { pupil } = await pupilWithStaff();
    const clock = await runningClock(pupil, "tribunalAppealWindow", "2026-07-01");
    await fireCron("2026-07-01T05:17:00Z", "17 * * * *");
    await fireCron("2026-09-01T05:17:00Z", "17 * * * *");
    expect((await alertsOf([clock.id])).map((a) => a.threshold)).toEqual(["dueToday"]);
    const [stored] = await db().select().from(clocks).where(eq(clocks.id, clock.id));
    expect(stored?.stoppedAt).toBe("2026-09-01T05:17:00.000Z");
  });

  it("a teacher's alert for a pupil nobody is recorded as teaching reaches the school's SENCO in the digest", async () => {
    const { la, school, pupil, senco } = await schoolWithPupil("england2014");
    const clock = await runningClock({ ...pupil, schoolId: school.id, laId: la.id }, "planReview", "2026-10-05");
    await fireCron("2026-10-05T06:00:00Z", "0 6 * * *");
    const [digest] = await digestsFor([senco.id]);
    expect(digest?.payload).toMatchObject({ items: [expect.objectContaining({ threshold: "dueToday", clock: "Plan review date" })] });
    expect((await alertsOf([clock.id]))[0]?.audienceRole).toBe("teacher");
  });
});

describe("the daily scheduled run keeps the term's dashboard figures", () => {
  it("writes each school's and the LA's figures for the current term, and a second run the same term replaces them", async () => {
    const { la, school } = await schoolWithPupil("england2001", "schoolAction");
    const figures = () => db().select().from(termSnapshots).where(eq(termSnapshots.laId, la.id));
    await fireCron("2026-11-24T06:00:00.000Z", "17 * * * *");
    expect(await figures()).toEqual([]);

    await fireCron("2026-11-24T06:00:00.000Z", "0 6 * * *");
    const autumn = await figures();
    expect(autumn.find((row) => row.schoolId === school.id && row.measure === "onRegister")).toMatchObject({ term: "2026-autumn", value: 1 });
    expect(autumn.find((row) => row.schoolId === `la:${la.id}` && row.measure === "onRegister")).toMatchObject({ value: 1 });

    await fireCron("2026-11-25T06:00:00.000Z", "0 6 * * *");
    expect(await figures()).toHaveLength(autumn.length);
  });
});
