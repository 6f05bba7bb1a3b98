import { describe, expect, it } from "vitest";
import { api, createStaff, schoolWithPupil } from "./support/world";

const threeDigits = () => String(Math.floor(Math.random() * 900) + 100);
const sixDigits = () => String(Math.floor(Math.random() * 900_000) + 100_000);

describe("an admin manages LAs and schools", () => {
  it("adds an LA and a school, changes its slug, framework, region and embed origins", async () => {
    const admin = await createStaff("admin", { laId: null });
    let la = await api("/api/admin/las", { headers: admin.headers, body: { name: "Testshire", code: threeDigits(), region: "englandAndWales" } });
    for (let i = 0; la.status === 409 && i < 5; i++) {
      la = await api("/api/admin/las", { headers: admin.headers, body: { name: "Testshire", code: threeDigits(), region: "englandAndWales" } });
    }
    expect(la.status).toBe(201);
    expect(la.json.localAuthority.retentionYearsAfterBirth).toBe(31);
    const laId = la.json.localAuthority.id;
    const longer = await api(`/api/admin/las/${laId}`, { method: "PATCH", headers: admin.headers, body: { retentionYearsAfterBirth: 35 } });
    expect(longer.json.localAuthority.retentionYearsAfterBirth).toBe(35);

    const slug = `test-${crypto.randomUUID().slice(0, 8)}`;
    const school = await api("/api/admin/schools", {
      headers: admin.headers,
      body: {
        laId,
        name: "Test Primary",
        urn: sixDigits(),
        phase: "primary",
        framework: "england2014",
        publicSlug: slug,
        region: "englandAndWales",
        embedOrigins: ["https://www.test-primary.example"],
      },
    });
    expect(school.status).toBe(201);
    expect(school.json.school).toMatchObject({ laId, publicSlug: slug, embedOrigins: ["https://www.test-primary.example"] });

    const changed = await api(`/api/admin/schools/${school.json.school.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { publicSlug: `${slug}-new`, framework: "england2001", embedOrigins: ["https://a.example", "https://b.example:8443"] },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.school).toMatchObject({
      publicSlug: `${slug}-new`,
      framework: "england2001",
      embedOrigins: ["https://a.example", "https://b.example:8443"],
    });

    const listed = await api(`/api/admin/schools?laId=${laId}`, { headers: admin.headers });
    expect(listed.json.schools.map((s: { id: string }) => s.id)).toEqual([school.json.school.id]);
  });

  it("refuses a taken slug, a bad origin and an unknown LA, naming the field", async () => {
    const admin = await createStaff("admin", { laId: null });
    const { school, la } = await schoolWithPupil("england2014");
    const body = { laId: la.id, name: "Dup", urn: sixDigits(), phase: "primary", framework: "england2014", region: "englandAndWales" };
    const dup = await api("/api/admin/schools", { headers: admin.headers, body: { ...body, publicSlug: school.publicSlug } });
    expect(dup.status).toBe(409);
    expect(dup.json.error.fields[0].field).toBe("publicSlug");
    const origin = await api("/api/admin/schools", {
      headers: admin.headers,
      body: { ...body, publicSlug: "fine-slug", embedOrigins: ["http://insecure.example/path"] },
    });
    expect(origin.status).toBe(400);
    expect(origin.json.error.fields[0].field).toBe("embedOrigins.0");
    const noLa = await api("/api/admin/schools", { headers: admin.headers, body: { ...body, laId: crypto.randomUUID(), publicSlug: "other-slug" } });
    expect(noLa.status).toBe(404);
  });

  it.each(["12345", "12345678", "12a456", ""])("refuses the URN %j: a unique reference number is 6 or 7 digits", async (urn) => {
    const admin = await createStaff("admin", { laId: null });
    const { la } = await schoolWithPupil("england2014");
    const slug = `urn-${crypto.randomUUID().slice(0, 8)}`;
    const refused = await api("/api/admin/schools", {
      headers: admin.headers,
      body: { laId: la.id, name: "Urn Primary", urn, phase: "primary", framework: "england2014", publicSlug: slug, region: "englandAndWales" },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields).toEqual([expect.objectContaining({ field: "urn" })]);
  });

  it("is the admin's alone, and the admin sees no pupil records", async () => {
    const { la, school, senco, pupil } = await schoolWithPupil("england2014");
    const officer = await createStaff("laOfficer", { laId: la.id });
    for (const who of [senco, officer]) expect((await api("/api/admin/schools", { headers: who.headers })).status).toBe(403);
    const admin = await createStaff("admin", { laId: null });
    expect((await api(`/api/pupils/${pupil.id}`, { headers: admin.headers })).status).toBe(404);
    expect((await api(`/api/pupils?schoolId=${school.id}`, { headers: admin.headers })).json.pupils).toEqual([]);
  });
});
