import { SELF } from "cloudflare:test";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alerts, clocks, outbox, recordsOfConcern } from "../../schema/tables";
import { fireCron, pupilWithStaff } from "../support/clocks";
import { api, createLa, createSchool, createStaff, db } from "../support/world";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe("an item recorded late is at once due or overdue as it really is (issue 15, item 1)", () => {
  it("an EHC request recorded 60 days after it was received is overdue on the LA dashboard at once, and alerted on the next run, once", async () => {
    const { senco, officer, pupil } = await pupilWithStaff("england2014", "senSupportDo");
    const receivedOn = day(-60);
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: {
        requestedBy: "parent",
        requestedOn: receivedOn,
        reasons: "Parents ask for an assessment",
        decision: "requestEhcNeedsAssessment",
        expectedVersion: pupil.version,
      },
    });
    expect(made.status).toBe(201);

    // Six weeks (42 days) from the day it was received, not from the day it was typed: 18 days overdue today.
    const [decisionClock] = await db()
      .select()
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupil.id), eq(clocks.kind, "ehcAssessmentDecision")));
    expect(decisionClock).toMatchObject({ startedOn: receivedOn, dueOn: day(-18), stoppedAt: null });
    const requests = await api("/api/dashboard/la/assessment-requests", { headers: officer.headers });
    expect(requests.json.rows).toEqual([expect.objectContaining({ decisionClock: "Overdue by 18 days" })]);

    const now = new Date().toISOString();
    await fireCron(now, "0 6 * * *");
    await fireCron(now, "0 6 * * *");
    await fireCron(new Date(Date.now() + 86_400_000).toISOString(), "0 6 * * *");
    const raised = await db().select().from(alerts).where(eq(alerts.clockId, decisionClock!.id));
    expect(raised.map((alert) => [alert.threshold, alert.audienceRole])).toEqual([["overdue", "laOfficer"]]);
    const digests = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipientUserId, officer.id), eq(outbox.template, "dailyDigest")));
    // One digest a day names it, today and, still overdue, tomorrow: never twice in a day.
    const naming = digests.filter((digest) => JSON.stringify(digest.payload).includes(day(-18)));
    const daysNamed = naming.map((digest) => (digest.payload as { date: string }).date);
    expect(daysNamed).toHaveLength(2);
    expect(new Set(daysNamed).size).toBe(2);
  });
});

describe("a timescale changed by the LA applies to clocks started after the change (issue 15, item 1)", () => {
  it("a parent's concern sent before the change keeps its reply-by date; one sent after uses the new timescale", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const officer = await createStaff("laOfficer", { laId: la.id });
    const send = async (ip: string) => {
      const sent = await SELF.fetch(`https://stepwise.test/api/public/schools/${school.publicSlug}/concerns`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": ip },
        body: JSON.stringify({
          childName: "Ada",
          childDateOfBirth: "2018-05-04",
          childYearGroup: "2",
          parentName: "Anne",
          parentRelationship: "Mother",
          parentEmail: "anne@example.test",
          description: "Reading is hard.",
        }),
      });
      expect(sent.status).toBe(201);
      const { reference } = (await sent.json()) as { reference: string };
      return reference;
    };
    const respondByOf = async (reference: string) =>
      (await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.reference, reference)))[0]!.respondBy;

    const before = await send("198.51.100.31");
    const firstRespondBy = await respondByOf(before);
    const changed = await api(`/api/las/${la.id}/timescales`, {
      method: "PUT",
      headers: officer.headers,
      body: { parentConcernResponse: { amount: 30, unit: "days" } },
    });
    expect(changed.status).toBe(200);
    const after = await send("198.51.100.32");

    expect(await respondByOf(before)).toBe(firstRespondBy);
    // Ten working days is at most three weeks on; thirty calendar days is always more.
    expect(firstRespondBy! <= day(21)).toBe(true);
    expect(await respondByOf(after)).toBe(day(30));
    const rows = await db()
      .select()
      .from(recordsOfConcern)
      .where(inArray(recordsOfConcern.reference, [before, after]));
    expect(rows).toHaveLength(2);
  });
});

describe("an exception to the time limits (SEND Regulations 2014, reg 10(4); issue 15, item 4)", () => {
  it("a request past its six weeks with an exception recorded is late with exception, with its reason, on the LA's list: not a breach", async () => {
    const { senco, officer, pupil } = await pupilWithStaff("england2014", "senSupportDo");
    const made = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
      headers: senco.headers,
      body: {
        requestedBy: "parent",
        requestedOn: day(-60),
        reasons: "Parents ask for an assessment",
        decision: "requestEhcNeedsAssessment",
        expectedVersion: pupil.version,
      },
    });
    expect(made.status).toBe(201);
    const before = await api("/api/dashboard/la/assessment-requests", { headers: officer.headers });
    expect(before.json.rows).toEqual([expect.objectContaining({ decisionClock: "Overdue by 18 days" })]);

    const requestId = made.json.assessmentRequest.id;
    const excepted = await api(`/api/pupils/${pupil.id}/assessment-requests/${requestId}/exceptions`, {
      headers: officer.headers,
      body: { reason: "The school was closed for four weeks", recordedOn: day(0) },
    });
    expect(excepted.status).toBe(200);
    const after = await api("/api/dashboard/la/assessment-requests", { headers: officer.headers });
    expect(after.json.rows).toEqual([expect.objectContaining({ decisionClock: "Late with exception (18 days): The school was closed for four weeks" })]);
  });
});
