import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alerts, clocks, outbox } from "../../schema/tables";
import { fireCron, pupilWithStaff } from "../support/clocks";
import { writePlan } from "../support/records";
import { db } from "../support/world";

describe("a plan's review date, written through the records API", () => {
  it("is alerted to the teacher who teaches the pupil on the day, in their digest, once", async () => {
    const { pupil, senco, teacher } = await pupilWithStaff("england2014", "senSupportDo");
    const plan = await writePlan(pupil.id, senco.headers, { reviewDate: "2027-01-04" });
    const [clock] = await db()
      .select()
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "planReview")));
    expect(clock).toMatchObject({ dueOn: "2027-01-04", subjectKind: "plan", subjectId: plan.id, stoppedAt: null });

    await fireCron("2027-01-04T06:00:00Z", "0 6 * * *");
    await fireCron("2027-01-04T06:00:00Z", "0 6 * * *");
    expect((await db().select().from(alerts).where(eq(alerts.clockId, clock!.id))).map((a) => [a.threshold, a.audienceRole])).toEqual([
      ["dueToday", "teacher"],
    ]);
    const digests = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipientUserId, teacher.id), eq(outbox.template, "dailyDigest")));
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      status: "sent",
      recipientEmail: teacher.email,
      payload: expect.objectContaining({ items: [expect.objectContaining({ clock: "Plan review date", dueOn: "2027-01-04" })] }),
    });
  });

  it("the day after it passes, the first run alerts the SENCO as well as the teacher, each in their digest, once", async () => {
    const { pupil, senco, teacher } = await pupilWithStaff("england2014", "senSupportDo");
    await writePlan(pupil.id, senco.headers, { reviewDate: "2027-01-04" });
    const [clock] = await db()
      .select()
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "planReview")));

    await fireCron("2027-01-05T06:00:00Z", "0 6 * * *");
    await fireCron("2027-01-05T06:00:00Z", "0 6 * * *");
    const raised = await db().select().from(alerts).where(eq(alerts.clockId, clock!.id));
    expect(raised.map((a) => [a.threshold, a.audienceRole]).sort()).toEqual([
      ["escalatedToSenco", "senco"],
      ["overdue", "teacher"],
    ]);
    for (const person of [teacher, senco]) {
      const digests = await db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipientUserId, person.id), eq(outbox.template, "dailyDigest")));
      expect(digests, person.email).toHaveLength(1);
      expect(digests[0]!.payload).toEqual(expect.objectContaining({ items: [expect.objectContaining({ clock: "Plan review date", dueOn: "2027-01-04" })] }));
    }
  });
});
