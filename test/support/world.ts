import { env, SELF } from "cloudflare:test";
import { localAuthorities, schools, staffSchools, staffUsers } from "../../schema/tables";
import { withUpnCheckLetter } from "../../schema/rules";
import type { FrameworkId, StaffRole } from "../../schema/vocab";
import { issueStaffToken } from "../../worker/auth/tokens";
import { openDb } from "../../worker/db";

/** Builders for the rows a test needs. Every call makes fresh ids, so tests never share state. */

const unique = () => crypto.randomUUID();
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");

export const db = () => openDb(env.DB);

export async function createLa(overrides: Partial<typeof localAuthorities.$inferInsert> = {}) {
  const la = { id: unique(), name: `LA ${digits(4)}`, code: `${unique().slice(0, 8)}`, region: "englandAndWales" as const, ...overrides };
  await db().insert(localAuthorities).values(la);
  return la;
}

export async function createSchool(laId: string, framework: FrameworkId, overrides: Partial<typeof schools.$inferInsert> = {}) {
  const school = {
    id: unique(),
    laId,
    name: `School ${digits(4)}`,
    urn: unique(),
    phase: "primary" as const,
    framework,
    publicSlug: `school-${unique()}`,
    region: framework === "recordOfNeed" ? ("jersey" as const) : ("englandAndWales" as const),
    ...overrides,
  };
  await db().insert(schools).values(school);
  return school;
}

export async function createStaff(role: StaffRole, scope: { laId: string | null; schoolIds?: string[] }) {
  const user = { id: unique(), email: `${unique()}@example.test`, name: `${role} ${digits(3)}`, role, laId: scope.laId, tokenVersion: 0 };
  await db().insert(staffUsers).values(user);
  for (const schoolId of scope.schoolIds ?? []) await db().insert(staffSchools).values({ userId: user.id, schoolId });
  const token = await issueStaffToken(env, user, Math.floor(Date.now() / 1000));
  return { ...user, token, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } };
}

/** A UPN no other test holds, with its DfE check letter. */
export const newUpn = () => withUpnCheckLetter(digits(12));

export async function api(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const response = await SELF.fetch(`https://stepwise.test${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? init.headers : { "Content-Type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (error) {
    throw new Error(`Not JSON (${response.status}): ${text.slice(0, 200)}`, { cause: error });
  }
  return { status: response.status, headers: response.headers, json };
}

/** One LA with a school of the framework, its SENCO, and a pupil enrolled through the API at `stage`. */
export async function schoolWithPupil(framework: FrameworkId, stage?: string) {
  const la = await createLa();
  const school = await createSchool(la.id, framework);
  const senco = await createStaff("senco", { laId: la.id, schoolIds: [school.id] });
  const enrolled = await api("/api/pupils", {
    headers: senco.headers,
    body: { upn: newUpn(), givenName: "Sam", familyName: "Example", dateOfBirth: "2017-05-04", yearGroup: "4", schoolId: school.id, stage },
  });
  if (enrolled.status !== 201) throw new Error(`enrol failed: ${JSON.stringify(enrolled.json)}`);
  return { la, school, senco, pupil: enrolled.json.pupil as { id: string; version: number; stage: string } };
}

/** A staff member who can sign in with `password`. */
export async function staffWithPassword(role: StaffRole, scope: { laId: string | null; schoolIds?: string[] }, password: string) {
  const { hashPassword } = await import("../../worker/auth/password");
  const { eq } = await import("drizzle-orm");
  const staff = await createStaff(role, scope);
  const hashed = await hashPassword(password);
  await db().update(staffUsers).set({ passwordHash: hashed.hash, passwordSalt: hashed.salt }).where(eq(staffUsers.id, staff.id));
  return staff;
}

/** A page request as a browser without JavaScript makes it: a form post, redirects not followed. */
export async function page(path: string, init: { form?: Record<string, string>; cookie?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.Cookie = init.cookie;
  const response = await SELF.fetch(`https://stepwise.test${path}`, {
    method: init.form ? "POST" : "GET",
    headers,
    body: init.form ? new URLSearchParams(init.form) : undefined,
    redirect: "manual",
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
