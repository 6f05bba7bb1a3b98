import { eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { auditLog, pupils, senHistory, teachingAssignments } from "../../schema/tables";
import { readCtf } from "../../worker/pupils/ctf-file";
import { api, createLa, createSchool, createStaff, db, newUpn, page } from "../support/world";

const bearer = (staff: { headers: Record<string, string> }) => ({ Authorization: staff.headers.Authorization ?? "" });

/** Two schools of the SEND Code in two LAs, and a pupil on SEN support with two needs, moved on once. */
async function leavingPupil() {
  const [laA, laB] = [await createLa(), await createLa()];
  const leaving = await createSchool(laA.id, "england2014");
  const receiving = await createSchool(laB.id, "england2014");
  const leavingSenco = await createStaff("senco", { laId: laA.id, schoolIds: [leaving.id] });
  const leavingTeacher = await createStaff("teacher", { laId: laA.id, schoolIds: [leaving.id] });
  const receivingSenco = await createStaff("senco", { laId: laB.id, schoolIds: [receiving.id] });
  const upn = newUpn();
  const enrolled = await api("/api/pupils", {
    headers: leavingSenco.headers,
    body: {
      upn,
      givenName: "Ada",
      familyName: "Leaving",
      dateOfBirth: "2016-05-04",
      yearGroup: "5",
      schoolId: leaving.id,
      stage: "senSupportAssess",
      primaryNeed: "SPLD",
      secondaryNeed: "SLCN",
    },
  });
  return { laA, leaving, receiving, leavingSenco, leavingTeacher, receivingSenco, upn, pupilId: enrolled.json.pupil.id as string };
}

/** Every element of the document as a path, in document order (fast-xml-parser's ordered form). */
function elementPaths(xml: string): string[] {
  const walk = (nodes: unknown[], prefix: string): string[] =>
    nodes.flatMap((node) => {
      if (typeof node !== "object" || node === null) return [];
      const name = Object.keys(node).find((key) => key !== ":@" && key !== "#text" && key !== "?xml");
      if (!name) return [];
      const children = (node as Record<string, unknown>)[name];
      return [`${prefix}${name}`, ...walk(Array.isArray(children) ? children : [], `${prefix}${name}/`)];
    });
  return walk(new XMLParser({ preserveOrder: true }).parse(xml), "");
}

describe("the Common Transfer File", () => {
  it("written by Stepwise follows the specification's elements and order, and reading it back gives the provision, needs and SEN history", async () => {
    const w = await leavingPupil();
    await db().insert(teachingAssignments).values({ userId: w.leavingTeacher.id, pupilId: w.pupilId });
    expect((await page(`/forms/pupils/${w.pupilId}/ctf`, { headers: bearer(w.leavingTeacher) })).status).toBe(403);
    expect((await page(`/forms/pupils/${w.pupilId}/ctf`, { headers: bearer(w.receivingSenco) })).status).toBe(404);
    const download = await page(`/forms/pupils/${w.pupilId}/ctf`, { headers: bearer(w.leavingSenco) });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toContain("application/xml");
    expect(download.headers.get("Content-Disposition")).toContain("attachment");
    const xml = download.text;

    const paths = elementPaths(xml);
    const S = "CTfile/CTFpupilData/Pupil/SENhistory";
    expect(paths).toEqual([
      "CTfile",
      "CTfile/Header",
      ...["DocumentName", "CTFversion", "DateTime", "DocumentQualifier", "SupplierID", "SourceSchool"].map((e) => `CTfile/Header/${e}`),
      ...["LEA", "URN", "SchoolName", "AcademicYear"].map((e) => `CTfile/Header/SourceSchool/${e}`),
      "CTfile/CTFpupilData",
      "CTfile/CTFpupilData/Pupil",
      ...["UPN", "Surname", "Forename", "DOB", "NCyearActual", "SENhistory"].map((e) => `CTfile/CTFpupilData/Pupil/${e}`),
      `${S}/SEN`,
      `${S}/SEN/StartDate`,
      `${S}/SEN/SENprovision`,
      `${S}/SENneeds`,
      `${S}/SENneeds/SENneed`,
      `${S}/SENneeds/SENneed/SENtypeRank`,
      `${S}/SENneeds/SENneed/SENtype`,
      `${S}/SENneeds/SENneed`,
      `${S}/SENneeds/SENneed/SENtypeRank`,
      `${S}/SENneeds/SENneed/SENtype`,
    ]);
    const read = readCtf(xml);
    if (!read.ok) throw new Error(read.reason);
    const today = new Date().toISOString().slice(0, 10);
    expect(read.file.version).toBe("25.0");
    expect(read.file.source).toMatchObject({ laCode: w.laA.code, urn: w.leaving.urn, name: w.leaving.name });
    expect(read.file.pupil).toEqual({
      upn: w.upn,
      surname: "Leaving",
      forename: "Ada",
      dateOfBirth: "2016-05-04",
      yearGroup: "5",
      needs: [
        { rank: 1, type: "SPLD" },
        { rank: 2, type: "SLCN" },
      ],
      history: [{ startDate: today, provision: "K" }],
    });
    const exported = await db().select().from(auditLog).where(eq(auditLog.resource, "ctf"));
    expect(
      exported
        .filter((a) => a.pupilId === w.pupilId)
        .map((a) => [a.actorId, a.outcome])
        .sort(),
    ).toEqual(
      [
        [w.leavingSenco.id, "done"],
        [w.leavingTeacher.id, "refused"],
      ].sort(),
    );
  });

  it("another school uploads it: a preview, then the pupil joins at their provision's stage with the SEN history listed", async () => {
    const w = await leavingPupil();
    const xml = (await page(`/forms/pupils/${w.pupilId}/ctf`, { headers: bearer(w.leavingSenco) })).text;
    // An earlier school's entry, as an MIS would have written it, before Stepwise's own.
    const withEarlier = xml.replace("<SEN>", "<SEN><StartDate>2021-09-06</StartDate><SENprovision>N</SENprovision></SEN><SEN>");
    const preview = await page(`/forms/schools/${w.receiving.id}/ctf-import`, { headers: bearer(w.receivingSenco), form: { xml: withEarlier } });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("Ada Leaving");
    expect(preview.text).toContain("SEN support: Assess");
    expect(preview.text).toContain("SPLD");
    expect(await db().select().from(pupils).where(eq(pupils.schoolId, w.receiving.id))).toEqual([]);

    const confirmed = await page(`/forms/schools/${w.receiving.id}/ctf-import/confirm`, { headers: bearer(w.receivingSenco), form: { xml: withEarlier } });
    expect(confirmed.status).toBe(303);
    const [arrived] = await db().select().from(pupils).where(eq(pupils.schoolId, w.receiving.id));
    expect(arrived).toMatchObject({ upn: w.upn, stage: "senSupportAssess", primaryNeed: "SPLD", secondaryNeed: "SLCN", yearGroup: "5" });
    const history = await db().select().from(senHistory).where(eq(senHistory.pupilId, arrived!.id));
    expect(history.map((h) => [h.startDate, h.provision, h.schoolId]).sort()).toEqual([
      ["2021-09-06", "N", w.receiving.id],
      [new Date().toISOString().slice(0, 10), "K", w.receiving.id],
    ]);
    const pupilPage = await page(`/forms/pupils/${arrived!.id}`, { headers: bearer(w.receivingSenco) });
    expect(pupilPage.text).toContain("SEN history from the Common Transfer File");
    expect(pupilPage.text).toMatch(/6 September 2021/);

    // Written again by the receiving school, the file carries the history it arrived with: nothing is lost on the way.
    const again = readCtf((await page(`/forms/pupils/${arrived!.id}/ctf`, { headers: bearer(w.receivingSenco) })).text);
    expect(again.ok && again.file.pupil.history).toEqual([
      { startDate: "2021-09-06", provision: "N" },
      { startDate: new Date().toISOString().slice(0, 10), provision: "K" },
    ]);
  });

  it("refuses hostile or malformed files with a 4xx and a plain reason, storing nothing", async () => {
    const w = await leavingPupil();
    const post = (xml: string) => page(`/forms/schools/${w.receiving.id}/ctf-import/confirm`, { headers: bearer(w.receivingSenco), form: { xml } });
    const good = (await page(`/forms/pupils/${w.pupilId}/ctf`, { headers: bearer(w.leavingSenco) })).text;
    const laughs = `<?xml version="1.0"?><!DOCTYPE CTfile [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><CTfile><Header>&b;</Header></CTfile>`;
    const external = `<?xml version="1.0"?><!DOCTYPE CTfile [<!ENTITY x SYSTEM "file:///etc/passwd">]><CTfile>&x;</CTfile>`;
    const cases: [string, string, RegExp][] = [
      ["entities", laughs, /declares a document type or entities/],
      ["external entity", external, /declares a document type or entities/],
      ["wrong root", good.replace(/CTfile>/g, "Invoice>"), /outermost element must be CTfile/],
      ["not XML", "<CTfile><Header></CTfile>", /not well-formed XML/],
      [
        "out of order",
        good.replace(/<Surname>Leaving<\/Surname>\s*<Forename>Ada<\/Forename>/, "<Forename>Ada</Forename><Surname>Leaving</Surname>"),
        /not in the order/,
      ],
      ["bad provision", good.replace("<SENprovision>K</SENprovision>", "<SENprovision>Q</SENprovision>"), /not an SEN provision code/],
      ["bad UPN", good.replace(w.upn, "X123"), /not accepted/],
      ["large", `${good}<!--${"x".repeat(1_100_000)}-->`, /larger than 1 MB/],
    ];
    for (const [name, xml, reason] of cases) {
      const answer = await post(xml);
      expect([name, answer.status, reason.test(answer.text)]).toEqual([name, 422, true]);
    }
    const huge = await post("x".repeat(3 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(await db().select().from(pupils).where(eq(pupils.schoolId, w.receiving.id))).toEqual([]);
  });
});
