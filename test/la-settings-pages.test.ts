import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, closureDays, localAuthorities } from "../schema/tables";
import { ukToday } from "../schema/rules";
import { datesFromTo, overridesOf, timescalesInForceQuery } from "../worker/las/settings";
import { startOfUkDay, ukDateTime } from "../worker/audit/page";
import { createLa, createSchool, createStaff, db, page } from "./support/world";

const cookieOf = (staff: { token: string }) => `__Host-stepwise_session=${staff.token}`;

describe("the LA's settings as forms", () => {
  it("saves a local timescale and alert settings, ignores a statutory one, refuses bad numbers by field, and audits each", async () => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const cookie = cookieOf(officer);
    const shown = await page(`/forms/las/${la.id}/settings`, { cookie });
    expect(shown.status).toBe(200);
    expect(shown.text).not.toContain('name="ehcFinalPlan.amount"');
    expect(shown.text).toContain('name="drsMeetingHeld.amount"');

    const bad = await page(`/forms/las/${la.id}/timescales`, { cookie, form: { "drsMeetingHeld.amount": "0", "drsMeetingHeld.unit": "workingDays" } });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('href="#drsMeetingHeld.amount"');
    // The form offers no statutory timescale; one posted anyway changes nothing.
    expect((await page(`/forms/las/${la.id}/timescales`, { cookie, form: { "ehcFinalPlan.amount": "30", "ehcFinalPlan.unit": "weeks" } })).status).toBe(303);
    expect(overridesOf(await timescalesInForceQuery(db(), la.id, ukToday()))).toEqual({});

    const saved = await page(`/forms/las/${la.id}/timescales`, {
      cookie,
      form: { "drsMeetingHeld.amount": "12", "drsMeetingHeld.unit": "workingDays", "drsMeetingOffered.amount": "", "drsMeetingOffered.unit": "weeks" },
    });
    expect([saved.status, saved.headers.get("Location")]).toEqual([303, `/forms/las/${la.id}/settings?saved=timescales#timescales`]);
    const alerts = await page(`/forms/las/${la.id}/alert-settings`, {
      cookie,
      form: { dueSoonDays: "10", escalateToSencoAfterDays: "30", escalateToLaAfterDays: "" },
    });
    expect(alerts.status).toBe(422);
    expect(alerts.text).toContain("Escalation to the LA must come after escalation to the SENCO");
    expect((await page(`/forms/las/${la.id}/alert-settings`, { cookie, form: { dueSoonDays: "10" } })).status).toBe(303);
    const stored = await db().select().from(localAuthorities).where(eq(localAuthorities.id, la.id)).get();
    expect(overridesOf(await timescalesInForceQuery(db(), la.id, ukToday()))).toEqual({ drsMeetingHeld: { amount: 12, unit: "workingDays" } });
    expect(stored?.alertSettings).toEqual({ dueSoonDays: 10 });

    const entries = await db().select({ resource: auditLog.resource, outcome: auditLog.outcome }).from(auditLog).where(eq(auditLog.actorId, officer.id));
    expect(entries).toEqual([
      { resource: "timescales", outcome: "refused" },
      { resource: "timescales", outcome: "done" },
      { resource: "timescales", outcome: "done" },
      { resource: "alertSettings", outcome: "refused" },
      { resource: "alertSettings", outcome: "done" },
    ]);
  });

  it("adds a closure day or a range, keeps days already there, removes one, and refuses a backwards or too-long range", async () => {
    const la = await createLa();
    const officer = await createStaff("laOfficer", { laId: la.id });
    const cookie = cookieOf(officer);
    const range = (from: string, to: string) => ({
      "from.day": from.slice(8),
      "from.month": from.slice(5, 7),
      "from.year": from.slice(0, 4),
      "to.day": to.slice(8),
      "to.month": to.slice(5, 7),
      "to.year": to.slice(0, 4),
      reason: "Half term",
    });
    expect(
      (await page(`/forms/las/${la.id}/closure-days`, { cookie, form: { ...range("2027-02-15", "2027-02-15"), "to.day": "", "to.month": "", "to.year": "" } }))
        .status,
    ).toBe(303);
    expect((await page(`/forms/las/${la.id}/closure-days`, { cookie, form: range("2027-02-14", "2027-02-17") })).status).toBe(303);
    const backwards = await page(`/forms/las/${la.id}/closure-days`, { cookie, form: range("2027-02-17", "2027-02-14") });
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain('href="#to.day"');
    expect((await page(`/forms/las/${la.id}/closure-days`, { cookie, form: range("2027-03-01", "2027-04-15") })).status).toBe(422);
    expect((await page(`/forms/las/${la.id}/closure-days`, { cookie, form: range("2027-02-15", "2027-02-16") })).status).toBe(422);
    expect((await page(`/forms/las/${la.id}/closure-days/2027-02-16/remove`, { cookie, form: {} })).status).toBe(303);
    expect((await page(`/forms/las/${la.id}/closure-days/2027-02-16/remove`, { cookie, form: {} })).status).toBe(404);
    const days = await db().select({ date: closureDays.date }).from(closureDays).where(eq(closureDays.laId, la.id)).orderBy(closureDays.date);
    expect(days.map((day) => day.date)).toEqual(["2027-02-14", "2027-02-15", "2027-02-17"]);
    const removals = await db()
      .select({ outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, officer.id), eq(auditLog.resource, "closureDay"), eq(auditLog.action, "update")));
    expect(removals).toEqual([{ outcome: "done" }, { outcome: "notFound" }]);
  });

  it("counts the days of a range, both ends included, across a month's end", () => {
    expect(datesFromTo("2027-02-27", "2027-03-02")).toEqual(["2027-02-27", "2027-02-28", "2027-03-01", "2027-03-02"]);
    expect(datesFromTo("2027-02-27", "2027-02-27")).toEqual(["2027-02-27"]);
  });
});

describe("the audit log as a page", () => {
  it("says when in UK time, and a UK day starts at midnight in London, summer or winter", () => {
    expect(ukDateTime("2026-06-14T09:32:00.000Z")).toBe("14 June 2026, 10:32");
    expect(ukDateTime("2026-12-14T09:32:00.000Z")).toBe("14 December 2026, 09:32");
    expect(startOfUkDay("2026-06-14")).toBe("2026-06-13T23:00:00.000Z");
    expect(startOfUkDay("2026-12-14")).toBe("2026-12-14T00:00:00.000Z");
  });

  it("pages back and forth through a head's log, 50 at a time, each entry once; a SENCO is refused", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const head = await createStaff("head", { laId: la.id, schoolIds: [school.id] });
    const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
    const at = (i: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, i)).toISOString();
    for (let batch = 0; batch < 12; batch++) {
      await db()
        .insert(auditLog)
        .values(
          Array.from({ length: 10 }, (_, i) => ({
            at: at(batch * 10 + i),
            actorKind: "staff" as const,
            actorId: senco.id,
            actorRole: "senco",
            action: "read" as const,
            resource: "pupil",
            schoolId: school.id,
            laId: la.id,
          })),
        );
    }
    const cookie = cookieOf(head);
    const rowsOf = (text: string) => [...text.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((match) => match[1]!);
    const linkOf = (text: string, label: string) => new RegExp(`<a href="([^"]+)">${label}`).exec(text)?.[1]?.replaceAll("&amp;", "&");
    const first = await page("/forms/audit", { cookie });
    expect(first.status).toBe(200);
    expect(rowsOf(first.text)).toHaveLength(50);
    expect(linkOf(first.text, "Previous page")).toBeUndefined();
    const second = await page(linkOf(first.text, "Next page")!, { cookie });
    const third = await page(linkOf(second.text, "Next page")!, { cookie });
    expect(rowsOf(third.text)).toHaveLength(20);
    expect(linkOf(third.text, "Next page")).toBeUndefined();
    const back = await page(linkOf(third.text, "Previous page")!, { cookie });
    expect(rowsOf(back.text)).toEqual(rowsOf(second.text));
    const firstAgain = await page(linkOf(back.text, "Previous page")!, { cookie });
    expect(rowsOf(firstAgain.text)).toEqual(rowsOf(first.text));
    expect(linkOf(firstAgain.text, "Previous page")).toBeUndefined();
    expect(rowsOf(first.text)[0]).toBe(ukDateTime(at(119)));
    const csv = await page(`/forms/audit?format=csv&pupil=&from.day=1&from.month=11&from.year=2026`, { cookie });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.text.trim().split("\r\n")).toHaveLength(51);
    expect((await page("/forms/audit", { cookie: cookieOf(senco) })).status).toBe(403);
    expect((await page("/forms/audit?from.day=31&from.month=2&from.year=2026", { cookie })).status).toBe(422);
  });
});
