import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { pupils, teachingAssignments } from "../../schema/tables";
import { issueStaffToken } from "../../worker/auth/tokens";
import { createLa, createSchool, createStaff, db, newUpn } from "../support/world";

/** Issue 14, finding a pupil: search by name or UPN, the register's and the LA's filters, pages either way, CSV as shown. */

type Seed = { givenName: string; familyName: string; yearGroup: "3" | "4" | "5"; stage: string; primaryNeed?: "SPLD" | "SEMH" | null };

async function world() {
  const la = await createLa();
  const school = await createSchool(la.id, "england2014");
  const other = await createSchool(la.id, "england2014");
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  const teacher = await createStaff("teacher", { laId: la.id, schoolIds: [school.id] });
  const officer = await createStaff("laOfficer", { laId: la.id });
  const enrol = async (at: { id: string; laId: string }, seed: Seed) => {
    const row = {
      id: crypto.randomUUID(),
      upn: newUpn(),
      dateOfBirth: "2017-05-04",
      schoolId: at.id,
      laId: at.laId,
      framework: "england2014" as const,
      primaryNeed: null,
      ...seed,
    };
    await db().insert(pupils).values(row);
    return row;
  };
  const seeds: Seed[] = [
    { givenName: "Noah", familyName: "Hughes", yearGroup: "4", stage: "noSenIdentified" },
    { givenName: "Amy", familyName: "Adams", yearGroup: "4", stage: "senSupportPlan", primaryNeed: "SPLD" },
    { givenName: "Ben", familyName: "Baker", yearGroup: "4", stage: "senSupportPlan", primaryNeed: "SEMH" },
    { givenName: "Cara", familyName: "Cole", yearGroup: "4", stage: "senSupportPlan", primaryNeed: "SPLD" },
    { givenName: "Dan", familyName: "Dunn", yearGroup: "5", stage: "senSupportPlan", primaryNeed: "SPLD" },
    { givenName: "Eve", familyName: "Evans", yearGroup: "4", stage: "senSupportDo", primaryNeed: "SPLD" },
    { givenName: "Fay", familyName: "Fox", yearGroup: "4", stage: "senSupportPlan", primaryNeed: "SPLD" },
    { givenName: "Gus", familyName: "Green", yearGroup: "4", stage: "senSupportPlan", primaryNeed: "SPLD" },
  ];
  const own: Record<string, Awaited<ReturnType<typeof enrol>>> = {};
  for (const seed of seeds) own[seed.givenName] = await enrol(school, seed);
  const elsewhere = await enrol(other, { givenName: "Noah", familyName: "Hughesworth", yearGroup: "4", stage: "senSupportPlan", primaryNeed: "SPLD" });
  await db().insert(teachingAssignments).values({ userId: teacher.id, pupilId: own.Amy!.id });
  return { la, school, other, senco, teacher, officer, own, elsewhere };
}

async function as(user: { id: string; role: "senco" | "teacher" | "laOfficer" }) {
  const token = await issueStaffToken(env, { id: user.id, role: user.role, tokenVersion: 0 }, Math.floor(Date.now() / 1000));
  return async (path: string) => {
    const response = await SELF.fetch(`https://stepwise.test${path}`, { headers: { Authorization: `Bearer ${token}` }, redirect: "manual" });
    return { status: response.status, text: await response.text(), type: response.headers.get("content-type") ?? "" };
  };
}

/** The names in a page's table, in order (each a link to the pupil's page). */
const namesIn = (text: string) => [...text.matchAll(/<a href="\/forms\/pupils\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((match) => match[1]);
const linkOf = (text: string, rel: "next" | "prev") => text.match(new RegExp(`<a href="([^"]+)" rel="${rel}"`))?.[1]?.replaceAll("&amp;", "&");

describe("finding a pupil", () => {
  it("finds any pupil of the school by name, part of a name or UPN, each linking to their page; never another school's", async () => {
    const w = await world();
    const get = await as({ id: w.senco.id, role: "senco" });
    const byName = await get(`/forms/schools/${w.school.id}/pupils?q=Noah+Hughes`);
    expect(byName.status).toBe(200);
    expect(namesIn(byName.text)).toEqual(["Noah Hughes"]);
    expect(byName.text).toContain(`<a href="/forms/pupils/${w.own.Noah!.id}">Noah Hughes</a>`);
    expect(byName.text).toContain("No special educational needs identified");
    expect(namesIn((await get(`/forms/schools/${w.school.id}/pupils?q=ugh`)).text)).toEqual(["Noah Hughes"]);
    expect(namesIn((await get(`/forms/schools/${w.school.id}/pupils?q=${w.own.Cara!.upn.toLowerCase()}`)).text)).toEqual(["Cara Cole"]);
    const abroad = await get(`/forms/schools/${w.school.id}/pupils?q=Hughesworth`);
    expect(namesIn(abroad.text)).toEqual([]);
    expect(abroad.text).not.toContain(w.elsewhere.id);
    expect(namesIn((await get(`/forms/schools/${w.school.id}/pupils?q=${w.elsewhere.upn}`)).text)).toEqual([]);
    expect(namesIn((await get(`/forms/schools/${w.school.id}/pupils?q=%25`)).text)).toEqual([]);
  });

  it("shows a teacher only the pupils they teach", async () => {
    const w = await world();
    const get = await as({ id: w.teacher.id, role: "teacher" });
    expect(namesIn((await get(`/forms/schools/${w.school.id}/pupils`)).text)).toEqual(["Amy Adams"]);
    expect(namesIn((await get(`/forms/schools/${w.school.id}/pupils?q=Noah`)).text)).toEqual([]);
  });

  it("narrows the search by stage, year group and primary need", async () => {
    const w = await world();
    const get = await as({ id: w.senco.id, role: "senco" });
    const list = (query: string) => get(`/forms/schools/${w.school.id}/pupils?${query}`).then((answer) => namesIn(answer.text));
    expect(await list("stage=senSupportDo")).toEqual(["Eve Evans"]);
    expect(await list("year=5")).toEqual(["Dan Dunn"]);
    expect(await list("need=SEMH")).toEqual(["Ben Baker"]);
    expect(await list("stage=senSupportPlan&year=4&need=SPLD&q=")).toEqual(["Amy Adams", "Cara Cole", "Fay Fox", "Gus Green"]);
  });

  it("filters the register by stage, year group and need, pages next and previous keeping the filters, and exports the rows shown", async () => {
    const w = await world();
    const get = await as({ id: w.senco.id, role: "senco" });
    const first = await get(`/dashboard/schools/${w.school.id}?stage=senSupportPlan&year=4&need=SPLD&limit=2`);
    expect(first.status).toBe(200);
    const register = (text: string) => namesIn(text.slice(text.indexOf('id="register"'), text.indexOf('id="stages"')));
    expect(register(first.text)).toEqual(["Amy Adams", "Cara Cole"]);
    expect(first.text).toMatch(/<option value="senSupportPlan" selected>/);
    expect(linkOf(first.text, "prev")).toBeUndefined();
    const nextHref = linkOf(first.text, "next")!;
    expect(nextHref).toContain("stage=senSupportPlan&year=4&need=SPLD&after=");
    const second = await get(`${nextHref.replace("#register", "")}&limit=2`);
    expect(register(second.text)).toEqual(["Fay Fox", "Gus Green"]);
    const back = await get(`${linkOf(second.text, "prev")!.replace("#register", "")}&limit=2`);
    expect(register(back.text)).toEqual(["Amy Adams", "Cara Cole"]);
    expect(linkOf(back.text, "prev")).toBeUndefined();

    const csvHref = first.text.match(/<a href="([^"]+\/register\?[^"]+)" download>/)![1]!.replaceAll("&amp;", "&");
    expect(csvHref).toContain("stage=senSupportPlan&year=4&need=SPLD");
    const csv = await get(csvHref);
    expect(csv.type).toContain("text/csv");
    const surnames = csv.text
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[1]);
    expect(surnames).toEqual(["Adams", "Cole", "Fox", "Green"]);
    expect(surnames).toEqual([...register(first.text), ...register(second.text)].map((name) => name?.split(" ")[1]));
    expect(register((await get(`/dashboard/schools/${w.school.id}?year=5`)).text)).toEqual(["Dan Dunn"]);
    expect(register((await get(`/dashboard/schools/${w.school.id}?stage=senSupportDo`)).text)).toEqual(["Eve Evans"]);
  });

  it("answers a filter that is not one of the list's with a 400 page naming it, never a 500", async () => {
    const w = await world();
    const get = await as({ id: w.senco.id, role: "senco" });
    const year = await get(`/dashboard/schools/${w.school.id}?year=99`);
    expect(year.status).toBe(400);
    expect(year.text).toContain("Select a year group from the list");
    expect(year.text).toContain("<title>Error: ");
    const stage = await get(`/forms/schools/${w.school.id}/pupils?stage=schoolAction`);
    expect([stage.status, stage.text.includes("Select a stage from the list")]).toEqual([400, true]);
    const need = await get(`/api/dashboard/schools/${w.school.id}/register?need=XYZ`);
    expect([need.status, JSON.parse(need.text).error.fields[0]]).toEqual([400, { field: "need", message: "Select a primary need from the list" }]);
    const cursor = await get(`/dashboard/schools/${w.school.id}?before=nonsense`);
    expect([cursor.status, cursor.text.includes("The page link is not one Stepwise gave")]).toEqual([400, true]);
    const long = await get(`/forms/schools/${w.school.id}/pupils?q=${"a".repeat(101)}`);
    expect([long.status, long.text.includes("The name or UPN must be 100 characters or fewer")]).toEqual([400, true]);
    const officer = await as({ id: w.officer.id, role: "laOfficer" });
    const la = await officer("/dashboard/la/tables/pupils?year=Y4");
    expect([la.status, la.text.includes("Select a year group from the list")]).toEqual([400, true]);
    const none = await officer("/dashboard/la/tables/pupils");
    expect([none.status, none.text.includes("Choose a stage, a year group, a primary need or a school")]).toEqual([400, true]);
  });

  it("lets an LA officer filter the LA's list of pupils by year group, need and school, a page either way, exporting the rows shown", async () => {
    const w = await world();
    const get = await as({ id: w.officer.id, role: "laOfficer" });
    const first = await get("/dashboard/la/tables/pupils?stage=senSupportPlan&year=4&need=SPLD&limit=2");
    expect(first.status).toBe(200);
    expect(namesIn(first.text)).toEqual(["Amy Adams", "Cara Cole"]);
    const second = await get(`${linkOf(first.text, "next")!}&limit=2`);
    expect(namesIn(second.text)).toEqual(["Fay Fox", "Gus Green"]);
    const third = await get(`${linkOf(second.text, "next")!}&limit=2`);
    expect(namesIn(third.text)).toEqual(["Noah Hughesworth"]);
    expect(namesIn((await get(`${linkOf(third.text, "prev")!}&limit=2`)).text)).toEqual(["Fay Fox", "Gus Green"]);
    expect(namesIn((await get(`/dashboard/la/tables/pupils?need=SPLD&schoolId=${w.other.id}`)).text)).toEqual(["Noah Hughesworth"]);
    const csvHref = first.text.match(/<a href="([^"]+)" download>/)![1]!.replaceAll("&amp;", "&");
    const csv = await get(csvHref);
    expect(
      csv.text
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    ).toEqual(["Amy Adams", "Cara Cole", "Fay Fox", "Gus Green", "Noah Hughesworth"]);
  });
});
