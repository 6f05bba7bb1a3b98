import { eq } from "drizzle-orm";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { pupils } from "../../schema/tables";
import { embedOrigin } from "../../schema/inputs";
import { isWebOrigin, requiredLine } from "../../schema/rules";
import { api, createLa, createSchool, createStaff, db, newUpn } from "../support/world";

const name = requiredLine(100, "the pupil's first name");

describe("issue 16 finding: single-line text fields take CR/LF, NUL, bidi overrides and zero-width characters", () => {
  it.each(["Sam\r\nBcc: x@evil.example", "Sam\n", "Sa\u0000m", "Sam\u001b[31m", "Sam\u0085", "Sam\u2028Smith", "Sam\tSmith"])(
    "refuses %j, naming the field",
    (typed) => {
      const result = v.safeParse(name, typed);
      expect(result.success).toBe(false);
      expect(result.issues?.[0]?.message).toBe("The pupil's first name must be one line of text, without line breaks or control characters");
    },
  );

  it.each([
    ["Sam\u202Egnp.exe", "Samgnp.exe"],
    ["\u200BSam\uFEFF", "Sam"],
    ["Sam\u2066\u2069", "Sam"],
    ["Sam\u200EO\u200F", "SamO"],
  ])("removes what would reorder or hide %j", (typed, kept) => {
    expect(v.parse(name, typed)).toBe(kept);
  });

  it("keeps joiners real names need", () => {
    expect(v.parse(name, "می\u200Cخواهم")).toBe("می\u200Cخواهم");
  });

  it("the API refuses a pupil's name with a line break (400 naming the field) and stores what is left of one with a bidi override", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
    const enrol = (givenName: string) =>
      api("/api/pupils", {
        headers: senco.headers,
        body: { upn: newUpn(), givenName, familyName: "Example", dateOfBirth: "2017-05-04", yearGroup: "4", schoolId: school.id },
      });
    const refused = await enrol("Sam\r\nSmith");
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields).toContainEqual({
      field: "givenName",
      message: "The pupil's first name must be one line of text, without line breaks or control characters",
    });
    const cleaned = await enrol("\u202ESam");
    expect(cleaned.status).toBe(201);
    const [stored] = await db().select({ givenName: pupils.givenName }).from(pupils).where(eq(pupils.id, cleaned.json.pupil.id));
    expect(stored?.givenName).toBe("Sam");
  });
});

describe("issue 16 finding: embedOrigins takes port 99999 into the CSP", () => {
  it.each([
    "https://www.school.example:99999",
    "https://www.school.example:0",
    "https://www.school.example/",
    "https://www.school.example/path",
    "http://www.school.example",
    "ftp://www.school.example",
    "https://user@www.school.example",
    "https://www.school.example?x",
    "https://",
    "https://:443",
  ])("refuses %s", (origin) => {
    expect(isWebOrigin(origin)).toBe(false);
    expect(v.safeParse(embedOrigin, origin).success).toBe(false);
  });

  it.each(["https://www.school.example", "https://www.school.example:8443", "https://b.example:65535", "http://localhost:8787", "http://127.0.0.1:5173"])(
    "takes %s",
    (origin) => {
      expect(v.parse(embedOrigin, origin)).toBe(origin);
    },
  );

  it("an admin cannot register an origin with port 99999", async () => {
    const admin = await createStaff("admin", { laId: null });
    const school = await createSchool((await createLa()).id, "england2001");
    const refused = await api(`/api/admin/schools/${school.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { embedOrigins: ["https://www.school.example:99999"] },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields[0].field).toBe("embedOrigins.0");
  });
});
