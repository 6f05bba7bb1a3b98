import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { interventions, schools } from "../../schema/tables";
import { createLa, createSchool, createStaff, db } from "../support/world";
import { expectRefusedPage, sessionCookie } from "./form-pages";

/** One world for the file: an LA with a school, its admin, SENCO, teacher and LA officer, and an intervention. */
let world: Awaited<ReturnType<typeof build>>;
async function build() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  const [admin, senco, teacher, officer] = await Promise.all([
    createStaff("admin", { laId: null }),
    createStaff("senco", { laId: la.id, schoolIds: [school.id] }),
    createStaff("teacher", { laId: la.id, schoolIds: [school.id] }),
    createStaff("laOfficer", { laId: la.id }),
  ]);
  const intervention = {
    id: crypto.randomUUID(),
    schoolId: school.id,
    name: "Reading catch-up",
    groupSize: "Up to 4",
    costPerTermPence: 0,
    sessionsPerWeek: 2,
    sessionMinutes: 30,
    staff: "Teaching assistant",
    frequency: "Twice a week",
    costBasis: "perSession" as const,
    costPence: 1500,
  };
  await db().insert(interventions).values(intervention);
  return { la, school, teacher, intervention, admin: sessionCookie(admin), senco: sessionCookie(senco), officer: sessionCookie(officer) };
}
beforeAll(async () => {
  world = await build();
});

const typed = "Typed and kept";

describe("the administration pages refuse bad input on the page, field by field, in plain English", () => {
  it("a local authority, new or changed", async () => {
    const { admin, la } = world;
    for (const path of ["/staff/admin/las/new", `/staff/admin/las/${la.id}`]) {
      await expectRefusedPage(path, admin, {}, ["name", "code", "region"]);
      await expectRefusedPage(
        path,
        admin,
        { name: typed, code: "12", region: "nowhere", retentionYearsAfterBirth: "x" },
        ["code", "region", "retentionYearsAfterBirth"],
        [typed],
      );
      await expectRefusedPage(
        path,
        admin,
        { name: "", code: "123", region: "englandAndWales", retentionYearsAfterBirth: "5" },
        ["name", "retentionYearsAfterBirth"],
        ["123"],
      );
    }
  });

  it("a school, new or changed", async () => {
    const { admin, la, school } = world;
    await expectRefusedPage("/staff/admin/schools/new", admin, {}, ["laId", "name", "urn", "phase", "framework", "publicSlug", "region"]);
    const wrong = {
      laId: la.id,
      name: typed,
      urn: "12",
      phase: "nursery-ish",
      framework: "none",
      publicSlug: "Not A Slug",
      region: "mars",
      embedOrigins: "not an origin",
    };
    await expectRefusedPage("/staff/admin/schools/new", admin, wrong, ["urn", "phase", "framework", "publicSlug", "region", "embedOrigins"], [typed]);
    const { laId: _, ...changed } = wrong;
    await expectRefusedPage(
      `/staff/admin/schools/${school.id}`,
      admin,
      changed,
      ["urn", "phase", "framework", "publicSlug", "region", "embedOrigins"],
      [typed],
    );
  });
});

describe("a key another record holds is refused on its own field, nothing saved", () => {
  it("an LA number, a URN and a public address name already taken", async () => {
    const { admin, la } = world;
    const holder = await createLa({ code: "987" });
    await createSchool(holder.id, "england2014", { urn: "765432", publicSlug: "taken-slug" });
    const la_ = { name: typed, code: "987", region: "englandAndWales", retentionYearsAfterBirth: "25" };
    const laPage = await expectRefusedPage("/staff/admin/las/new", admin, la_, ["code"], [typed]);
    expect(laPage).toContain("Another local authority has this LA number");
    await expectRefusedPage(`/staff/admin/las/${la.id}`, admin, la_, ["code"], [typed]);
    const school = {
      laId: la.id,
      name: typed,
      urn: "765432",
      phase: "primary",
      framework: "england2014",
      publicSlug: "a-free-slug",
      region: "englandAndWales",
    };
    expect(await expectRefusedPage("/staff/admin/schools/new", admin, school, ["urn"], [typed])).toContain("Another school has this unique reference number");
    expect(
      await expectRefusedPage("/staff/admin/schools/new", admin, { ...school, urn: "765433", publicSlug: "taken-slug" }, ["publicSlug"], [typed]),
    ).toContain("Another school has this public address name");
    const held = await db().select().from(schools).where(eq(schools.laId, la.id));
    expect(held.map((row) => row.name)).not.toContain(typed);
  });
});

describe("the team pages refuse bad input on the page", () => {
  it("an invitation and the mailbox, for a school's staff and the LA's officers", async () => {
    const { senco, officer, school, la } = world;
    const school_ = `/staff/schools/${school.id}/staff`;
    await expectRefusedPage(`${school_}/invitations`, senco, {}, ["name", "email", "role"]);
    await expectRefusedPage(`${school_}/invitations`, senco, { name: typed, email: "not-an-address", role: "captain" }, ["email", "role"], [typed]);
    // The LA's officers have one role, posted by the form as a hidden field.
    await expectRefusedPage(`/staff/las/${la.id}/officers/invitations`, officer, { role: "laOfficer" }, ["name", "email"]);
    await expectRefusedPage(
      `/staff/las/${la.id}/officers/invitations`,
      officer,
      { name: typed, email: "not-an-address", role: "laOfficer" },
      ["email"],
      [typed],
    );
    for (const [base, cookie] of [
      [school_, senco],
      [`/staff/las/${la.id}/officers`, officer],
    ] as const) {
      await expectRefusedPage(`${base}/mailbox`, cookie, { mailbox: "not an address" }, ["mailbox"], ["not an address"]);
    }
  });

  it("a member's role", async () => {
    const { senco, school, teacher } = world;
    await expectRefusedPage(`/staff/schools/${school.id}/staff/${teacher.id}/role`, senco, { role: "captain" }, [`role-${teacher.id}`]);
  });

  it("the pupils a teacher teaches", async () => {
    const { senco, school, teacher } = world;
    const path = `/staff/schools/${school.id}/staff/${teacher.id}/pupils`;
    await expectRefusedPage(path, senco, {}, ["upns"]);
    await expectRefusedPage(path, senco, { yearGroup: "99", upns: "not a upn" }, ["yearGroup", "upns"], []);
  });
});

describe("the LA's settings refuse bad input on the page", () => {
  it("timescales, alert settings and closure days", async () => {
    const { officer, la } = world;
    await expectRefusedPage(
      `/forms/las/${la.id}/timescales`,
      officer,
      { "drsMeetingHeld.amount": "0", "drsMeetingHeld.unit": "fortnights" },
      ["drsMeetingHeld.amount", "drsMeetingHeld.unit"],
      [],
    );
    await expectRefusedPage(
      `/forms/las/${la.id}/alert-settings`,
      officer,
      { dueSoonDays: "x", escalateToSencoAfterDays: "-1", escalateToLaAfterDays: "1000" },
      ["dueSoonDays", "escalateToSencoAfterDays", "escalateToLaAfterDays"],
      ["x", "-1", "1000"],
    );
    await expectRefusedPage(`/forms/las/${la.id}/closure-days`, officer, {}, ["from", "reason"]);
    await expectRefusedPage(
      `/forms/las/${la.id}/closure-days`,
      officer,
      { "from.day": "31", "from.month": "2", "from.year": "2027", reason: typed },
      ["from.day"],
      [typed, "31"],
    );
  });
});

describe("the provision map and enrolment refuse bad input on the page", () => {
  it("an intervention, new or changed, its pupils on and off, and its end", async () => {
    // With no pupil on it yet, the intervention page shows no taking-off form: its errors reach no field (left for now).
    const { senco, school, intervention } = world;
    const base = `/forms/schools/${school.id}/interventions`;
    for (const path of [base, `${base}/${intervention.id}`]) {
      await expectRefusedPage(path, senco, {}, ["name", "groupSize", "sessionsPerWeek", "sessionMinutes", "staff", "costBasis", "cost"]);
      await expectRefusedPage(
        path,
        senco,
        { name: typed, groupSize: "many", sessionsPerWeek: "0", sessionMinutes: "2", staff: "TA", costBasis: "free", cost: "lots" },
        ["sessionsPerWeek", "sessionMinutes", "costBasis", "cost"],
        [typed, "many"],
      );
    }
    await expectRefusedPage(
      `${base}/${intervention.id}/pupils`,
      senco,
      { "startedOn.day": "40", "startedOn.month": "1", "startedOn.year": "2027" },
      ["pupilIds", "startedOn.day"],
      ["40"],
      ["pupilIds"],
    );
    await expectRefusedPage(
      `${base}/${intervention.id}/pupils/off`,
      senco,
      { participationIds: "not-an-id" },
      ["participationIds", "leftOn"],
      [],
      ["participationIds", "leftOn"],
    );
    await expectRefusedPage(
      `${base}/${intervention.id}/end`,
      senco,
      { "endedOn.day": "", "endedOn.month": "13", "endedOn.year": "2027" },
      ["endedOn.day"],
      ["13"],
    );
  });

  it("a pupil enrolled by hand, and a register import with no file", async () => {
    const { senco, school } = world;
    await expectRefusedPage(`/forms/schools/${school.id}/pupils`, senco, {}, ["upn", "givenName", "familyName", "dateOfBirth", "yearGroup", "stage"]);
    await expectRefusedPage(
      `/forms/schools/${school.id}/pupils`,
      senco,
      { upn: "A12", givenName: typed, familyName: "", "dateOfBirth.day": "1", "dateOfBirth.month": "1", "dateOfBirth.year": "1800", yearGroup: "99" },
      ["upn", "familyName", "dateOfBirth.day", "yearGroup", "stage"],
      [typed, "A12", "1800"],
    );
    for (const path of ["register-import", "register-import/confirm"])
      await expectRefusedPage(`/forms/schools/${school.id}/${path}`, senco, {}, ["registerFile"]);
  });
});
