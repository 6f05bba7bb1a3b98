import { env, SELF } from "cloudflare:test";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { clocks, pupilEvents, pupils, schools, teachingAssignments } from "../../schema/tables";
import { openDb } from "../../worker/db";
import { applyRegisterImport, planRegisterImport } from "../../worker/pupils/register-import";
import { frameworkFor } from "../../worker/workflow/frameworks";
import { readRegisterFile } from "../../worker/pupils/register-file";
import { createLa, createSchool, createStaff, db } from "../support/world";

const bearer = (staff: { token: string }) => ({ Authorization: `Bearer ${staff.token}` });

/** A school (SEND Code 2014) with its SENCO and two teachers. */
async function school() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  const teachers = [
    await createStaff("teacher", { laId: la.id, schoolIds: [school.id] }),
    await createStaff("teacher", { laId: la.id, schoolIds: [school.id] }),
  ];
  return { la, school, senco, teachers };
}

const provisions = ["N", "K", "E"] as const;
const needs = ["SPLD", "ASD", "SEMH", "SLCN"] as const;

/** A SIMS-style export: its header spellings, UK dates, "Year 4"; every third pupil's provision N, K, E in turn. */
function simsExport(rows: number, teachers: { email: string; name: string }[], bad: Map<number, Partial<Record<string, string>>> = new Map()) {
  const base = String(Math.floor(Math.random() * 1e5)).padStart(5, "0");
  const lines = ["UPN,Legal Surname,Legal Forename,DOB,NC Year,SEN Provision,SEN Need 1,SEN Need 2,Class Teacher"];
  for (let n = 0; n < rows; n++) {
    const provision = provisions[n % 3]!;
    const row: Record<string, string> = {
      upn: withUpnCheckLetter(`344${base}${String(n).padStart(4, "0")}`),
      surname: `Family${n}`,
      forename: `Pupil${n}`,
      dob: `${String(1 + (n % 28)).padStart(2, "0")}/0${1 + (n % 9)}/2016`,
      year: `Year ${1 + (n % 6)}`,
      provision,
      need1: provision === "N" ? "" : needs[n % 4]!,
      need2: provision === "E" ? "HI" : "",
      teacher: n % 2 ? teachers[0]!.email : teachers[1]!.name,
      ...bad.get(n),
    };
    lines.push([row.upn, row.surname, row.forename, row.dob, row.year, row.provision, row.need1, row.need2, row.teacher].join(","));
  }
  return lines.join("\r\n");
}

async function upload(path: string, senco: { token: string }, fields: { file?: string; csv?: string }) {
  const form = new FormData();
  if (fields.file !== undefined) form.append("registerFile", new File([fields.file], "register.csv", { type: "text/csv" }));
  if (fields.csv !== undefined) form.append("csv", fields.csv);
  const response = await SELF.fetch(`https://stepwise.test${path}`, { method: "POST", headers: bearer(senco), body: form, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const problemRows = (text: string) =>
  [...text.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => ({ line: Number(m[1]), column: m[2], reason: m[3] }));
const clocksAt = (schoolId: string) => db().select().from(clocks).where(eq(clocks.schoolId, schoolId)).orderBy(clocks.pupilId, clocks.kind);
const pupilsAt = async (schoolId: string) => (await db().select({ n: count() }).from(pupils).where(eq(pupils.schoolId, schoolId)))[0]!.n;

describe("importing the register from the school's MIS export", () => {
  it("a 300-row export with five bad rows shows exactly those five and stores nothing; fixed, it stores 300 pupils at their stages with their teachers; again, it changes nothing", async () => {
    const { school: at, senco, teachers } = await school();
    const bad = new Map<number, Partial<Record<string, string>>>([
      [10, { upn: "A801200005001" }],
      [41, { dob: "31/02/2016" }],
      [99, { provision: "X" }],
      [150, { provision: "K", need1: "" }],
      [222, { teacher: "Nobody Here" }],
    ]);
    const withBadRows = simsExport(300, teachers, bad);
    const preview = await upload(`/forms/schools/${at.id}/register-import`, senco, { file: withBadRows });
    expect(preview.status).toBe(422);
    expect(preview.text).toContain("<title>Error: Import the SEN register");
    const shown = problemRows(preview.text);
    expect(shown.map(({ line, column }) => [line, column])).toEqual([
      [12, "UPN"],
      [43, "DOB"],
      [101, "SEN Provision"],
      [152, "SEN Need 1"],
      [224, "class teacher"],
    ]);
    expect(shown[0]!.reason).toContain("first letter does not match");
    expect(shown[1]!.reason).toContain("not a real date");
    expect(shown[3]!.reason).toContain("needs a primary need");
    expect(await pupilsAt(at.id)).toBe(0);
    // Confirming the bad file (posted back by hand) stores nothing either.
    expect((await upload(`/forms/schools/${at.id}/register-import/confirm`, senco, { csv: withBadRows })).status).toBe(422);
    expect(await pupilsAt(at.id)).toBe(0);

    const fixed = simsExport(300, teachers);
    const checked = await upload(`/forms/schools/${at.id}/register-import`, senco, { file: fixed });
    expect(checked.status).toBe(200);
    expect(checked.text).toMatch(/Pupils to add<\/dt><dd>300/);
    expect(await pupilsAt(at.id)).toBe(0);
    const confirmed = await upload(`/forms/schools/${at.id}/register-import/confirm`, senco, { csv: fixed });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("Location")).toContain("added=300&updated=0&unchanged=0");

    const stored = await db().select().from(pupils).where(eq(pupils.schoolId, at.id));
    expect(stored).toHaveLength(300);
    const stages = Object.fromEntries(
      ["noSenIdentified", "senSupportAssess", "ehcPlan"].map((stage) => [stage, stored.filter((p) => p.stage === stage).length]),
    );
    expect(stages).toEqual({ noSenIdentified: 100, senSupportAssess: 100, ehcPlan: 100 });
    const first = stored.find((p) => p.familyName === "Family1")!;
    expect(first).toMatchObject({
      givenName: "Pupil1",
      dateOfBirth: "2016-02-02",
      yearGroup: "2",
      stage: "senSupportAssess",
      primaryNeed: "ASD",
      secondaryNeed: null,
      version: 1,
    });
    const taught = await db()
      .select({ userId: teachingAssignments.userId, pupilId: teachingAssignments.pupilId })
      .from(teachingAssignments)
      .innerJoin(pupils, eq(pupils.id, teachingAssignments.pupilId))
      .where(eq(pupils.schoolId, at.id));
    expect(taught).toHaveLength(300);
    expect(taught.find((t) => t.pupilId === first.id)?.userId).toBe(teachers[0]!.id);
    const [history] = await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, first.id));
    expect(history).toMatchObject({
      move: "enrol",
      toStage: "senSupportAssess",
      actorUserId: senco.id,
      actorRole: "senco",
      reason: "Imported from the school's MIS register: SEN provision K, so SEN support: Assess",
    });

    // Each pupil's stage's clocks run from the import, as enrolling them one by one starts them (the one decider).
    const started = await clocksAt(at.id);
    const today = new Date().toISOString().slice(0, 10);
    const onPlan = stored.find((p) => p.stage === "ehcPlan")!;
    expect(started.filter((c) => c.pupilId === onPlan.id).map((c) => [c.kind, c.startedOn, c.startedBySeq, c.stoppedAt])).toEqual([
      ["ehcPlanAnnualReview", today, 1, null],
    ]);
    const framework = frameworkFor("england2014");
    for (const pupil of stored) {
      const kinds = started.filter((c) => c.pupilId === pupil.id).map((c) => c.kind);
      expect(kinds).toEqual([...(framework.stages[pupil.stage]?.runsClocks ?? [])]);
    }
    expect(started.filter((c) => c.pupilId === onPlan.id)[0]!.timescale).toMatchObject({ amount: 12, unit: "months" });

    const again = await upload(`/forms/schools/${at.id}/register-import`, senco, { file: fixed });
    expect(again.text).toMatch(/Pupils to add<\/dt><dd>0<\/dd>\s*<dt>Pupils to update<\/dt><dd>0<\/dd>\s*<dt>Pupils left alone<\/dt><dd>300/);
    const events = async () =>
      (await db().select({ n: count() }).from(pupilEvents).innerJoin(pupils, eq(pupils.id, pupilEvents.pupilId)).where(eq(pupils.schoolId, at.id)))[0]!.n;
    const eventsBefore = await events();
    const second = await upload(`/forms/schools/${at.id}/register-import/confirm`, senco, { csv: fixed });
    expect(second.headers.get("Location")).toContain("added=0&updated=0&unchanged=300");
    expect(await db().select().from(pupils).where(eq(pupils.schoolId, at.id))).toEqual(stored);
    expect(await events()).toBe(eventsBefore);
    expect(await clocksAt(at.id)).toEqual(started);
  });

  it("a 2,000-row file imports in one batch of six statements, each within D1's 100 bound parameters, 100 KB of SQL and 2 MB a value", async () => {
    const { school: at, senco, teachers } = await school();
    const file = simsExport(2000, teachers);
    const started = Date.now();
    const confirmed = await upload(`/forms/schools/${at.id}/register-import/confirm`, senco, { csv: file });
    expect(confirmed.status).toBe(303);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await pupilsAt(at.id)).toBe(2000);
    expect(await clocksAt(at.id)).toHaveLength(1333);

    // The same import at a second school, planned and applied over a D1 that records what it is sent.
    const { school: other, senco: otherSenco, teachers: otherTeachers } = await school();
    const d1 = recordingD1(env.DB);
    const recorded = openDb(d1.database);
    const row = (await db().select().from(schools).where(eq(schools.id, other.id)).get())!;
    const plan = await planRegisterImport(recorded, row, readRegisterFile(simsExport(2000, otherTeachers)));
    expect(plan.problems).toEqual([]);
    const caller = { kind: "staff" as const, userId: otherSenco.id, role: "senco" as const, laId: other.laId, schoolIds: [other.id] };
    const done = await applyRegisterImport(recorded, d1.database, row, plan, caller, new Date().toISOString());
    expect(done).toEqual({ added: 2000, updated: 0, clocksStarted: 1333 });

    const statements = d1.statements;
    // D1: at most 1,000 queries an invocation (paid plan), 100 bound parameters and 100 KB of SQL a statement, 2 MB a value.
    expect(statements.length).toBeLessThanOrEqual(12);
    for (const statement of statements) {
      expect(statement.sql.length).toBeLessThan(100_000);
      expect(statement.params.length).toBeLessThanOrEqual(100);
      for (const param of statement.params) if (typeof param === "string") expect(new TextEncoder().encode(param).length).toBeLessThan(2_000_000);
    }
    // The change itself is one batch (one transaction) of six statements: pupils, events, clocks, versions, updates, teachers.
    expect(d1.batches.map((batch) => batch.statements)).toContainEqual(6);
    const applied = d1.batches.at(-1)!;
    expect(applied.statements).toBe(6);
    expect(applied.rowsWritten).toBeGreaterThanOrEqual(2000 + 2000 + 1333 + 2000 + 2000);
  });

  it("reads Arbor's and ScholarPack's spellings, ISO dates, census codes in any case, and the historical codes", () => {
    const file = readRegisterFile(
      [
        "Unique Pupil Number,Last Name,First Name,Date of Birth,Year Group,SEN Status,Primary Need,Secondary Need",
        `${withUpnCheckLetter("801200005002")},Okafor,Ade,2016-09-30,R,k,spld,`,
        `${withUpnCheckLetter("801200005003")},Lee,Bo,01/09/2016,Y3,S,asd,hi`,
      ].join("\n"),
    );
    expect(file.problems).toEqual([]);
    expect(file.rows.map((row) => [row.familyName, row.yearGroup, row.provision, row.primaryNeed, row.secondaryNeed])).toEqual([
      ["Okafor", "R", "K", "SPLD", null],
      ["Lee", "3", "S", "ASD", "HI"],
    ]);
  });

  it("a file without the columns it needs says which, on line 1", () => {
    expect(readRegisterFile("Name,Birthday\nAda,2016-01-01").problems.map((p) => p.column)).toEqual([
      "UPN",
      "legal surname",
      "forename",
      "date of birth",
      "NC year",
    ]);
  });
});

describe("the census check of the SEN register", () => {
  it("lists every pupil with SEN provision but no primary need, and nobody else", async () => {
    const { school: at, senco } = await school();
    const { api, newUpn } = await import("../support/world");
    const enrol = (familyName: string, stage: string, primaryNeed?: string) =>
      api("/api/pupils", {
        headers: senco.headers,
        body: {
          upn: newUpn(),
          givenName: "Al",
          familyName,
          dateOfBirth: "2017-01-01",
          yearGroup: "4",
          schoolId: at.id,
          stage,
          ...(primaryNeed ? { primaryNeed } : {}),
        },
      });
    for (const [name, stage, need] of [
      ["Needless", "senSupportPlan"],
      ["Planned", "ehcPlan", "ASD"],
      ["Ordinary", "noSenIdentified"],
      ["Plannedtoo", "ehcPlan"],
    ] as const) {
      expect((await enrol(name, stage, need)).status).toBe(201);
    }
    const check = await SELF.fetch(`https://stepwise.test/forms/schools/${at.id}/census-check`, { headers: bearer(senco) });
    const text = await check.text();
    expect(check.status).toBe(200);
    expect(text).toContain("no primary need (2)");
    expect(text).toContain("Al Needless");
    expect(text).toContain("Al Plannedtoo");
    expect(text).not.toContain("Al Planned<");
    expect(text).not.toContain("Al Ordinary");
  });
});

/**
 * A D1 binding that records each statement's SQL and bound values as prepared, and each batch's size and rows written,
 * so a test measures what the Worker sends D1 against D1's per-request limits.
 */
function recordingD1(database: D1Database) {
  const statements: { sql: string; params: unknown[] }[] = [];
  const batches: { statements: number; rowsWritten: number }[] = [];
  const recording = new Proxy(database, {
    get(target, key) {
      if (key === "prepare") {
        return (query: string) => {
          const entry = { sql: query, params: [] as unknown[] };
          statements.push(entry);
          const statement = target.prepare(query);
          const bind = statement.bind.bind(statement);
          statement.bind = (...params: unknown[]) => {
            entry.params = params;
            return bind(...params);
          };
          return statement;
        };
      }
      if (key === "batch") {
        return async (list: D1PreparedStatement[]) => {
          const results = await target.batch(list);
          batches.push({ statements: list.length, rowsWritten: results.reduce((n, r) => n + (r.meta.rows_written ?? 0), 0) });
          return results;
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { database: recording, statements, batches };
}
