import { eq, getTableColumns, getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../schema/tables";
import { eraseExpiredRecords, erasedTables } from "../worker/records/close-and-erase";
import { fireCron } from "./support/clocks";
import { api, createLa, createSchool, createStaff, db, newUpn, page } from "./support/world";

const {
  alerts,
  assessmentRequests,
  auditLog,
  clocks,
  drsReferralSteps,
  drsReferrals,
  localAuthorities,
  outbox,
  parentLinks,
  parentMeetings,
  parentViews,
  planTargets,
  plans,
  pupils,
  recordsOfConcern,
  reviews,
  specialistInvolvements,
  teachingAssignments,
  tables,
  staffInvitations,
  invitationTeaching,
} = schema;

async function schoolAndSenco(retentionYearsAfterBirth = 31) {
  const la = await createLa({ retentionYearsAfterBirth });
  const school = await createSchool(la.id, "england2001");
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  return { la, school, senco };
}

async function enrol(world: Awaited<ReturnType<typeof schoolAndSenco>>, dateOfBirth: string) {
  const enrolled = await api("/api/pupils", {
    headers: world.senco.headers,
    body: {
      upn: newUpn(),
      givenName: "Alex",
      familyName: "Record",
      dateOfBirth: "2015-01-01",
      yearGroup: "4",
      schoolId: world.school.id,
      stage: "schoolAction",
    },
  });
  expect(enrolled.status).toBe(201);
  const pupil = enrolled.json.pupil as { id: string; version: number };
  // A record outlives its pupil's school years: a birth no one may type today (an age over 25) is set in the data.
  await db().update(pupils).set({ dateOfBirth }).where(eq(pupils.id, pupil.id));
  return pupil;
}

/** A row in every table that can hold something of the pupil. */
async function fillRecord(world: Awaited<ReturnType<typeof schoolAndSenco>>, pupilId: string) {
  const ids = { plan: crypto.randomUUID(), referral: crypto.randomUUID(), clock: crypto.randomUUID(), link: crypto.randomUUID() };
  const scope = { pupilId, schoolId: world.school.id };
  await db().insert(teachingAssignments).values({ userId: world.senco.id, pupilId });
  const invitationId = crypto.randomUUID();
  await db()
    .insert(staffInvitations)
    .values({
      id: invitationId,
      email: `${invitationId}@x.test`,
      name: "Invited",
      role: "teacher",
      laId: world.la.id,
      schoolId: world.school.id,
      tokenHash: invitationId,
      invitedByUserId: world.senco.id,
      expiresAt: "2099-01-01T00:00:00.000Z",
    });
  await db().insert(invitationTeaching).values({ invitationId, pupilId });
  await db()
    .insert(recordsOfConcern)
    .values({ id: crypto.randomUUID(), ...scope, raisedBy: "staff", areasOfConcern: ["sensory"], description: "d" });
  await db()
    .insert(plans)
    .values({ id: ids.plan, ...scope, stage: "schoolAction", objective: "o", baseline: "b", dateWritten: "2001-01-01", reviewDate: "2001-04-01" });
  await db().insert(planTargets).values({
    id: crypto.randomUUID(),
    planId: ids.plan,
    position: 1,
    target: "t",
    successCriteria: "s",
    materials: "m",
    methods: "m",
    deliveredBy: "d",
    groupSize: "1",
    frequency: "f",
  });
  await db()
    .insert(reviews)
    .values({
      id: crypto.randomUUID(),
      ...scope,
      planId: ids.plan,
      stage: "schoolAction",
      reviewDate: "2001-04-01",
      areasOfConcern: ["sensory"],
      evaluation: "e",
    });
  await db()
    .insert(specialistInvolvements)
    .values({ id: crypto.randomUUID(), ...scope, service: "SESS", requestedOn: "2001-02-01" });
  await db()
    .insert(parentMeetings)
    .values({ id: crypto.randomUUID(), ...scope, heldOn: "2001-02-02", outcomesAgreed: "o" });
  await db()
    .insert(drsReferrals)
    .values({
      id: ids.referral,
      ...scope,
      laId: world.la.id,
      informalResolutionTried: "i",
      summaryOfIssues: "s",
      actionsTaken: "a",
      currentStep: "referralSubmitted",
      timescales: {},
    });
  await db().insert(drsReferralSteps).values({ id: crypto.randomUUID(), referralId: ids.referral, step: "referralSubmitted", happenedOn: "2001-03-01" });
  await db()
    .insert(assessmentRequests)
    .values({
      id: crypto.randomUUID(),
      ...scope,
      laId: world.la.id,
      kind: "statutoryAssessment",
      requestedBy: "school",
      requestedOn: "2001-05-01",
      reasons: "r",
    });
  await db()
    .insert(clocks)
    .values({
      id: ids.clock,
      ...scope,
      laId: world.la.id,
      kind: "planReview",
      startedOn: "2001-01-01",
      dueOn: "2001-04-01",
      timescale: { amount: 1, unit: "days", source: "s" },
    });
  await db()
    .insert(alerts)
    .values({
      id: crypto.randomUUID(),
      clockId: ids.clock,
      ...scope,
      laId: world.la.id,
      clockKind: "planReview",
      threshold: "overdue",
      dueOn: "2001-04-01",
      raisedOn: "2001-04-02",
      audienceRole: "senco",
    });
  await db()
    .insert(parentLinks)
    .values({ id: ids.link, ...scope, laId: world.la.id, parentName: "P", tokenHash: crypto.randomUUID(), expiresAt: "2002-01-01" });
  await db()
    .insert(parentViews)
    .values({ id: crypto.randomUUID(), ...scope, planId: ids.plan, parentLinkId: ids.link, concerns: "c", submittedAt: "2001-03-03" });
  await db()
    .insert(outbox)
    .values({
      id: crypto.randomUUID(),
      ...scope,
      laId: world.la.id,
      audience: "parents",
      template: "t",
      dedupeKey: crypto.randomUUID(),
      nextAttemptAt: "2001-01-01",
    });
  return ids;
}

const pupilTables = Object.values(tables).filter((table) => "pupilId" in getTableColumns(table));

async function rowsHeldFor(pupilId: string, ids: { plan: string; referral: string }) {
  const counts: Record<string, number> = {};
  for (const table of pupilTables) {
    const [, column] = Object.entries(getTableColumns(table)).find(([name]) => name === "pupilId")!;
    counts[getTableName(table)] = (await db().select().from(table).where(eq(column, pupilId))).length;
  }
  counts.plan_targets = (await db().select().from(planTargets).where(eq(planTargets.planId, ids.plan))).length;
  counts.drs_referral_steps = (await db().select().from(drsReferralSteps).where(eq(drsReferralSteps.referralId, ids.referral))).length;
  return counts;
}

describe("subject access export", () => {
  it("gives the SENCO the pupil's whole record as JSON and as a printable page, with who read it", async () => {
    const world = await schoolAndSenco();
    const pupil = await enrol(world, "2017-03-04");
    await fillRecord(world, pupil.id);
    await api(`/api/pupils/${pupil.id}`, { headers: world.senco.headers });
    const exported = await api(`/api/pupils/${pupil.id}/export`, { headers: world.senco.headers });
    expect(exported.status).toBe(200);
    expect(exported.json.pupil).toMatchObject({ id: pupil.id, givenName: "Alex" });
    for (const section of [
      "plans",
      "planTargets",
      "reviews",
      "recordsOfConcern",
      "drsReferrals",
      "drsReferralSteps",
      "pupilEvents",
      "clocks",
      "alerts",
      "parentLinks",
      "parentViews",
      "outbox",
      "auditLog",
    ]) {
      expect([section, exported.json.sections[section].length > 0]).toEqual([section, true]);
    }
    expect(exported.json.sections.auditLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ actorId: world.senco.id, action: "read", route: "GET /api/pupils/:id" })]),
    );
    expect(JSON.stringify(exported.json)).not.toMatch(/tokenHash|payload/);

    const printable = await page(`/print/pupils/${pupil.id}/export`, { cookie: `__Host-stepwise_session=${world.senco.token}` });
    expect(printable.status).toBe(200);
    expect(printable.text).toContain("Everything Stepwise holds about Alex Record");
    expect(printable.text).toContain("<h2>plans</h2>");
  });

  it("is the school's SENCO's or head's to give: 403 for a teacher or LA officer, 404 abroad", async () => {
    const world = await schoolAndSenco();
    const pupil = await enrol(world, "2017-03-04");
    const officer = await createStaff("laOfficer", { laId: world.la.id });
    const foreign = await schoolAndSenco();
    expect((await api(`/api/pupils/${pupil.id}/export`, { headers: officer.headers })).status).toBe(403);
    expect((await api(`/api/pupils/${pupil.id}/export`, { headers: foreign.senco.headers })).status).toBe(404);
  });
});

describe("closing a record", () => {
  it("records who closed it, stops its clocks and refuses further moves", async () => {
    const world = await schoolAndSenco();
    const pupil = await enrol(world, "2015-01-01");
    await db()
      .insert(clocks)
      .values({
        id: crypto.randomUUID(),
        pupilId: pupil.id,
        schoolId: world.school.id,
        laId: world.la.id,
        kind: "planReview",
        startedOn: "2026-01-01",
        dueOn: "2026-04-01",
        timescale: { amount: 1, unit: "days", source: "s" },
      });
    const closed = await api(`/api/pupils/${pupil.id}/close`, { headers: world.senco.headers, body: { reason: "Left for a school abroad" } });
    expect(closed.status).toBe(200);
    expect(closed.json.pupil.closedAt).toBeTruthy();
    expect(closed.json.pupil.runningClocks).toEqual([]);
    const history = await api(`/api/pupils/${pupil.id}/history`, { headers: world.senco.headers });
    expect(history.json.events.at(-1)).toMatchObject({ move: "closeRecord", actorUserId: world.senco.id, reason: "Left for a school abroad" });
    const move = await api(`/api/pupils/${pupil.id}/transitions`, { headers: world.senco.headers, body: { move: "remainAtSchoolAction", expectedVersion: 2 } });
    expect(move.status).toBe(409);
    expect((await api(`/api/pupils/${pupil.id}/close`, { headers: world.senco.headers, body: { reason: "again" } })).status).toBe(409);
    expect((await api(`/api/pupils/${pupil.id}/close`, { headers: world.senco.headers, body: {} })).status).toBe(400);
  });
});

describe("erasing closed records after the LA's retention period", () => {
  it("covers every table of the schema that holds a pupil", () => {
    expect(new Set(erasedTables.map((t) => getTableName(t)))).toEqual(
      new Set([...pupilTables.map((t) => getTableName(t))].filter((name) => name !== "pupils")),
    );
  });

  it("erases a closed record past DOB + 31 years across every table, and keeps open, younger and longer-kept ones", async () => {
    const world = await schoolAndSenco(31);
    const longer = await schoolAndSenco(40);
    const expired = await enrol(world, "1990-01-01");
    const stillOpen = await enrol(world, "1990-01-01");
    const young = await enrol(world, "2015-01-01");
    const keptLonger = await enrol(longer, "1990-01-01");
    const ids = await fillRecord(world, expired.id);
    for (const [w, p] of [
      [world, expired],
      [world, young],
      [longer, keptLonger],
    ] as const) {
      expect((await api(`/api/pupils/${p.id}/close`, { headers: w.senco.headers, body: { reason: "Left" } })).status).toBe(200);
    }
    const { erased } = await eraseExpiredRecords(db(), new Date("2026-11-24T03:00:00Z"), 1000);
    expect(erased).toContain(expired.id);
    expect(erased).not.toContain(stillOpen.id);
    expect(erased).not.toContain(young.id);
    expect(erased).not.toContain(keptLonger.id);

    const held = await rowsHeldFor(expired.id, ids);
    expect(held).toEqual(Object.fromEntries(Object.keys(held).map((name) => [name, name === "audit_log" ? 1 : 0])));
    const [trace] = await db().select().from(auditLog).where(eq(auditLog.pupilId, expired.id));
    expect(trace).toMatchObject({ actorKind: "system", action: "erase" });
    expect(await db().select().from(pupils).where(eq(pupils.id, stillOpen.id))).toHaveLength(1);

    const later = await eraseExpiredRecords(db(), new Date("2030-01-01T03:00:00Z"), 1000);
    expect(later.erased).toContain(keptLonger.id);
    expect(later.erased).not.toContain(young.id);
    const [la] = await db().select().from(localAuthorities).where(eq(localAuthorities.id, longer.la.id));
    expect(la!.retentionYearsAfterBirth).toBe(40);
  });
});

describe("the daily scheduled run", () => {
  it("erases closed records whose retention has run out; the hourly run erases nothing", async () => {
    const world = await schoolAndSenco(31);
    const expired = await enrol(world, "1990-01-01");
    expect((await api(`/api/pupils/${expired.id}/close`, { headers: world.senco.headers, body: { reason: "Left" } })).status).toBe(200);
    await fireCron("2026-11-24T06:17:00.000Z", "17 * * * *");
    expect(await db().select().from(pupils).where(eq(pupils.id, expired.id))).toHaveLength(1);
    await fireCron("2026-11-25T06:00:00.000Z", "0 6 * * *");
    expect(await db().select().from(pupils).where(eq(pupils.id, expired.id))).toEqual([]);
  });
});
