import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStaff, newUpn, schoolWithPupil } from "../support/world";
import { edgeDate, hostileHeaders, jsonish, storedAbsurdDates, world } from "./fuzz";
import { endpoints, fillPath, parameterNames, takesBody } from "./routes";

describe("edge dates, hostile headers and unknown paths", () => {
  const all = endpoints();

  it("dates at the edges, sent where dates are taken, never answer 5xx and are never stored out of range", async () => {
    const { senco, pupil, school } = await schoolWithPupil("england2014");
    const routes = [
      (date: string) => ({ path: `/api/pupils/${pupil.id}/parent-meetings`, body: { heldOn: date, attendees: [], outcomesAgreed: "Agreed." } }),
      (date: string) => ({
        path: "/api/pupils",
        body: { upn: newUpn(), givenName: "Sam", familyName: "Example", dateOfBirth: date, yearGroup: "4", schoolId: school.id },
      }),
      (date: string) => ({
        path: `/api/pupils/${pupil.id}/plans`,
        body: { objective: "Read", baseline: "Not yet", dateWritten: date, reviewDate: date, targets: [] },
      }),
      (date: string) => ({
        path: `/api/public/schools/${school.publicSlug}/concerns`,
        body: {
          childName: "Cy",
          childDateOfBirth: date,
          childYearGroup: "3",
          parentName: "Di",
          parentRelationship: "Aunt",
          parentPhone: "01632960001",
          description: "Sleep",
        },
      }),
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

  it("dates at the edges, sent to the other routes that take a date, never answer 5xx and are never stored out of range", async () => {
    const { senco, pupil, la } = await schoolWithPupil("england2014", "senSupportReview");
    const officer = await createStaff("laOfficer", { laId: la.id });
    const routes = [
      (date: string) => ({
        path: `/api/pupils/${pupil.id}/specialist-involvements`,
        body: { service: "Educational psychology", requestedOn: date },
        headers: senco.headers,
      }),
      (date: string) => ({
        path: `/api/pupils/${pupil.id}/reviews`,
        body: { reviewDate: date, areasOfConcern: ["cognitionAndLearning"], evaluation: "Better" },
        headers: senco.headers,
      }),
      (date: string) => ({
        path: `/api/pupils/${pupil.id}/assessment-requests`,
        body: { requestedBy: "school", requestedOn: date, reasons: "Slow progress" },
        headers: senco.headers,
      }),
      (date: string) => ({ path: `/api/las/${la.id}/closure-days`, body: { date, reason: "Polling day" }, headers: officer.headers }),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), edgeDate, async (route, date) => {
        const { path, body, headers } = route(date);
        const response = await SELF.fetch(`https://stepwise.test${path}`, {
          method: "POST",
          headers: { ...headers, "Idempotency-Key": crypto.randomUUID() },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        expect(response.status, `${path} ${date}`).toBeLessThan(500);
        expect(await storedAbsurdDates(), `${path} ${date}`).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("dates at the edges, typed into the pages' day, month and year boxes, never answer 5xx and are never stored out of range", async () => {
    const { senco, pupil, la, school } = await schoolWithPupil("england2014", "senSupportReview");
    const officer = await createStaff("laOfficer", { laId: la.id });
    // The date as a person might type it into the three boxes: "+010000-04-30" is day 30, month 04, year +010000.
    const boxes = (name: string, date: string) => {
      const [, year = "", month = "", day = ""] = date.match(/^([+-]?\d+)-(\d+)-(\d+)$/) ?? [];
      return { [`${name}.day`]: day, [`${name}.month`]: month, [`${name}.year`]: year };
    };
    const forms = [
      (date: string) => ({ path: `/forms/pupils/${pupil.id}/parent-meeting`, staff: senco, form: { ...boxes("heldOn", date), outcomesAgreed: "Agreed." } }),
      (date: string) => ({
        path: `/forms/pupils/${pupil.id}/specialist-involvement`,
        staff: senco,
        form: { ...boxes("requestedOn", date), service: "Speech and language therapy" },
      }),
      (date: string) => ({
        path: `/forms/pupils/${pupil.id}/review`,
        staff: senco,
        form: { ...boxes("reviewDate", date), areasOfConcern: "cognitionAndLearning", evaluation: "Better" },
      }),
      (date: string) => ({
        path: `/forms/schools/${school.id}/pupils`,
        staff: senco,
        form: {
          ...boxes("dateOfBirth", date),
          upn: newUpn(),
          givenName: "Sam",
          familyName: "Edge",
          yearGroup: "4",
          stage: "senSupportDo",
          primaryNeed: "SPLD",
        },
      }),
      (date: string) => ({ path: `/forms/las/${la.id}/closure-days`, staff: officer, form: { ...boxes("from", date), reason: "Polling day" } }),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...forms), edgeDate, async (route, date) => {
        const { path, staff, form } = route(date);
        const response = await SELF.fetch(`https://stepwise.test${path}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${staff.token}` },
          body: new URLSearchParams(form),
          redirect: "manual",
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
      fc.asyncProperty(
        fc.constantFrom(...writable),
        fc.constantFrom(...context.authorisations),
        hostileHeaders,
        jsonish,
        async (endpoint, authorization, headers, body) => {
          const path = fillPath(endpoint.path, Object.fromEntries(parameterNames(endpoint.path).map((name) => [name, context.ids[0]!])));
          const sent = new Headers();
          for (const [name, value] of Object.entries(headers)) if (value !== undefined) sent.set(name, value);
          if (authorization) sent.set("authorization", authorization);
          const response = await SELF.fetch(`https://stepwise.test${path}`, { method: endpoint.method, headers: sent, body });
          await response.arrayBuffer();
          expect(response.status, `${endpoint.method} ${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect(await storedAbsurdDates()).toEqual([]);
  });

  it("an unknown path under the API or the site never answers 5xx", async () => {
    const context = await world();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/", "/", "/s/", "/forms/", "/print/"),
        fc.webPath(),
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
        fc.constantFrom(...context.authorisations),
        async (prefix, path, method, authorization) => {
          const response = await SELF.fetch(`https://stepwise.test${prefix}${path.replace(/^\//, "")}`, {
            method,
            headers: authorization ? { authorization } : {},
          });
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
