import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ukToday } from "../../schema/rules";
import { parentMeetings, recordsOfConcern } from "../../schema/tables";
import { api, createLa, createSchool, db, schoolWithPupil } from "../support/world";

const meeting = { attendees: [], outcomesAgreed: "Agreed a reading plan." };

describe("issue 16 finding: one date stops the scheduled run for every LA (a meeting held on 9999-12-31 was accepted)", () => {
  it.each([
    ["9999-12-31", "Date of the meeting must be in a year between 1900 and 2100"],
    ["2101-01-01", "Date of the meeting must be in a year between 1900 and 2100"],
    ["1899-12-31", "Date of the meeting must be in a year between 1900 and 2100"],
    ["0000-01-01", "Date of the meeting must be in a year between 1900 and 2100"],
    ["+010000-04-01", "Date of the meeting must be a real date, YYYY-MM-DD"],
    ["2027-02-29", "Date of the meeting must be a real date"],
  ])("the API refuses a meeting held on %s with a 400 naming the field, and stores nothing", async (heldOn, message) => {
    const { senco, pupil } = await schoolWithPupil("england2014");
    const refused = await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers, body: { ...meeting, heldOn } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain(message);
    expect(await db().select().from(parentMeetings).where(eq(parentMeetings.pupilId, pupil.id))).toEqual([]);
  });

  it("the API takes a meeting held today and on 29 February of a leap year", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014");
    for (const heldOn of [ukToday(), "2024-02-29"]) {
      expect((await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers, body: { ...meeting, heldOn } })).status).toBe(201);
    }
  });

  it("the public form re-renders with 422 naming the date of birth for the year 9999, and stores nothing", async () => {
    const school = await createSchool((await createLa()).id, "england2001");
    const body = new URLSearchParams({
      idempotencyKey: crypto.randomUUID(),
      childName: "Ada",
      "childDateOfBirth.day": "31",
      "childDateOfBirth.month": "12",
      "childDateOfBirth.year": "9999",
      childYearGroup: "2",
      parentName: "Anne",
      parentRelationship: "Mother",
      description: "Reading.",
      website: "",
    });
    const response = await SELF.fetch(`https://stepwise.test/s/${school.publicSlug}/concern`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "CF-Connecting-IP": "10.9.9.9" },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Your child&#39;s date of birth must be in a year between 1900 and 2100");
    expect(await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.schoolId, school.id))).toEqual([]);
  });
});
