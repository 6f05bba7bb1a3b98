import { env } from "cloudflare:test";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alerts, outbox } from "../../schema/tables";
import type { OutgoingMail } from "../../worker/mail/transport";
import { dailyDigestCron, runSchedule } from "../../worker/scheduled";
import { fireCron, pupilWithStaff, runningClock } from "../support/clocks";
import { db } from "../support/world";

/** A clock as a bad row would hold it, written straight into D1 past every schema: due in year 10000. */
async function poisonedClock(pupil: { id: string; schoolId: string; laId: string }) {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO clocks (id, pupil_id, school_id, la_id, kind, started_on, due_on, timescale, alerted) VALUES (?, ?, ?, ?, 'parentMeetingsThreeAYear', '9999-12-31', '+010000-04-30', '{"amount":4,"unit":"months","source":"test"}', '[]')`,
  )
    .bind(id, pupil.id, pupil.schoolId, pupil.laId)
    .run();
  return id;
}

/** A queued message whose payload no longer parses. */
async function unreadableMessage(laId: string) {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO outbox (id, la_id, audience, recipient_email, template, payload, dedupe_key, next_attempt_at, created_at) VALUES (?, ?, 'staff', 'someone@example.test', 'dailyDigest', 'not json', ?, '2031-03-10T00:00:00.000Z', '2031-03-10T00:00:00.000Z')`,
  )
    .bind(id, laId, `poisoned:${id}`)
    .run();
  return id;
}

describe("issue 16 finding: one date stops the scheduled run for every LA (a clock due +010000-04 sorts first and daysBetween throws)", () => {
  it("a run over data with one poisoned clock per LA still raises every other alert, queues the digests and delivers the outbox", async () => {
    const worlds = [await pupilWithStaff(), await pupilWithStaff()];
    const good: { id: string }[] = [];
    const poisoned: string[] = [];
    const unreadable: string[] = [];
    for (const world of worlds) {
      poisoned.push(await poisonedClock(world.pupil));
      good.push(await runningClock(world.pupil, "planReview", "2031-03-01"), await runningClock(world.pupil, "parentMeetingsThreeAYear", "2031-03-12"));
      unreadable.push(await unreadableMessage(world.la.id));
    }
    const sent: OutgoingMail[] = [];
    const run = await runSchedule(env, dailyDigestCron, "2031-03-10T06:00:00.000Z", {
      transport: { send: async (message) => (sent.push(message), { messageId: null }) },
      from: "stepwise@stepwise.test",
    });

    const raised = await db()
      .select({ clockId: alerts.clockId, threshold: alerts.threshold })
      .from(alerts)
      .where(
        inArray(
          alerts.clockId,
          good.map((c) => c.id),
        ),
      );
    expect(raised.map((a) => `${good.findIndex((c) => c.id === a.clockId)}:${a.threshold}`).sort()).toEqual(
      ["0:escalatedToSenco", "0:overdue", "1:dueSoon", "2:escalatedToSenco", "2:overdue", "3:dueSoon"].sort(),
    );
    const people = worlds.flatMap((w) => [w.teacher.id, w.senco.id]);
    const digests = await db()
      .select()
      .from(outbox)
      .where(and(inArray(outbox.recipientUserId, people), eq(outbox.template, "dailyDigest")));
    expect(digests.map((d) => d.recipientUserId).sort()).toEqual([...people].sort());
    expect(digests.every((d) => d.status === "sent")).toBe(true);
    expect(sent.map((m) => m.to).sort()).toEqual(expect.arrayContaining(worlds.flatMap((w) => [w.teacher.email, w.senco.email])));

    // Each bad row is named in the run's failures, left for a later run, and holds nothing else back.
    expect(
      run.failures
        .filter((f) => f.step === "alerts of clock")
        .map((f) => f.id)
        .sort(),
    ).toEqual([...poisoned].sort());
    expect(
      run.failures
        .filter((f) => f.step === "outbox message")
        .map((f) => f.id)
        .sort(),
    ).toEqual([...unreadable].sort());
    const kept = await db()
      .select({ status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError })
      .from(outbox)
      .where(inArray(outbox.id, unreadable));
    expect(kept).toEqual(unreadable.map(() => ({ status: "pending", attempts: 1, lastError: "The message could not be read" })));
  });

  it("the Worker's own hourly handler completes over a poisoned clock and raises the alerts after it", async () => {
    const { pupil } = await pupilWithStaff();
    await poisonedClock(pupil);
    const clock = await runningClock(pupil, "planReview", "2031-05-01");
    await fireCron("2031-05-02T05:17:00Z", "17 * * * *");
    // A plan review passing tells the teacher and, at once, the SENCO.
    const raised = await db().select({ threshold: alerts.threshold }).from(alerts).where(eq(alerts.clockId, clock.id));
    expect(raised.map((alert) => alert.threshold).sort()).toEqual(["escalatedToSenco", "overdue"]);
  });
});

describe("issue 16 finding: a digest that failed to queue was never queued again (only the daily run queues digests)", () => {
  it("the next hourly run of the day queues the digest that failed, and no one gets a second", async () => {
    const { pupil, teacher, senco } = await pupilWithStaff();
    await runningClock(pupil, "planReview", "2032-03-01");
    // The outbox refuses the teacher's digest for the daily run alone, as a store that is briefly down would.
    const trigger = `refuse_digest_${crypto.randomUUID().replaceAll("-", "")}`;
    await env.DB.prepare(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON outbox WHEN NEW.recipient_user_id = '${teacher.id}' AND NEW.template = 'dailyDigest' BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`,
    ).run();
    const mail = { transport: { send: async () => ({ messageId: null }) }, from: "stepwise@stepwise.test" };
    const digestsOf = async (userId: string) =>
      db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipientUserId, userId), eq(outbox.template, "dailyDigest")));

    const daily = await runSchedule(env, dailyDigestCron, "2032-03-10T06:00:00.000Z", mail);
    expect(daily.failures.filter((failure) => failure.step === "digest for person").map((failure) => failure.id)).toContain(teacher.id);
    expect(await digestsOf(teacher.id)).toEqual([]);
    expect(await digestsOf(senco.id)).toHaveLength(1);

    await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    const hourly = await runSchedule(env, "17 * * * *", "2032-03-10T07:17:00.000Z", mail);
    expect(hourly.failures.filter((failure) => failure.step === "digest for person")).toEqual([]);
    const [teachers] = await digestsOf(teacher.id);
    expect(teachers).toMatchObject({ status: "sent", payload: { date: "2032-03-10", items: [expect.objectContaining({ threshold: "overdue" })] } });
    expect(await digestsOf(senco.id)).toHaveLength(1);
  });
});
