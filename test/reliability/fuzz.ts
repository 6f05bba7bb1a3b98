import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff, schoolWithPupil } from "../support/world";
import { endpoints, fillPath, parameterNames, takesBody, type Endpoint } from "./routes";

/** Bounded so each slice of the sweep stays well under a minute however many routes the app grows. */
const runsPerEndpoint = 12;

/** Field names the app's forms and API use, so generated objects often get past the first check and reach deeper code. */
const knownFields = [
  "move",
  "expectedVersion",
  "form",
  "kind",
  "id",
  "reason",
  "areasOfConcern",
  "description",
  "upn",
  "givenName",
  "familyName",
  "dateOfBirth",
  "yearGroup",
  "schoolId",
  "pupilId",
  "stage",
  "email",
  "password",
  "name",
  "role",
  "targets",
  "reviewDate",
  "objective",
  "baseline",
  "decision",
  "childName",
  "parentEmail",
  "idempotencyKey",
  "website",
  "day",
  "month",
  "year",
  "cursor",
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

export const jsonish = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.dictionary(fc.oneof(fc.constantFrom(...knownFields), fc.string()), fc.jsonValue(), { maxKeys: 8 }).map((value) => JSON.stringify(value)),
);
const formish = fc
  .dictionary(fc.oneof(fc.constantFrom(...knownFields), fc.string()), fc.string(), { maxKeys: 8 })
  .map((fields) => new URLSearchParams(fields).toString());
const multipartish = fc
  .array(fc.tuple(fc.constantFrom(...knownFields), fc.string()), { maxLength: 4 })
  .map(
    (parts) => parts.map(([name, value]) => `--stepwise\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + "--stepwise--\r\n",
  );
const body = fc.option(fc.oneof(jsonish, formish, multipartish, fc.string({ unit: "binary", maxLength: 300 })), { nil: undefined });

/** Header values a client could really send: visible ASCII, no line breaks. */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });

/**
 * Dates at the edges (issue 16: a meeting held on 9999-12-31 made a clock due +010000-04 that stopped the scheduled
 * run): years 0, 1, 9999 and +10000, 29 February in leap and other years, the ends of the years taken, and any day
 * from far past to far future, written as the API reads dates.
 */
export const edgeDate = fc.oneof(
  fc.constantFrom(
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "+010000-04-30",
    "-000001-01-01",
    "2028-02-29",
    "2027-02-29",
    "2100-02-29",
    "2000-02-29",
    "1899-12-31",
    "1900-01-01",
    "2100-12-31",
    "2101-01-01",
    "275760-09-13",
  ),
  fc.date({ min: new Date(Date.UTC(-2000, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc
    .date({ min: new Date(Date.UTC(-2000, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true })
    .map((date) => date.toISOString().replace(/T.*$/, "")),
);
/** Host, Origin and Content-Type as a hostile client might send them. */
export const hostileHeaders = fc.record(
  {
    host: fc.oneof(fc.constantFrom("evil.example", "stepwise.test", "localhost:99999", "stepwise.test:0", "[::1]", ""), headerValue),
    origin: fc.oneof(
      fc.constantFrom("https://evil.example", "null", "https://stepwise.test", "http://stepwise.test", "https://stepwise.test:99999", ""),
      headerValue,
    ),
    "content-type": fc.oneof(
      fc.constantFrom(...contentTypes, "application/json; charset=utf-16", "application/merge-patch+json", "text/json", "application/json, text/plain"),
      headerValue,
    ),
  },
  { requiredKeys: [] },
);

/** Every stored date column (…_on, …_date, date_of_birth) whose value is not a day from 1900 to 2100. */
export async function storedAbsurdDates(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT m.name AS tableName, p.name AS columnName FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE '\\_%' ESCAPE '\\' AND m.name NOT LIKE 'sqlite%' AND (p.name LIKE '%\\_on' ESCAPE '\\' OR p.name LIKE '%\\_date' ESCAPE '\\' OR p.name = 'date_of_birth' OR p.name = 'child_date_of_birth')",
  ).all<{ tableName: string; columnName: string }>();
  // The scan must see the date columns, or it would pass by reading nothing.
  expect(results.map((r) => `${r.tableName}.${r.columnName}`)).toEqual(
    expect.arrayContaining(["clocks.due_on", "parent_meetings.held_on", "pupils.date_of_birth"]),
  );
  const absurd: string[] = [];
  for (const { tableName, columnName } of results) {
    const { results: rows } = await env.DB.prepare(
      `SELECT "${columnName}" AS value FROM "${tableName}" WHERE "${columnName}" IS NOT NULL AND NOT ("${columnName}" BETWEEN '1900-01-01' AND '2100-12-31' AND length("${columnName}") = 10)`,
    ).all<{ value: string }>();
    absurd.push(...rows.map((row) => `${tableName}.${columnName} = ${row.value}`));
  }
  return absurd;
}

export async function world() {
  const { la, school, senco, pupil } = await schoolWithPupil("england2001", "concernRecorded");
  const officer = await createStaff("laOfficer", { laId: la.id });
  const ids = [pupil.id, school.id, la.id, senco.id, officer.id, school.publicSlug, crypto.randomUUID()];
  const authorisations = [undefined, senco.headers.Authorization, officer.headers.Authorization, "Bearer not-a-token", "Basic Zm9vOmJhcg=="];
  return { ids, authorisations };
}

function requestFor(endpoint: Endpoint, context: Awaited<ReturnType<typeof world>>) {
  const names = parameterNames(endpoint.path);
  return fc
    .record({
      params: fc.tuple(...names.map(() => fc.oneof(fc.constantFrom(...context.ids), fc.uuid(), fc.string({ maxLength: 40 })))),
      query: fc.option(fc.dictionary(fc.oneof(fc.constantFrom(...knownFields, "limit", "after"), fc.string()), fc.string(), { maxKeys: 4 }), {
        nil: undefined,
      }),
      authorization: fc.constantFrom(...context.authorisations),
      contentType: fc.constantFrom(...contentTypes),
      extra: fc.dictionary(
        fc.constantFrom("accept", "origin", "referer", "x-forwarded-for", "cf-connecting-ip", "cookie", "idempotency-key", "accept-language"),
        headerValue,
        { maxKeys: 4 },
      ),
      body: takesBody(endpoint) ? body : fc.constant(undefined),
    })
    .map(({ params, query, authorization, contentType, extra, body }) => {
      const path = fillPath(endpoint.path, Object.fromEntries(names.map((name, i) => [name, params[i]!])));
      const search = query ? `?${new URLSearchParams(query)}` : "";
      const headers = new Headers(extra);
      if (authorization) headers.set("authorization", authorization);
      if (contentType) headers.set("content-type", contentType);
      return { url: `https://stepwise.test${path}${search}`, init: { method: endpoint.method, headers, body } };
    });
}

/**
 * The endpoint sweep runs in slices, each file its own runtime with one world built once: vitest-pool-workers 0.23
 * wraps the Durable Object class in one more Proxy per object constructed (cloudflare/workers-sdk#15092), so one file
 * building a pupil per endpoint overflowed the stack after a couple of hundred.
 */
export const sweepSlices = 6;

export function describeSweepSlice(slice: number) {
  describe(`any request a client can send (part ${slice + 1} of ${sweepSlices})`, () => {
    const all = endpoints();
    let context: Awaited<ReturnType<typeof world>>;
    beforeAll(async () => {
      context = await world();
    });

    if (slice === 0) {
      it("finds the app's endpoints by reading its router", () => {
        expect(all).toContainEqual({ method: "POST", path: "/api/pupils/:id/transitions" });
        expect(all).toContainEqual({ method: "GET", path: "/api/health" });
      });
    }

    const mine = all.filter((_, index) => index % sweepSlices === slice);
    it.each(mine.map((e) => [`${e.method} ${e.path}`, e] as const))("%s never answers 5xx, whatever the body, headers and path", async (_, endpoint) => {
      await fc.assert(
        fc.asyncProperty(requestFor(endpoint, context), async ({ url, init }) => {
          const response = await SELF.fetch(url, init);
          await response.arrayBuffer();
          expect(response.status, `${init.method} ${url}`).toBeLessThan(500);
        }),
        { numRuns: runsPerEndpoint },
      );
    });
  });
}
