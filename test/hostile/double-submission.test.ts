import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parentMeetings, parentViews, plans, recordsOfConcern, specialistInvolvements } from "../../schema/tables";
import { planBody } from "../support/records";
import { api, db, page, schoolWithPupil } from "../support/world";

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });
const rowsOf = async (table: typeof parentViews | typeof parentMeetings | typeof specialistInvolvements | typeof plans, pupilId: string) =>
  (await db().select({ n: count() }).from(table).where(eq(table.pupilId, pupilId)))[0]!.n;
const five = <T>(send: () => Promise<T>) => Promise.all(Array.from({ length: 5 }, send));

describe("issue 16 finding: staff forms without a decision store duplicates on a double click", () => {
  it("five parallel identical posts of parents' views with one Idempotency-Key store one row, and each is answered with it", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const key = crypto.randomUUID();
    const answers = await five(() =>
      api(`/api/pupils/${pupil.id}/parent-views`, { headers: { ...senco.headers, "Idempotency-Key": key }, body: { concerns: "Spelling" } }),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json.parentViews.id)).size).toBe(1);
    expect(await rowsOf(parentViews, pupil.id)).toBe(1);
    // Another key is another record; a key that is not one is refused, naming the header.
    expect(
      (
        await api(`/api/pupils/${pupil.id}/parent-views`, {
          headers: { ...senco.headers, "Idempotency-Key": crypto.randomUUID() },
          body: { concerns: "Spelling" },
        })
      ).status,
    ).toBe(201);
    const bad = await api(`/api/pupils/${pupil.id}/parent-views`, {
      headers: { ...senco.headers, "Idempotency-Key": "short" },
      body: { concerns: "Spelling" },
    });
    expect([bad.status, bad.json.error.fields[0].field]).toEqual([400, "Idempotency-Key"]);
    expect(await rowsOf(parentViews, pupil.id)).toBe(2);
  });

  it("the parents' views page carries a one-time key: five parallel posts of the same page store one row", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const form = await page(`/forms/pupils/${pupil.id}/parent-views`, { headers: bearer(senco) });
    const key = form.text.match(/name="idempotencyKey" value="([^"]+)"/)?.[1];
    expect(key).toMatch(/^[A-Za-z0-9_-]{22,128}$/);
    const posts = await five(() =>
      page(`/forms/pupils/${pupil.id}/parent-views`, { headers: bearer(senco), form: { idempotencyKey: key!, whatIsGoingWell: "Reads at bedtime" } }),
    );
    expect(posts.map((post) => post.status)).toEqual([303, 303, 303, 303, 303]);
    expect(await rowsOf(parentViews, pupil.id)).toBe(1);
    // A fresh view of the form is a fresh key.
    expect((await page(`/forms/pupils/${pupil.id}/parent-views`, { headers: bearer(senco) })).text).not.toContain(key!);
  });

  it("parent meetings, specialists' involvement and plans written without a decision store one record for five parallel posts", async () => {
    const { senco, pupil } = await schoolWithPupil("recordOfNeed", "apdrCycles");
    const post = (path: string, body: unknown) => {
      const key = crypto.randomUUID();
      return five(() => api(`/api/pupils/${pupil.id}/${path}`, { headers: { ...senco.headers, "Idempotency-Key": key }, body }));
    };
    const meetings = await post("parent-meetings", { heldOn: "2026-10-01", outcomesAgreed: "Practise reading at home" });
    const specialists = await post("specialist-involvements", { service: "Educational psychology", requestedOn: "2026-10-02" });
    const written = await post("plans", planBody());
    for (const answers of [meetings, specialists, written]) expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(meetings.map((answer) => answer.json.parentMeeting.id)).size).toBe(1);
    expect(new Set(specialists.map((answer) => answer.json.specialistInvolvement.id)).size).toBe(1);
    expect(new Set(written.map((answer) => answer.json.plan.id)).size).toBe(1);
    expect([await rowsOf(parentMeetings, pupil.id), await rowsOf(specialistInvolvements, pupil.id), await rowsOf(plans, pupil.id)]).toEqual([1, 1, 1]);
  });
});

describe("issue 16 finding: a staff Record of Concern sent twice", () => {
  it("the concern page carries a one-time key, and five parallel posts with it (API or page) store one concern", async () => {
    const { senco, pupil } = await schoolWithPupil("england2014", "senSupportDo");
    const concernsOf = async () => (await db().select({ n: count() }).from(recordsOfConcern).where(eq(recordsOfConcern.pupilId, pupil.id)))[0]!.n;
    const key = crypto.randomUUID();
    const body = { areasOfConcern: ["cognitionAndLearning"], description: "Finds reading hard" };
    const answers = await five(() => api(`/api/pupils/${pupil.id}/concerns`, { headers: { ...senco.headers, "Idempotency-Key": key }, body }));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await concernsOf()).toBe(1);

    const form = await page(`/forms/pupils/${pupil.id}/concern`, { headers: bearer(senco) });
    const formKey = form.text.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const posts = await five(() =>
      page(`/forms/pupils/${pupil.id}/concern`, {
        headers: bearer(senco),
        form: { idempotencyKey: formKey, areasOfConcern: "sensory", description: "Cannot see the board" },
      }),
    );
    expect(posts.map((post) => post.status)).toEqual([303, 303, 303, 303, 303]);
    expect(await concernsOf()).toBe(2);
  });
});
