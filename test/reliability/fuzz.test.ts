import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStaff, schoolWithPupil } from "../support/world";
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
