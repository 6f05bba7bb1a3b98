import { describe, expect, it } from "vitest";
import { smartTarget, planBody } from "../support/records";
import { api, createLa, createSchool, createStaff, schoolWithPupil } from "../support/world";

const intervention = {
  name: "Precision teaching",
  description: "Daily fluency practice on high-frequency words",
  areaOfNeed: "cognitionAndLearning",
  groupSize: "One to one",
  frequency: "Ten minutes a day",
  staff: "Teaching assistant",
  costPerTermPence: 45000,
};

describe("the school's provision map", () => {
  it("its SENCO adds, reads, changes and removes interventions, storing every field", async () => {
    const { school, senco } = await schoolWithPupil("england2014");
    const base = `/api/schools/${school.id}/interventions`;
    const added = await api(base, { headers: senco.headers, body: intervention });
    expect(added.status).toBe(201);
    expect(added.json.intervention).toMatchObject({ ...intervention, schoolId: school.id, active: true });
    const id = added.json.intervention.id;
    expect((await api(base, { headers: senco.headers })).json.interventions).toEqual([added.json.intervention]);
    expect((await api(`${base}/${id}`, { headers: senco.headers })).json.intervention).toEqual(added.json.intervention);

    const changed = await api(`${base}/${id}`, { method: "PATCH", headers: senco.headers, body: { frequency: "Three times a week", active: false } });
    expect(changed.status).toBe(200);
    expect(changed.json.intervention).toMatchObject({ ...intervention, frequency: "Three times a week", active: false });

    const again = await api(base, { headers: senco.headers, body: intervention });
    expect(again.status).toBe(409);
    expect(again.json.error.fields).toEqual([expect.objectContaining({ field: "name" })]);

    expect((await api(`${base}/${id}`, { method: "DELETE", headers: senco.headers })).status).toBe(204);
    expect((await api(`${base}/${id}`, { headers: senco.headers })).status).toBe(404);
  });

  it("an intervention a plan names cannot be removed, only marked inactive", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const added = await api(`/api/schools/${school.id}/interventions`, { headers: senco.headers, body: intervention });
    const id = added.json.intervention.id;
    await api(`/api/pupils/${pupil.id}/plans`, {
      headers: senco.headers,
      body: planBody({ targets: [{ ...smartTarget(1), interventionId: id }, smartTarget(2), smartTarget(3)] }),
    });
    const refused = await api(`/api/schools/${school.id}/interventions/${id}`, { method: "DELETE", headers: senco.headers });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("intervention_in_use");
  });

  it.each([
    ["no name", { name: "" }, "name"],
    ["a negative cost", { costPerTermPence: -1 }, "costPerTermPence"],
    ["an unknown area of need", { areaOfNeed: "maths" }, "areaOfNeed"],
    ["no staff", { staff: undefined }, "staff"],
  ])("an intervention with %s is 400 naming the field", async (_what, change, field) => {
    const { school, senco } = await schoolWithPupil("england2014");
    const refused = await api(`/api/schools/${school.id}/interventions`, { headers: senco.headers, body: { ...intervention, ...change } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await api(`/api/schools/${school.id}/interventions`, { headers: senco.headers })).json.interventions).toEqual([]);
  });

  it("the LA officer of the school's LA reads it but does not change it; others see nothing", async () => {
    const { la, school, senco } = await schoolWithPupil("england2014");
    const added = await api(`/api/schools/${school.id}/interventions`, { headers: senco.headers, body: intervention });
    const base = `/api/schools/${school.id}/interventions`;
    const one = `${base}/${added.json.intervention.id}`;
    const otherLa = await createLa();
    const callers = {
      laOfficer: await createStaff("laOfficer", { laId: la.id }),
      teacher: await createStaff("teacher", { laId: la.id, schoolIds: [school.id] }),
      sencoElsewhereInLa: await createStaff("senco", { laId: la.id, schoolIds: [(await createSchool(la.id, "england2014")).id] }),
      otherLaOfficer: await createStaff("laOfficer", { laId: otherLa.id }),
      admin: await createStaff("admin", { laId: null }),
    };
    const expected = {
      laOfficer: { read: 200, write: 403 },
      teacher: { read: 200, write: 403 },
      sencoElsewhereInLa: { read: 404, write: 404 },
      otherLaOfficer: { read: 404, write: 404 },
      admin: { read: 404, write: 404 },
    };
    for (const [name, caller] of Object.entries(callers) as [keyof typeof callers, (typeof callers)["admin"]][]) {
      const statuses = [
        (await api(base, { headers: caller.headers })).status,
        (await api(one, { headers: caller.headers })).status,
        (await api(base, { headers: caller.headers, body: { ...intervention, name: "New" } })).status,
        (await api(one, { method: "PATCH", headers: caller.headers, body: { active: false } })).status,
        (await api(one, { method: "DELETE", headers: caller.headers })).status,
      ];
      const { read, write } = expected[name];
      expect([name, ...statuses]).toEqual([name, read, read, write, write, write]);
    }
  });

  it("another school's intervention is not found through this school", async () => {
    const { la, school, senco } = await schoolWithPupil("england2014");
    const otherSchool = await createSchool(la.id, "england2014");
    const otherSenco = await createStaff("senco", { laId: la.id, schoolIds: [otherSchool.id] });
    const theirs = await api(`/api/schools/${otherSchool.id}/interventions`, { headers: otherSenco.headers, body: intervention });
    const crossed = `/api/schools/${school.id}/interventions/${theirs.json.intervention.id}`;
    expect((await api(crossed, { headers: senco.headers })).status).toBe(404);
    expect((await api(crossed, { method: "PATCH", headers: senco.headers, body: { active: false } })).status).toBe(404);
    expect((await api(crossed, { method: "DELETE", headers: senco.headers })).status).toBe(404);
  });
});

describe("plan targets linked to an intervention on its page", () => {
  it("the SENCO ticks targets of the pupils on it; the review of the plan says how they went, and the map counts them", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const { writePlan } = await import("../support/records");
    const { page, db } = await import("../support/world");
    const { interventionPupils, interventions } = await import("../../schema/tables");
    const interventionId = crypto.randomUUID();
    await db().insert(interventions).values({
      id: interventionId,
      schoolId: school.id,
      name: "Precision teaching",
      groupSize: "3",
      frequency: "Daily",
      staff: "TA",
      costPerTermPence: 35100,
    });
    await db().insert(interventionPupils).values({ id: crypto.randomUUID(), interventionId, pupilId: pupil.id, schoolId: school.id, startedOn: "2026-09-01" });
    const plan = await writePlan(pupil.id, senco.headers);
    const cookie = `__Host-stepwise_session=${senco.token}`;
    const base = `/forms/schools/${school.id}/interventions/${interventionId}`;
    const shown = await page(base, { cookie });
    expect(shown.text).toContain("Targets of the plans of the pupils on it");
    expect(shown.text).toContain("Not yet reviewed");
    // Two of the plan's targets are ticked, and a target of another school's plan is ignored.
    const body = new URLSearchParams([...plan.targets.slice(0, 2).map((t) => ["targetIds", t.id]), ["targetIds", crypto.randomUUID()]]);
    const { SELF } = await import("cloudflare:test");
    const saved = await SELF.fetch(`https://stepwise.test${base}/targets`, { method: "POST", headers: { Cookie: cookie }, body, redirect: "manual" });
    expect([saved.status, saved.headers.get("Location")]).toEqual([303, `${base}?saved=targets`]);
    const reviewed = await api(`/api/pupils/${pupil.id}/reviews`, {
      headers: senco.headers,
      body: {
        ...(await import("../support/records")).reviewBody({ planId: plan.id }),
        targetOutcomes: [
          { targetId: plan.targets[0]!.id, outcome: "achieved" },
          { targetId: plan.targets[1]!.id, outcome: "notAchieved" },
        ],
      },
    });
    expect(reviewed.status).toBe(201);
    const map = await api(`/api/dashboard/schools/${school.id}/provision-map`, { headers: senco.headers });
    const row = (map.json.rows ?? map.json.table?.rows ?? []).find((r: { interventionId: string }) => r.interventionId === interventionId);
    expect([row.achieved, row.partlyAchieved, row.notAchieved, row.notYetReviewed]).toEqual([1, 0, 1, 0]);
    // Unticked, a target is no longer counted.
    const unticked = await SELF.fetch(`https://stepwise.test${base}/targets`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams([["targetIds", plan.targets[0]!.id]]),
      redirect: "manual",
    });
    expect(unticked.status).toBe(303);
    const after = await page(base, { cookie });
    expect(after.text).toContain("Reviewed: Achieved");
  });
});
