import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks } from "../../schema/tables";
import { pupilWithStaff, runningClock } from "../support/clocks";
import { api, createStaff, db } from "../support/world";

async function fetchFeed(url: string) {
  const response = await SELF.fetch(url);
  return { status: response.status, type: response.headers.get("Content-Type"), text: await response.text() };
}

const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim());

describe("each member of staff can subscribe to their dates as a secret iCalendar feed", () => {
  it("a SENCO's feed lists the running dates of their school and nobody else's; stopped clocks drop out", async () => {
    const mine = await pupilWithStaff();
    const other = await pupilWithStaff();
    const review = await runningClock(mine.pupil, "planReview", "2026-12-31");
    const meeting = await runningClock(mine.pupil, "parentMeetingsThreeAYear", "2027-01-15");
    const stopped = await runningClock(mine.pupil, "ehcFinalPlan", "2027-02-01");
    await db().update(clocks).set({ stoppedAt: "2026-11-01T00:00:00Z" }).where(eq(clocks.id, stopped.id));
    const foreign = await runningClock(other.pupil, "planReview", "2026-12-31");

    const created = await api("/api/calendar-feed", { method: "POST", headers: mine.senco.headers });
    expect(created.status).toBe(201);
    expect(created.json.url).toMatch(/^https:\/\/stepwise\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await fetchFeed(created.json.url);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe("text/calendar; charset=utf-8");
    expect(uids(feed.text)).toEqual([`${review.id}@stepwise`, `${meeting.id}@stepwise`]);
    expect(feed.text).toContain("SUMMARY:Plan review date: Sam E.");
    expect(uids(feed.text)).not.toContain(`${foreign.id}@stepwise`);
  });

  it("a teacher sees only the pupils they teach; an LA officer sees the whole LA", async () => {
    const world = await pupilWithStaff();
    const clock = await runningClock(world.pupil, "parentMeetingsThreeAYear", "2027-03-01");
    const otherTeacher = await createStaff("teacher", { laId: world.la.id, schoolIds: [world.school.id] });
    for (const [who, expected] of [
      [world.teacher, [clock.id]],
      [otherTeacher, []],
      [world.officer, [clock.id]],
    ] as const) {
      const { json } = await api("/api/calendar-feed", { method: "POST", headers: who.headers });
      expect(uids((await fetchFeed(json.url)).text)).toEqual(expected.map((id) => `${id}@stepwise`));
    }
  });

  it("asking again replaces the address: the old one stops working, and only a hash of the secret is kept", async () => {
    const { senco } = await pupilWithStaff();
    const first = await api("/api/calendar-feed", { method: "POST", headers: senco.headers });
    const second = await api("/api/calendar-feed", { method: "POST", headers: senco.headers });
    expect((await fetchFeed(first.json.url)).status).toBe(404);
    expect((await fetchFeed(second.json.url)).status).toBe(200);
    const secret = second.json.url.split("/").pop().replace(".ics", "");
    const stored = await db().query.staffUsers.findFirst({ where: (u, { eq }) => eq(u.id, senco.id) });
    expect(stored?.calendarTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.calendarTokenHash).not.toContain(secret);

    expect((await api("/api/calendar-feed", { method: "DELETE", headers: senco.headers })).status).toBe(204);
    expect((await fetchFeed(second.json.url)).status).toBe(404);
  });

  it("an address that is not a feed is refused; creating one needs a sign-in", async () => {
    expect((await fetchFeed("https://stepwise.test/api/calendar/not-a-secret.ics")).status).toBe(400);
    expect((await fetchFeed(`https://stepwise.test/api/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
    expect((await api("/api/calendar-feed", { method: "POST" })).status).toBe(401);
  });
});
