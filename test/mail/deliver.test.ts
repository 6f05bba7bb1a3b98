import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../schema/tables";
import { deliverOutbox, deliverySettings } from "../../worker/mail/deliver";
import type { MailTransport, OutgoingMail } from "../../worker/mail/transport";
import { pupilWithStaff } from "../support/clocks";
import { createStaff, db } from "../support/world";

const from = "stepwise@stepwise.test";

/** A transport that fails its first `failures` sends, then delivers; it records every message it delivered. */
function flakyTransport(failures: number, delayMs = 0) {
  const delivered: OutgoingMail[] = [];
  let calls = 0;
  const transport: MailTransport = {
    async send(mail) {
      calls += 1;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (calls <= failures) throw new Error(`provider unavailable (${calls})`);
      delivered.push(mail);
      return { messageId: `provider-${delivered.length}` };
    },
  };
  return { transport, delivered, calls: () => calls };
}

async function queueDigest(userId: string, email: string, at: string) {
  const id = crypto.randomUUID();
  await db()
    .insert(outbox)
    .values({
      id,
      audience: "staff",
      recipientUserId: userId,
      recipientEmail: email,
      template: "dailyDigest",
      payload: {
        date: at.slice(0, 10),
        name: "Ms Teacher",
        items: [{ pupilId: "p", pupil: "Sam E.", clock: "Plan review date", threshold: "dueToday", dueOn: at.slice(0, 10) }],
      },
      dedupeKey: `test:${id}`,
      nextAttemptAt: at,
    });
  return id;
}

const read = (id: string) => db().select().from(outbox).where(eq(outbox.id, id)).get();
const minutesAfter = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

describe("delivering the outbox", () => {
  it("a transport that fails three times then recovers delivers the message exactly once, backing off between tries", async () => {
    const { teacher } = await pupilWithStaff();
    const start = "2030-01-07T06:00:00.000Z";
    const id = await queueDigest(teacher.id, teacher.email, start);
    const flaky = flakyTransport(3);

    let now = start;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await deliverOutbox(db(), flaky.transport, from, now);
      const row = await read(id);
      expect(row).toMatchObject({ status: "pending", attempts: attempt, lastError: `provider unavailable (${attempt})`, claimedUntil: null });
      // Not retried before its time: a run a minute early leaves it alone.
      await deliverOutbox(db(), flaky.transport, from, minutesAfter(row!.nextAttemptAt, -1));
      waits.push((Date.parse(row!.nextAttemptAt) - Date.parse(now)) / 60_000);
      now = row!.nextAttemptAt;
    }
    expect(waits).toEqual([2, 4, 8]);

    await deliverOutbox(db(), flaky.transport, from, now);
    await deliverOutbox(db(), flaky.transport, from, minutesAfter(now, 60));
    expect(flaky.delivered.map((m) => m.id)).toEqual([id]);
    expect(flaky.calls()).toBe(4);
    expect(await read(id)).toMatchObject({ status: "sent", attempts: 4, sentAt: now, providerMessageId: "provider-1", lastError: null });
    expect(flaky.delivered[0]).toMatchObject({ to: teacher.email, from, subject: expect.stringContaining("1 date needs your attention") });
  });

  it("two overlapping runs never send one message twice", async () => {
    const { teacher, senco } = await pupilWithStaff();
    const at = "2030-02-04T06:00:00.000Z";
    const ids = [await queueDigest(teacher.id, teacher.email, at), await queueDigest(senco.id, senco.email, at)];
    const slow = flakyTransport(0, 50);
    await Promise.all([
      deliverOutbox(db(), slow.transport, from, at),
      deliverOutbox(db(), slow.transport, from, at),
      deliverOutbox(db(), slow.transport, from, minutesAfter(at, 1)),
    ]);
    expect(
      slow.delivered
        .map((m) => m.id)
        .filter((id) => ids.includes(id))
        .sort(),
    ).toEqual([...ids].sort());
    const rows = await db().select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("a message that never gets through is kept, marked failed with its last error, never deleted", async () => {
    const { teacher } = await pupilWithStaff();
    let now = "2030-03-04T06:00:00.000Z";
    const id = await queueDigest(teacher.id, teacher.email, now);
    const down = flakyTransport(Number.POSITIVE_INFINITY);
    for (let attempt = 1; attempt <= deliverySettings.maxAttempts; attempt++) {
      await deliverOutbox(db(), down.transport, from, now);
      now = (await read(id))!.nextAttemptAt;
    }
    await deliverOutbox(db(), down.transport, from, minutesAfter(now, 24 * 60));
    expect(down.calls()).toBe(deliverySettings.maxAttempts);
    expect(await read(id)).toMatchObject({
      status: "failed",
      attempts: deliverySettings.maxAttempts,
      lastError: expect.stringContaining("provider unavailable"),
    });
  });

  it("a notification queued for the authority goes to each of the LA's officers, once each", async () => {
    const { la, pupil, officer } = await pupilWithStaff();
    const at = "2030-04-01T06:00:00.000Z";
    const id = crypto.randomUUID();
    await db()
      .insert(outbox)
      .values({
        id,
        laId: la.id,
        schoolId: pupil.schoolId,
        pupilId: pupil.id,
        audience: "authority",
        template: "informTheAuthority",
        payload: { move: "requestEhcNeedsAssessment", toStage: "ehcNeedsAssessmentRequested", at },
        dedupeKey: `test:${id}`,
        nextAttemptAt: at,
      });
    const transport = flakyTransport(0);
    await deliverOutbox(db(), transport.transport, from, at);
    await deliverOutbox(db(), transport.transport, from, minutesAfter(at, 60));
    expect(transport.delivered.filter((m) => m.to === officer.email)).toHaveLength(1);
    expect(await read(id)).toMatchObject({ status: "sent", recipientEmail: officer.email });
  });

  it("a parents' notification with no parent email on record is kept as failed, saying why", async () => {
    const { la, pupil } = await pupilWithStaff();
    const at = "2030-05-06T06:00:00.000Z";
    const id = crypto.randomUUID();
    await db()
      .insert(outbox)
      .values({
        id,
        laId: la.id,
        schoolId: pupil.schoolId,
        pupilId: pupil.id,
        audience: "parents",
        template: "formallyNotifyParents",
        payload: { move: "startSenSupport", toStage: "senSupportAssess", at },
        dedupeKey: `test:${id}`,
        nextAttemptAt: at,
      });
    await deliverOutbox(db(), flakyTransport(0).transport, from, at);
    expect(await read(id)).toMatchObject({ status: "failed", lastError: expect.stringContaining("no parent email") });
  });

  it("a DRS notice for the school goes to its SENCO and head, once each", async () => {
    const { la, pupil, senco, school } = await pupilWithStaff();
    const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
    const at = "2030-06-03T06:00:00.000Z";
    const id = crypto.randomUUID();
    await db()
      .insert(outbox)
      .values({
        id,
        laId: la.id,
        schoolId: pupil.schoolId,
        pupilId: pupil.id,
        audience: "staff",
        template: "drs.meetingOffered",
        payload: { referralId: "r", step: "meetingOffered", at },
        dedupeKey: `test:${id}`,
        nextAttemptAt: at,
      });
    const transport = flakyTransport(0);
    await deliverOutbox(db(), transport.transport, from, at);
    await deliverOutbox(db(), transport.transport, from, minutesAfter(at, 60));
    expect(
      transport.delivered
        .map((m) => m.to)
        .filter((to) => [senco.email, head.email].includes(to))
        .sort(),
    ).toEqual([senco.email, head.email].sort());
  });
});
