import { env, SELF } from "cloudflare:test";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import {
  closureRangeForm,
  interventionEndForm,
  interventionPupilsOffForm,
  interventionPupilsOnForm,
  timescalesForm,
} from "../../schema/staff-forms/administration";
import { parentMeetingForm, pupilEnrolmentForm, specialistInvolvementForm } from "../../schema/inputs";
import { ukToday, yearsFrom } from "../../schema/rules";
import type { FormDefinition } from "../../schema/staff-forms/form-definition";
import { drsReferrals, interventions, recordsOfConcern } from "../../schema/tables";
import { formDefinitions } from "../../worker/forms/shared/definitions";
import { planBody, reviewBody, writePlan } from "../support/records";
import { api, createStaff, db, newUpn, schoolWithPupil } from "../support/world";
import { sessionCookie, summaryOf } from "../forms/form-pages";

/**
 * Issue 15, item 2: every date a person types has bounds from what it means, checked by the schema that validates it,
 * so the OpenAPI document shows them. Each dated field of every route is found, not listed: in the OpenAPI document
 * for the API, in the forms' own definitions for the pages. Each is sent a future date, a date far in the past and
 * 9999-12-31; each is refused naming the field, and nothing is stored.
 */

type Bounds = { kind: string; yearsBeforeToday: number; yearsAfterToday: number };
type DatedField = { path: string; bounds: Bounds | null };

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The day after the latest a field takes, a day long before the earliest, and a year no deadline may reach. */
function badDates(bounds: Bounds): { value: string; words: RegExp }[] {
  const birth = bounds.kind === "birth";
  return [
    { value: nextDay(yearsFrom(ukToday(), bounds.yearsAfterToday)), words: birth ? /age from 0 to 25/ : /today or in the past|from today/ },
    { value: "1950-06-15", words: birth ? /age from 0 to 25/ : /years ago/ },
    { value: "9999-12-31", words: /in a year between 1900 and 2100/ },
  ];
}

/** Every property of a JSON schema that is a date (format "date"), by its dotted path. */
function datesOfJsonSchema(schema: any, path: string[] = []): DatedField[] {
  if (!schema || typeof schema !== "object") return [];
  const own: DatedField[] = schema.format === "date" ? [{ path: path.join("."), bounds: schema["x-date-bounds"] ?? null }] : [];
  const nested = [
    ...Object.entries<any>(schema.properties ?? {}).flatMap(([key, child]) => datesOfJsonSchema(child, [...path, key])),
    ...["anyOf", "oneOf", "allOf"].flatMap((key) => ((schema[key] ?? []) as any[]).flatMap((child) => datesOfJsonSchema(child, path))),
  ];
  return [...own, ...nested];
}

type Node = { type: string; entries?: Record<string, Node>; wrapped?: Node; pipe?: Node[]; metadata?: Record<string, unknown> };

/** A valibot schema's date fields (a pipe holding an ISO date check), through objects, pipes and optional wrappers. */
function datesOfSchema(schema: Node, path: string[] = []): DatedField[] {
  let node = schema;
  while (node.wrapped) node = node.wrapped;
  const items = node.pipe ?? [];
  const isDate = (n: Node): boolean => (n.pipe ?? []).some((item) => item.type === "iso_date" || (item !== n && isDate(item)));
  if (isDate(node)) {
    const meta = (n: Node): Bounds | null => {
      for (const item of n.pipe ?? []) {
        if (item.type === "metadata" && item.metadata?.["x-date-bounds"]) return item.metadata["x-date-bounds"] as Bounds;
        if (item !== n && item.pipe) {
          const found = meta(item);
          if (found) return found;
        }
      }
      return null;
    };
    return [{ path: path.join("."), bounds: meta(node) }];
  }
  const object = node.entries ? node : items.find((item) => item.entries);
  return Object.entries(object?.entries ?? {}).flatMap(([key, child]) => datesOfSchema(child, [...path, key]));
}

function withValueAt(body: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { ...body, [head!]: value };
  return { ...body, [head!]: withValueAt((body[head!] as Record<string, unknown>) ?? {}, rest.join("."), value) };
}

/** How many rows each table holds, but the audit log (which records every request, refused or not). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'd1_%' AND name <> 'audit_log'",
  ).all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of tables.results) counts[name] = (await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>())!.n;
  return counts;
}

let world: Awaited<ReturnType<typeof build>>;
async function build() {
  const made = await schoolWithPupil("england2001", "schoolAction");
  const officer = await createStaff("laOfficer", { laId: made.la.id });
  const p = `/api/pupils/${made.pupil.id}`;
  const created = async (path: string, body: unknown) => {
    const answer = await api(`${p}${path}`, { headers: made.senco.headers, body });
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  const plan = await writePlan(made.pupil.id, made.senco.headers);
  const review = (await created("/reviews", reviewBody({ planId: plan.id }))).review.id as string;
  const meeting = (await created("/parent-meetings", { heldOn: "2026-10-05", outcomesAgreed: "Agreed" })).parentMeeting.id as string;
  const concern = (await created("/concerns", { areasOfConcern: ["sensory"], description: "Squints" })).concernId as string;
  const request = (await created("/assessment-requests", { requestedBy: "parent", requestedOn: "2026-10-12", reasons: "Parents ask" })).assessmentRequest
    .id as string;
  const referral = crypto.randomUUID();
  await db().insert(drsReferrals).values({
    id: referral,
    pupilId: made.pupil.id,
    schoolId: made.school.id,
    laId: made.la.id,
    informalResolutionTried: "Meetings",
    summaryOfIssues: "Provision",
    actionsTaken: "Meetings",
    currentStep: "informalResolutionTried",
    timescales: {},
  });
  const parentConcern = crypto.randomUUID();
  await db()
    .insert(recordsOfConcern)
    .values({
      id: parentConcern,
      schoolId: made.school.id,
      raisedBy: "parent",
      childName: "Linked Child",
      reference: `SW-${parentConcern.slice(0, 4)}-${parentConcern.slice(4, 8)}`.toUpperCase(),
      areasOfConcern: ["sensory"],
      description: "Squints at the board",
      respondBy: "2026-12-20",
    });
  const intervention = crypto.randomUUID();
  await db()
    .insert(interventions)
    .values({ id: intervention, schoolId: made.school.id, name: `I ${intervention}`, groupSize: "4", frequency: "Daily", staff: "TA" });
  // A decision with no form of its own is confirmed on its page: Assess completed, at SEN support (2014).
  const assessing = await schoolWithPupil("england2014", "senSupportAssess");
  // A step of the EHC process is recorded on its page: a phase transfer review, awaited while the plan is reviewed.
  const planned = await schoolWithPupil("england2014", "ehcPlan");
  return {
    ...made,
    assessing,
    planned,
    officer,
    plan: plan.id,
    review,
    meeting,
    concern,
    request,
    referral,
    parentConcern,
    intervention,
    cookie: sessionCookie(made.senco),
    officerCookie: sessionCookie(officer),
  };
}
beforeAll(async () => {
  world = await build();
});

type World = typeof world;
type ApiCase = {
  path: (w: World) => string;
  who: (w: World) => { headers: Record<string, string> };
  body: (w: World) => Record<string, unknown>;
  headers?: () => Record<string, string>;
};

const today = () => ukToday();
const senco = (w: World) => w.senco;
const officer = (w: World) => w.officer;

/** A body each dated route takes as it stands (the dates in it valid), by the route's OpenAPI path. */
const apiCases: Record<string, ApiCase> = {
  "POST /pupils": {
    path: () => "/api/pupils",
    who: senco,
    body: (w) => ({ upn: newUpn(), givenName: "Dee", familyName: "Ate", dateOfBirth: "2017-05-04", yearGroup: "4", schoolId: w.school.id }),
  },
  "POST /pupils/{id}/concerns": {
    path: (w) => `/api/pupils/${w.pupil.id}/concerns`,
    who: senco,
    body: () => ({ areasOfConcern: ["sensory"], description: "Squints", sencoSignedAt: today() }),
  },
  "POST /pupils/{id}/plans": { path: (w) => `/api/pupils/${w.pupil.id}/plans`, who: senco, body: () => planBody() },
  "POST /pupils/{id}/reviews": { path: (w) => `/api/pupils/${w.pupil.id}/reviews`, who: senco, body: () => reviewBody() },
  "POST /pupils/{id}/parent-meetings": {
    path: (w) => `/api/pupils/${w.pupil.id}/parent-meetings`,
    who: senco,
    body: () => ({ heldOn: today(), outcomesAgreed: "Agreed" }),
  },
  "POST /pupils/{id}/specialist-involvements": {
    path: (w) => `/api/pupils/${w.pupil.id}/specialist-involvements`,
    who: senco,
    body: () => ({ service: "Educational psychology", requestedOn: today() }),
  },
  "POST /pupils/{id}/concerns/{formId}/copy-to-parents": {
    path: (w) => `/api/pupils/${w.pupil.id}/concerns/${w.concern}/copy-to-parents`,
    who: senco,
    body: () => ({ on: today() }),
  },
  "POST /pupils/{id}/plans/{formId}/copy-to-parents": {
    path: (w) => `/api/pupils/${w.pupil.id}/plans/${w.plan}/copy-to-parents`,
    who: senco,
    body: () => ({ on: today() }),
  },
  "POST /pupils/{id}/reviews/{formId}/copy-to-parents": {
    path: (w) => `/api/pupils/${w.pupil.id}/reviews/${w.review}/copy-to-parents`,
    who: senco,
    body: () => ({ on: today() }),
  },
  "POST /pupils/{id}/parent-meetings/{formId}/copy-to-parents": {
    path: (w) => `/api/pupils/${w.pupil.id}/parent-meetings/${w.meeting}/copy-to-parents`,
    who: senco,
    body: () => ({ on: today() }),
  },
  "POST /pupils/{id}/assessment-requests": {
    path: (w) => `/api/pupils/${w.pupil.id}/assessment-requests`,
    who: senco,
    body: () => ({ requestedBy: "school", requestedOn: today(), reasons: "Progress" }),
  },
  "POST /pupils/{id}/assessment-requests/{formId}/decision": {
    path: (w) => `/api/pupils/${w.pupil.id}/assessment-requests/${w.request}/decision`,
    who: officer,
    body: () => ({ decision: "issueStatement", expectedVersion: 2, decidedOn: today() }),
  },
  "POST /pupils/{id}/assessment-requests/{formId}/exceptions": {
    path: (w) => `/api/pupils/${w.pupil.id}/assessment-requests/${w.request}/exceptions`,
    who: officer,
    body: () => ({ reason: "School closed", recordedOn: today() }),
  },
  "POST /drs-referrals": {
    path: () => "/api/drs-referrals",
    who: senco,
    body: (w) => ({
      pupilId: w.pupil.id,
      informalResolutionTried: "Meetings",
      summaryOfIssues: "Provision",
      actionsTaken: "Meetings",
      schoolMediation: "agreed",
    }),
  },
  "POST /drs-referrals/{referralId}/steps": {
    path: (w) => `/api/drs-referrals/${w.referral}/steps`,
    who: senco,
    body: () => ({ step: "mediationAgreed", agreement: {} }),
  },
  "PUT /las/{laId}/timescales": { path: (w) => `/api/las/${w.la.id}/timescales`, who: officer, body: () => ({ takesEffectOn: today() }) },
  "POST /las/{laId}/closure-days": { path: (w) => `/api/las/${w.la.id}/closure-days`, who: officer, body: () => ({ date: today(), reason: "Training" }) },
  "POST /pupils/{id}/ehc-steps": {
    path: (w) => `/api/pupils/${w.pupil.id}/ehc-steps`,
    who: officer,
    body: () => ({ step: "phaseTransferReviewed", happenedOn: today(), transfer: { transferOn: "2027-09-01", toPostSixteen: false } }),
  },
  "POST /public/schools/{slug}/concerns": {
    path: (w) => `/api/public/schools/${w.school.publicSlug}/concerns`,
    who: () => ({ headers: {} }),
    body: () => ({
      childName: "Cy",
      childDateOfBirth: "2017-02-03",
      childYearGroup: "3",
      parentName: "Di",
      parentRelationship: "Aunt",
      parentPhone: "01632960001",
      description: "Sleep",
    }),
    headers: () => ({ "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": `198.51.100.${1 + Math.floor(Math.random() * 250)}` }),
  },
};

describe("every dated field of the API has bounds from what it means, shown in the OpenAPI document", () => {
  it("each date of each route's body names its bounds (a new date field without them fails here)", async () => {
    const doc = (await api("/api/openapi.json")).json;
    const unbounded: string[] = [];
    for (const [path, operations] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        for (const field of datesOfJsonSchema(operation.requestBody?.content?.["application/json"]?.schema)) {
          if (!field.bounds || field.bounds.kind === "any") unbounded.push(`${method.toUpperCase()} ${path} ${field.path}`);
        }
      }
    }
    expect(unbounded).toEqual([]);
  });

  it("each is refused with a 400 naming it for a future date, a far past one and 9999-12-31, and nothing is stored", async () => {
    const doc = (await api("/api/openapi.json")).json;
    const before = await rowCounts();
    const wrong: string[] = [];
    let tried = 0;
    for (const [path, operations] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const fields = datesOfJsonSchema(operation.requestBody?.content?.["application/json"]?.schema);
        if (fields.length === 0) continue;
        const route = `${method.toUpperCase()} ${path}`;
        const dated = apiCases[route];
        if (!dated) {
          wrong.push(`${route}: a dated route this test has no body for`);
          continue;
        }
        for (const field of fields) {
          for (const bad of badDates(field.bounds!)) {
            tried++;
            const answer = await api(dated.path(world), {
              method: method.toUpperCase(),
              headers: { ...dated.who(world).headers, ...dated.headers?.() },
              body: withValueAt(dated.body(world), field.path, bad.value),
            });
            const named = (answer.json?.error?.fields ?? []) as { field: string; message: string }[];
            const label = `${route} ${field.path}=${bad.value}`;
            if (answer.status !== 400) wrong.push(`${label}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
            else if (named.some((f) => f.field !== field.path)) wrong.push(`${label}: names other fields ${JSON.stringify(named)}`);
            else if (!named.some((f) => bad.words.test(f.message))) wrong.push(`${label}: says ${JSON.stringify(named)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(100);
    expect(await rowCounts()).toEqual(before);
  });

  it("a plan's review date is after the day it was written and within a year of it", async () => {
    const path = `/api/pupils/${world.pupil.id}/plans`;
    const refused = await api(path, { headers: world.senco.headers, body: planBody({ dateWritten: "2026-01-10", reviewDate: "2027-01-11" }) });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields).toEqual([{ field: "reviewDate", message: "The date for review must be within a year of the date the plan was written" }]);
    expect((await api(path, { headers: world.senco.headers, body: planBody({ dateWritten: "2026-01-10", reviewDate: "2027-01-10" }) })).status).toBe(201);
  });

  it("a day of record before the pupil was born is refused by the pupil's case, naming the field, and nothing is stored", async () => {
    // The pupil was born on 4 May 2017.
    const before = await rowCounts();
    const p = `/api/pupils/${world.pupil.id}`;
    const refusals = [
      [await api(`${p}/parent-meetings`, { headers: world.senco.headers, body: { heldOn: "2017-05-03", outcomesAgreed: "Agreed" } }), "heldOn"],
      [await api(`${p}/plans`, { headers: world.senco.headers, body: planBody({ dateWritten: "2016-09-14", reviewDate: "2016-12-07" }) }), "dateWritten"],
      [await api(`${p}/reviews`, { headers: world.senco.headers, body: reviewBody({ reviewDate: "2017-01-10" }) }), "reviewDate"],
      [
        await api(`${p}/assessment-requests`, {
          headers: world.senco.headers,
          body: { requestedBy: "school", requestedOn: "2016-10-12", reasons: "Progress" },
        }),
        "requestedOn",
      ],
    ] as const;
    for (const [answer, field] of refusals) {
      expect(answer.status, field).toBe(422);
      expect(answer.json.error).toMatchObject({
        code: "date_before_birth",
        fields: [{ field, message: "The date must be on or after the pupil's date of birth" }],
      });
    }
    expect(await rowCounts()).toEqual(before);
    expect(
      (await api(`${p}/parent-meetings`, { headers: world.senco.headers, body: { heldOn: "2017-05-04", outcomesAgreed: "Agreed on the day" } })).status,
    ).toBe(201);
  });

  it("a date of birth gives an age from 0 to 25: born today is taken, and 26 years ago today is not", async () => {
    const enrol = (dateOfBirth: string) =>
      api("/api/pupils", {
        headers: world.senco.headers,
        body: { upn: newUpn(), givenName: "Edge", familyName: "Case", dateOfBirth, yearGroup: "N1", schoolId: world.school.id },
      });
    expect((await enrol(ukToday())).status).toBe(201);
    expect((await enrol(nextDay(yearsFrom(ukToday(), -26)))).status).toBe(201);
    const refused = await enrol(yearsFrom(ukToday(), -26));
    expect(refused.json.error.fields).toEqual([{ field: "dateOfBirth", message: "Date of birth must give an age from 0 to 25" }]);
  });
});

/** Every form the pages check, found by shape where the forms are defined: a new dated form must be listed below. */
const staffModules = import.meta.glob<Record<string, unknown>>("../../schema/staff-forms/*.ts", { eager: true });
const isDefinition = (value: unknown): value is FormDefinition =>
  typeof value === "object" && value !== null && "schema" in value && typeof value.schema === "object" && value.schema !== null && "~standard" in value.schema;
const definitions: FormDefinition[] = [
  ...Object.values(staffModules).flatMap((module) => Object.values(module).filter(isDefinition)),
  ...Object.values(formDefinitions),
  parentMeetingForm,
  specialistInvolvementForm,
  pupilEnrolmentForm,
];

declare global {
  interface ImportMeta {
    glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
  }
}

type PageCase = {
  path: (w: World) => string;
  form: FormDefinition;
  cookie?: (w: World) => string | undefined;
  headers?: () => Record<string, string>;
  /** Fields the page needs to reach its checks (the version of the record seen). */
  extra?: (w: World) => Record<string, string>;
};
const staffModule = (name: string) => Object.values(staffModules).flatMap((module) => (isDefinition(module[name]) ? [module[name]] : []))[0]!;

/** The pages that post a dated form, each with the form it checks. */
const pageCases: PageCase[] = [
  {
    path: (w) => `/s/${w.school.publicSlug}/concern`,
    form: formDefinitions.parentConcern!,
    cookie: () => undefined,
    headers: () => ({ "CF-Connecting-IP": `203.0.113.${1 + Math.floor(Math.random() * 250)}` }),
  },
  { path: (w) => `/forms/pupils/${w.pupil.id}/concern`, form: staffModule("recordOfConcernForm") },
  { path: (w) => `/forms/pupils/${w.pupil.id}/plan`, form: staffModule("planForm") },
  { path: (w) => `/forms/pupils/${w.pupil.id}/review`, form: staffModule("reviewForm") },
  {
    path: (w) => `/forms/pupils/${w.assessing.pupil.id}/decisions/completeAssessment`,
    form: staffModule("moveConfirmationForm"),
    cookie: (w) => sessionCookie(w.assessing.senco),
    extra: (w) => ({ expectedVersion: String(w.assessing.pupil.version) }),
  },
  { path: (w) => `/forms/pupils/${w.pupil.id}/parent-meeting`, form: parentMeetingForm },
  { path: (w) => `/forms/pupils/${w.pupil.id}/specialist-involvement`, form: specialistInvolvementForm },
  { path: (w) => `/forms/pupils/${w.pupil.id}/assessment-request`, form: staffModule("assessmentRequestForm") },
  { path: (w) => `/forms/pupils/${w.pupil.id}/drs-referral`, form: staffModule("drsReferralForm") },
  {
    path: (w) => `/forms/drs-referrals/${w.referral}/steps/parentPartnershipInformed`,
    form: staffModule("drsStepForm"),
    extra: () => ({ stepSeen: "informalResolutionTried" }),
  },
  {
    path: (w) => `/forms/pupils/${w.planned.pupil.id}/ehc-steps/phaseTransferReviewed`,
    form: staffModule("ehcStepForm"),
    cookie: (w) => sessionCookie(w.planned.senco),
    extra: (w) => ({ seen: `${w.planned.pupil.version}.none`, toPostSixteen: "no" }),
  },
  { path: (w) => `/forms/schools/${w.school.id}/parent-concerns/${w.parentConcern}/contacted`, form: staffModule("parentContactedForm") },
  { path: (w) => `/print/pupils/${w.pupil.id}/concerns/${w.concern}/copy-to-parents`, form: staffModule("copyToParentsForm") },
  { path: (w) => `/print/pupils/${w.pupil.id}/plans/${w.plan}/copy-to-parents`, form: staffModule("copyToParentsForm") },
  { path: (w) => `/print/pupils/${w.pupil.id}/reviews/${w.review}/copy-to-parents`, form: staffModule("copyToParentsForm") },
  { path: (w) => `/print/pupils/${w.pupil.id}/drs-referrals/${w.referral}/copy-to-parents`, form: staffModule("copyToParentsForm") },
  { path: (w) => `/forms/las/${w.la.id}/closure-days`, form: closureRangeForm, cookie: (w) => w.officerCookie },
  { path: (w) => `/forms/las/${w.la.id}/timescales`, form: timescalesForm, cookie: (w) => w.officerCookie },
  { path: (w) => `/forms/schools/${w.school.id}/interventions/${w.intervention}/end`, form: interventionEndForm },
  { path: (w) => `/forms/schools/${w.school.id}/interventions/${w.intervention}/pupils`, form: interventionPupilsOnForm },
  { path: (w) => `/forms/schools/${w.school.id}/interventions/${w.intervention}/pupils/off`, form: interventionPupilsOffForm },
  { path: (w) => `/forms/schools/${w.school.id}/pupils`, form: pupilEnrolmentForm },
];

describe("every dated field of the pages is refused on the page, naming it", () => {
  it("every form with a date is posted by a page below, and every date of every form has bounds", () => {
    const dated = definitions.filter((definition) => datesOfSchema(definition.schema as unknown as Node).length > 0);
    expect(
      dated
        .filter((definition) => !pageCases.some((page) => page.form === definition))
        .map((definition) => Object.keys((definition.schema as unknown as Node).entries ?? {}).join(",")),
    ).toEqual([]);
    const unbounded = dated.flatMap((definition) =>
      datesOfSchema(definition.schema as unknown as Node)
        .filter((field) => !field.bounds)
        .map((field) => field.path),
    );
    expect(unbounded).toEqual([]);
    expect(v.safeParse(pupilEnrolmentForm.schema, {}).success).toBe(false);
  });

  it("each page re-renders with 422 and the field in its error summary for a future date, a far past one and 9999-12-31, storing nothing", async () => {
    const before = await rowCounts();
    const wrong: string[] = [];
    for (const page of pageCases) {
      for (const field of datesOfSchema(page.form.schema as unknown as Node)) {
        for (const bad of badDates(field.bounds!)) {
          const [year, month, day] = bad.value.split("-");
          const path = page.path(world);
          const body = new URLSearchParams({
            ...page.extra?.(world),
            [`${field.path}.day`]: day!,
            [`${field.path}.month`]: month!,
            [`${field.path}.year`]: year!,
          });
          const cookie = page.cookie ? page.cookie(world) : world.cookie;
          const response = await SELF.fetch(`https://stepwise.test${path}`, {
            method: "POST",
            body,
            redirect: "manual",
            headers: { ...(cookie ? { Cookie: cookie } : {}), ...page.headers?.() },
          });
          const text = await response.text();
          const label = `${path} ${field.path}=${bad.value}`;
          const entry = summaryOf(text).find((error) => error.field === `${field.path}.day`);
          if (response.status !== 422) wrong.push(`${label}: ${response.status}`);
          else if (!entry || !bad.words.test(entry.message)) wrong.push(`${label}: ${JSON.stringify(summaryOf(text))}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });
});
