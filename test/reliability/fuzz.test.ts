import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStaff, newUpn, schoolWithPupil } from "../support/world";
import { endpoints, fillPath, parameterNames, takesBody, type Endpoint } from "./routes";

/** Bounded so the whole sweep stays a few seconds however many routes the app grows. */
const runsPerEndpoint = 12;

/** Field names the app's forms and API use, so generated objects often get past the first check and reach deeper code. */
const knownFields = [
  "move", "expectedVersion", "form", "kind", "id", "reason", "areasOfConcern", "description", "upn", "givenName", "familyName",
  "dateOfBirth", "yearGroup", "schoolId", "pupilId", "stage", "email", "password", "name", "role", "targets", "reviewDate",
  "objective", "baseline", "decision", "childName", "parentEmail", "idempotencyKey", "website", "day", "month", "year", "cursor",
];

const contentTypes = [
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=stepwise",
  "multipart/form-data",
  "application/xml",
  "",
];

const jsonish = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.dictionary(fc.oneof(fc.constantFrom(...knownFields), fc.string()), fc.jsonValue(), { maxKeys: 8 }).map((value) => JSON.stringify(value)),
);
const formish = fc
  .dictionary(fc.oneof(fc.constantFrom(...knownFields), fc.string()), fc.string(), { maxKeys: 8 })
  .map((fields) => new URLSearchParams(fields).toString());
const multipartish = fc
  .array(fc.tuple(fc.constantFrom(...knownFields), fc.string()), { maxLength: 4 })
  .map((parts) => parts.map(([name, value]) => `--stepwise\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + "--stepwise--\r\n");
const body = fc.option(fc.oneof(jsonish, formish, multipartish, fc.string({ unit: "binary", maxLength: 300 })), { nil: undefined });

/** Header values a client could really send: visible ASCII, no line breaks. */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });

/**
 * Dates at the edges (issue 16: a meeting held on 9999-12-31 made a clock due +010000-04 that stopped the scheduled
 * run): years 0, 1, 9999 and +10000, 29 February in leap and other years, the ends of the years taken, and any day
 * from far past to far future, written as the API reads dates.
 */
const edgeDate = fc.oneof(
  fc.constantFrom("0000-01-01", "0001-01-01", "9999-12-31", "+010000-04-30", "-000001-01-01", "2028-02-29", "2027-02-29", "2100-02-29", "2000-02-29", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "275760-09-13"),
  fc.date({ min: new Date(Date.UTC(-2000, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.date({ min: new Date(Date.UTC(-2000, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true }).map((date) => date.toISOString().replace(/T.*$/, "")),
);
/** Host, Origin and Content-Type as a hostile client might send them. */
const hostileHeaders = fc.record(
  {
    host: fc.oneof(fc.constantFrom("evil.example", "stepwise.test", "localhost:99999", "stepwise.test:0", "[::1]", ""), headerValue),
    origin: fc.oneof(fc.constantFrom("https://evil.example", "null", "https://stepwise.test", "http://stepwise.test", "https://stepwise.test:99999", ""), headerValue),
    "content-type": fc.oneof(fc.constantFrom(...contentTypes, "application/json; charset=utf-16", "application/merge-patch+json", "text/json", "application/json, text/plain"), headerValue),
  },
  { requiredKeys: [] },
);

/** Every stored date column (…_on, …_date, date_of_birth) whose value is not a day from 1900 to 2100. */
async function storedAbsurdDates(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT m.name AS tableName, p.name AS columnName FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE '\\_%' ESCAPE '\\' AND m.name NOT LIKE 'sqlite%' AND (p.name LIKE '%\\_on' ESCAPE '\\' OR p.name LIKE '%\\_date' ESCAPE '\\' OR p.name = 'date_of_birth' OR p.name = 'child_date_of_birth')",
  ).all<{ tableName: string; columnName: string }>();
  // The scan must see the date columns, or it would pass by reading nothing.
  expect(results.map((r) => `${r.tableName}.${r.columnName}`)).toEqual(expect.arrayContaining(["clocks.due_on", "parent_meetings.held_on", "pupils.date_of_birth"]));
  const absurd: string[] = [];
  for (const { tableName, columnName } of results) {
    const { results: rows } = await env.DB.prepare(
      `SELECT "${columnName}" AS value FROM "${tableName}" WHERE "${columnName}" IS NOT NULL AND NOT ("${columnName}" BETWEEN '1900-01-01' AND '2100-12-31' AND length("${columnName}") = 10)`,
    ).all<{ value: string }>();
    absurd.push(...rows.map((row) => `${tableName}.${columnName} = ${row.value}`));
  }
  return absurd;
}

async function world() {
  const { la, school, senco, pupil } = await schoolWithPupil("england2001", "concernRecorded");
  const officer = await createStaff("laOfficer", { laId: la.id });
  const ids = [pupil.id, school.id, la.id, senco.id, officer.id, school.publicSlug, crypto.randomUUID()];
  const authorisations = [undefined, senco.headers.Authorization, officer.headers.Authorization, "Bearer not-a-token", "Basic Zm9vOmJhcg=="];
  return { ids, authorisations };
}

function requestFor(endpoint: Endpoint, context: Awaited<ReturnType<typeof world>>) {
  const names = parameterNames(endpoint.path);
  return fc.record({
    params: fc.tuple(...names.map(() => fc.oneof(fc.constantFrom(...context.ids), fc.uuid(), fc.string({ maxLength: 40 })))),
    query: fc.option(fc.dictionary(fc.oneof(fc.constantFrom(...knownFields, "limit", "after"), fc.string()), fc.string(), { maxKeys: 4 }), { nil: undefined }),
    authorization: fc.constantFrom(...context.authorisations),
    contentType: fc.constantFrom(...contentTypes),
    extra: fc.dictionary(fc.constantFrom("accept", "origin", "referer", "x-forwarded-for", "cf-connecting-ip", "cookie", "idempotency-key", "accept-language"), headerValue, { maxKeys: 4 }),
    body: takesBody(endpoint) ? body : fc.constant(undefined),
  }).map(({ params, query, authorization, contentType, extra, body }) => {
    const path = fillPath(endpoint.path, Object.fromEntries(names.map((name, i) => [name, params[i]!])));
    const search = query ? `?${new URLSearchParams(query)}` : "";
    const headers = new Headers(extra);
    if (authorization) headers.set("authorization", authorization);
    if (contentType) headers.set("content-type", contentType);
    return { url: `https://stepwise.test${path}${search}`, init: { method: endpoint.method, headers, body } };
  });
}

describe("any request a client can send", () => {
  const all = endpoints();

  it("finds the app's endpoints by reading its router", () => {
    expect(all).toContainEqual({ method: "POST", path: "/api/pupils/:id/transitions" });
    expect(all).toContainEqual({ method: "GET", path: "/api/health" });
  });

  it.each(all.map((e) => [`${e.method} ${e.path}`, e] as const))("%s never answers 5xx, whatever the body, headers and path", async (_, endpoint) => {
    const context = await world();
    await fc.assert(
      fc.asyncProperty(requestFor(endpoint, context), async ({ url, init }) => {
        const response = await SELF.fetch(url, init);
        await response.arrayBuffer();
        expect(response.status, `${init.method} ${url}`).toBeLessThan(500);
      }),
      { numRuns: runsPerEndpoint },
    );
  });

  it("dates at the edges, sent where dates are taken, never answer 5xx and are never stored out of range", async () => {
    const { senco, pupil, school } = await schoolWithPupil("england2014");
    const routes = [
      (date: string) => ({ path: `/api/pupils/${pupil.id}/parent-meetings`, body: { heldOn: date, attendees: [], outcomesAgreed: "Agreed." } }),
      (date: string) => ({ path: "/api/pupils", body: { upn: newUpn(), givenName: "Sam", familyName: "Example", dateOfBirth: date, yearGroup: "4", schoolId: school.id } }),
      (date: string) => ({ path: `/api/pupils/${pupil.id}/plans`, body: { objective: "Read", baseline: "Not yet", dateWritten: date, reviewDate: date, targets: [] } }),
      (date: string) => ({ path: `/api/public/schools/${school.publicSlug}/concerns`, body: { childName: "Cy", childDateOfBirth: date, childYearGroup: "3", parentName: "Di", parentRelationship: "Aunt", parentPhone: "01632960001", description: "Sleep" } }),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), edgeDate, async (route, date) => {
        const { path, body } = route(date);
        const response = await SELF.fetch(`https://stepwise.test${path}`, {
          method: "POST",
          headers: { ...senco.headers, "Idempotency-Key": crypto.randomUUID() },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        expect(response.status, `${path} ${date}`).toBeLessThan(500);
        expect(await storedAbsurdDates(), `${path} ${date}`).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("hostile Host, Origin and Content-Type headers on any endpoint never answer 5xx", async () => {
    const context = await world();
    const writable = all.filter(takesBody);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writable), fc.constantFrom(...context.authorisations), hostileHeaders, jsonish, async (endpoint, authorization, headers, body) => {
        const path = fillPath(endpoint.path, Object.fromEntries(parameterNames(endpoint.path).map((name) => [name, context.ids[0]!])));
        const sent = new Headers();
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) sent.set(name, value);
        if (authorization) sent.set("authorization", authorization);
        const response = await SELF.fetch(`https://stepwise.test${path}`, { method: endpoint.method, headers: sent, body });
        await response.arrayBuffer();
        expect(response.status, `${endpoint.method} ${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await storedAbsurdDates()).toEqual([]);
  });

  it("an unknown path under the API or the site never answers 5xx", async () => {
    const context = await world();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/", "/", "/s/", "/forms/", "/print/"), fc.webPath(), fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"), fc.constantFrom(...context.authorisations), async (prefix, path, method, authorization) => {
        const response = await SELF.fetch(`https://stepwise.test${prefix}${path.replace(/^\//, "")}`, {
          method,
          headers: authorization ? { authorization } : {},
        });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
