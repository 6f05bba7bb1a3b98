import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, clocks, pupilEvents, pupils } from "../../schema/tables";
import { api, createLa, createSchool, createStaff, db, newUpn, page } from "../support/world";

/** A school (SEND Code 2014), its SENCO and a teacher, and a pupil with an EHC plan (so a clock runs). */
async function school() {
  const la = await createLa();
  const at = await createSchool(la.id, "england2014");
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [at.id] });
  const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [at.id] });
  const enrolled = await api("/api/pupils", {
    headers: senco.headers,
    body: {
      upn: newUpn(),
      givenName: "Lee",
      familyName: "Leaving",
      dateOfBirth: "2015-03-04",
      yearGroup: "6",
      schoolId: at.id,
      stage: "ehcPlan",
      primaryNeed: "ASD",
    },
  });
  return { la, at, senco, teacher, pupilId: enrolled.json.pupil.id as string };
}

const auth = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });
const left = (day: string, month: string, year: string, destination = "") => ({ "leftOn.day": day, "leftOn.month": month, "leftOn.year": year, destination });

describe("a pupil leaving for a school not on Stepwise", () => {
  it("the SENCO downloads the CTF and records the day they left and where to: the record closes, its clocks stop, the history and audit log say so", async () => {
    const { la, at, senco, pupilId } = await school();
    const form = await page(`/forms/pupils/${pupilId}/leaving`, { headers: auth(senco) });
    expect(form.status).toBe(200);
    expect(form.text).toContain(`href="/forms/pupils/${pupilId}/ctf"`);
    expect(form.text).toContain('name="leftOn.day"');
    const ctf = await page(`/forms/pupils/${pupilId}/ctf`, { headers: auth(senco) });
    expect(ctf.status).toBe(200);
    expect(ctf.text).toContain("<CTfile>");
    expect(
      (
        await db()
          .select()
          .from(clocks)
          .where(and(eq(clocks.pupilId, pupilId)))
      ).filter((c) => !c.stoppedAt),
    ).toHaveLength(1);

    const posted = await page(`/forms/pupils/${pupilId}/leaving`, { headers: auth(senco), form: left("17", "7", "2026", "Oak Academy, URN 654321") });
    expect([posted.status, posted.headers.get("Location")]).toEqual([303, `/forms/pupils/${pupilId}/leaving`]);

    const [row] = await db().select().from(pupils).where(eq(pupils.id, pupilId));
    expect(row?.closedAt).not.toBeNull();
    const running = await db().select().from(clocks).where(eq(clocks.pupilId, pupilId));
    expect(running.every((c) => c.stoppedAt !== null)).toBe(true);
    const events = await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupilId));
    expect(events.at(-1)).toMatchObject({
      move: "closeRecord",
      actorUserId: senco.id,
      reason: "Left the school on 17 July 2026, for Oak Academy, URN 654321: record closed",
    });
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, pupilId), eq(auditLog.action, "close")));
    expect(audited.map((a) => [a.actorId, a.resource, a.schoolId, a.laId, a.outcome])).toEqual([[senco.id, "leaving", at.id, la.id, "done"]]);

    const shown = await page(`/forms/pupils/${pupilId}/leaving`, { headers: auth(senco) });
    expect(shown.text).toContain("The record is closed");
    expect(shown.text).toContain("Left the school on 17 July 2026, for Oak Academy, URN 654321: record closed");
    // Kept until the date of birth plus the LA's retention period (31 years by default), then erased by the scheduled run.
    expect(shown.text).toContain("4 March 2046");
    // A closed record takes no more changes: a second leaving changes nothing.
    await page(`/forms/pupils/${pupilId}/leaving`, { headers: auth(senco), form: left("18", "7", "2026") });
    expect(await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupilId))).toHaveLength(events.length);
    expect((await api(`/api/pupils/${pupilId}/moves`, { headers: senco.headers, body: { move: "x", expectedVersion: 9 } })).status).not.toBe(200);
  });

  it("a missing, impossible or future date, or one before the pupil was born, is refused on the page naming the field, and nothing is closed", async () => {
    const { senco, pupilId } = await school();
    const next = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10).split("-");
    for (const [fields, said] of [
      [left("", "", ""), "Enter the date the pupil left"],
      [left("31", "2", "2026"), "The date the pupil left must be a real date"],
      [left(next[2]!, next[1]!, next[0]!), "The date the pupil left must be today or in the past"],
      [left("1", "1", "2014"), "The date must be on or after the pupil&#39;s date of birth"],
    ] as const) {
      const answer = await page(`/forms/pupils/${pupilId}/leaving`, { headers: auth(senco), form: fields });
      expect([answer.status, answer.text.includes(said), answer.text.includes("<title>Error: ")]).toEqual([422, true, true]);
      expect(answer.text).toContain('href="#leftOn.day"');
    }
    const kept = await page(`/forms/pupils/${pupilId}/leaving`, { headers: auth(senco), form: left("1", "1", "2014", "Elm School") });
    expect(kept.text).toContain('value="Elm School"');
    expect((await db().select().from(pupils).where(eq(pupils.id, pupilId)))[0]?.closedAt).toBeNull();
  });

  it("a teacher who does not teach the pupil finds nothing to record (the matrix checks a teacher who does: 403)", async () => {
    const { teacher, pupilId } = await school();
    expect((await page(`/forms/pupils/${pupilId}/leaving`, { headers: auth(teacher), form: left("1", "7", "2026") })).status).toBe(404);
    expect((await db().select().from(pupils).where(eq(pupils.id, pupilId)))[0]?.closedAt).toBeNull();
  });
});
