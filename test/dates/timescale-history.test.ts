import { addDays, addMonths, format } from "date-fns";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ukToday } from "../../schema/rules";
import { clocks, laTimescaleChanges } from "../../schema/tables";
import { api, createStaff, db, newUpn, schoolWithPupil } from "../support/world";

const meeting = (heldOn: string) => ({
  heldOn,
  attendees: [
    { name: "Mrs Parent", position: "Mother" },
    { name: "Ms Senco", position: "SENCO" },
  ],
  outcomesAgreed: "Sam will read 20 high-frequency words by December",
  actionsAgreed: "Daily precision teaching",
});

/** Today in the UK moved by whole days or months, counted by date-fns rather than by the code under test. */
const fromToday = (days: number, months = 0) => format(addMonths(addDays(new Date(`${ukToday()}T12:00:00Z`), days), months), "yyyy-MM-dd");

/** A school at SEN support with two pupils, its SENCO and an officer of its LA. */
async function twoPupils() {
  const world = await schoolWithPupil("england2014", "senSupportDo");
  const second = await api("/api/pupils", {
    headers: world.senco.headers,
    body: {
      upn: newUpn(),
      givenName: "Ada",
      familyName: "Example",
      dateOfBirth: "2017-06-04",
      yearGroup: "4",
      schoolId: world.school.id,
      stage: "senSupportDo",
    },
  });
  expect(second.status).toBe(201);
  const officer = await createStaff("laOfficer", { laId: world.la.id });
  return { ...world, officer, pupils: [world.pupil.id, second.json.pupil.id as string] as const };
}

async function meetingsClockAfter(pupilId: string, headers: Record<string, string>, heldOn: string) {
  const recorded = await api(`/api/pupils/${pupilId}/parent-meetings`, { headers, body: meeting(heldOn) });
  expect(recorded.status).toBe(201);
  const [clock] = await db()
    .select()
    .from(clocks)
    .where(and(eq(clocks.pupilId, pupilId), eq(clocks.kind, "parentMeetingsThreeAYear"), isNull(clocks.stoppedAt)));
  return clock!;
}

describe("an LA's timescales are kept with the day each change takes effect (issue 15, item 1)", () => {
  it("a meeting held the day before the change, recorded after it, counts by the old setting; one held on the day by the new", async () => {
    const { la, senco, pupils } = await twoPupils();
    // The LA shortened its meetings clock from 4 months (the default) to 2, in force from 1 September 2026.
    await db()
      .insert(laTimescaleChanges)
      .values({ id: crypto.randomUUID(), laId: la.id, takesEffectOn: "2026-09-01", overrides: { parentMeetingsThreeAYear: { amount: 2, unit: "months" } } });

    // Both typed in today, long after 1 September: the day each was held decides.
    const before = await meetingsClockAfter(pupils[0], senco.headers, "2026-08-31");
    expect(before).toMatchObject({ startedOn: "2026-08-31", dueOn: "2026-12-31", timescale: expect.objectContaining({ amount: 4, unit: "months" }) });
    const onTheDay = await meetingsClockAfter(pupils[1], senco.headers, "2026-09-01");
    expect(onTheDay).toMatchObject({ startedOn: "2026-09-01", dueOn: "2026-11-01", timescale: expect.objectContaining({ amount: 2, unit: "months" }) });
  });

  it("an officer's change takes effect today: a meeting held yesterday keeps the old timescale, one held today the new; a running clock never moves", async () => {
    const { la, senco, officer, pupils } = await twoPupils();
    const running = await meetingsClockAfter(pupils[0], senco.headers, fromToday(-3));
    expect(running.dueOn).toBe(fromToday(-3, 4));

    const changed = await api(`/api/las/${la.id}/timescales`, {
      method: "PUT",
      headers: officer.headers,
      body: { parentMeetingsThreeAYear: { amount: 3, unit: "months" } },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.takesEffectOn).toBe(ukToday());
    expect(changed.json.timescales).toContainEqual(expect.objectContaining({ clock: "parentMeetingsThreeAYear", value: { amount: 3, unit: "months" } }));

    const [unmoved] = await db().select().from(clocks).where(eq(clocks.id, running.id));
    expect(unmoved).toMatchObject({ dueOn: fromToday(-3, 4), stoppedAt: null });

    // Recorded after the change: held yesterday, before it took effect.
    const yesterday = await meetingsClockAfter(pupils[0], senco.headers, fromToday(-1));
    expect(yesterday).toMatchObject({ startedOn: fromToday(-1), dueOn: fromToday(-1, 4), timescale: expect.objectContaining({ amount: 4 }) });
    const today = await meetingsClockAfter(pupils[1], senco.headers, fromToday(0));
    expect(today).toMatchObject({ startedOn: fromToday(0), dueOn: fromToday(0, 3), timescale: expect.objectContaining({ amount: 3 }) });
  });

  it("a change given a later day is shown as coming and leaves today's clocks alone; a day gone by is refused naming the field", async () => {
    const { la, senco, officer, pupils } = await twoPupils();
    const tomorrow = fromToday(1);
    const later = await api(`/api/las/${la.id}/timescales`, {
      method: "PUT",
      headers: officer.headers,
      body: { parentMeetingsThreeAYear: { amount: 1, unit: "months" }, takesEffectOn: tomorrow },
    });
    expect(later.status).toBe(200);
    expect(later.json.takesEffectOn).toBe(tomorrow);
    expect(later.json.timescales).toContainEqual(
      expect.objectContaining({ clock: "parentMeetingsThreeAYear", value: { amount: 4, unit: "months" }, changedByLa: false }),
    );
    expect(later.json.upcoming).toEqual([
      { takesEffectOn: tomorrow, timescales: [expect.objectContaining({ clock: "parentMeetingsThreeAYear", value: { amount: 1, unit: "months" } })] },
    ]);
    expect((await meetingsClockAfter(pupils[0], senco.headers, fromToday(0))).dueOn).toBe(fromToday(0, 4));

    const past = await api(`/api/las/${la.id}/timescales`, {
      method: "PUT",
      headers: officer.headers,
      body: { parentMeetingsThreeAYear: { amount: 1, unit: "months" }, takesEffectOn: fromToday(-1) },
    });
    expect(past.status).toBe(400);
    expect(past.json.error.fields).toEqual([expect.objectContaining({ field: "takesEffectOn", message: expect.stringMatching(/today or later/) })]);
    const tooFar = await api(`/api/las/${la.id}/timescales`, { method: "PUT", headers: officer.headers, body: { takesEffectOn: fromToday(0, 14) } });
    expect(tooFar.status).toBe(400);
    expect(tooFar.json.error.fields.map((f: { field: string }) => f.field)).toEqual(["takesEffectOn"]);
    expect(await db().select().from(laTimescaleChanges).where(eq(laTimescaleChanges.laId, la.id))).toHaveLength(1);
  });
});
