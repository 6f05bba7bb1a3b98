import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditLog,
  closureDays,
  drsReferrals,
  interventions,
  outbox,
  parentLinks,
  pupilEvents,
  pupilTransfers,
  pupils as pupilRows,
  recordsOfConcern,
  staffInvitations,
  staffUsers,
  teachingAssignments,
} from "../../schema/tables";
import { issueStaffToken } from "../../worker/auth/tokens";
import { hashSecret, newSecret } from "../../worker/auth/secrets";
import { issueFeedSecret } from "../../worker/calendar-feed/feed";
import { app } from "../../worker/index";
import { referralBody } from "../support/drs";
import { planBody, reviewBody } from "../support/records";
import { createLa, createSchool, createStaff, db, newUpn } from "../support/world";

/**
 * Every route of the app, as every role, against its own school, another school of its LA, and a school of another LA.
 * A route without an entry here fails the first test: a new route must say who may use it.
 *   "ok"  the request got past authorisation (2xx, 3xx, or a domain refusal: 409 / 422)
 *   403   inside the caller's scope, beyond their role
 *   404   outside the caller's scope: nothing disclosed
 * Every answer is also searched for what the caller must never see: other schools' and LAs' pupils, ids and names.
 */

const roles = ["teacher", "senco", "head", "laOfficer", "admin"] as const;
type Role = (typeof roles)[number];
const targets = ["own", "sameLa", "foreignLa"] as const;
type Target = (typeof targets)[number];
type Expected = "ok" | 401 | 403 | 404;
type Request = { path: string; method?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> };

async function buildWorld() {
  const la = await createLa();
  const otherLa = await createLa();
  const schools = {
    own: await createSchool(la.id, "england2001"),
    sameLa: await createSchool(la.id, "england2001"),
    foreignLa: await createSchool(otherLa.id, "england2001"),
  };
  const staff = {
    teacher: await createStaff("teacher", { laId: la.id, schoolIds: [schools.own.id] }),
    senco: await createStaff("senco", { laId: la.id, schoolIds: [schools.own.id] }),
    head: await createStaff("head", { laId: la.id, schoolIds: [schools.own.id] }),
    laOfficer: await createStaff("laOfficer", { laId: la.id }),
    admin: await createStaff("admin", { laId: null }),
  };
  const sencos = {
    own: staff.senco,
    sameLa: await createStaff("senco", { laId: la.id, schoolIds: [schools.sameLa.id] }),
    foreignLa: await createStaff("senco", { laId: otherLa.id, schoolIds: [schools.foreignLa.id] }),
  };
  /** Written straight to D1 (the pupil, its first event, its version, and a read in the audit log): cheaper than the API. */
  const enrol = async (target: Target, familyName: string) => {
    const school = schools[target];
    const pupil = { id: crypto.randomUUID(), givenName: `${familyName}Given`, familyName };
    await db().batch([
      db()
        .insert(pupilRows)
        .values({
          ...pupil,
          upn: newUpn(),
          dateOfBirth: "2017-05-04",
          yearGroup: "4",
          schoolId: school.id,
          laId: school.laId,
          framework: "england2001",
          stage: "schoolAction",
        }),
      db()
        .insert(pupilEvents)
        .values({ pupilId: pupil.id, seq: 1, at: new Date().toISOString(), actorRole: "senco", move: "enrol", toStage: "schoolAction", cycle: 0 }),
      db().update(pupilRows).set({ version: 1 }).where(eq(pupilRows.id, pupil.id)),
      db().insert(auditLog).values({
        at: new Date().toISOString(),
        actorKind: "staff",
        actorId: sencos[target].id,
        actorRole: "senco",
        action: "read",
        resource: "pupil",
        resourceId: pupil.id,
        pupilId: pupil.id,
        schoolId: school.id,
        laId: school.laId,
      }),
    ]);
    return pupil;
  };
  const pupils = { own: await enrol("own", "Ownpupil"), sameLa: await enrol("sameLa", "Siblingpupil"), foreignLa: await enrol("foreignLa", "Foreignpupil") };
  const untaught = await enrol("own", "Untaughtpupil");
  await db().insert(teachingAssignments).values({ userId: staff.teacher.id, pupilId: pupils.own.id });
  return { la, otherLa, schools, staff, sencos, pupils, untaught };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

/** What a caller of each role must never find in any answer. */
function forbiddenMarkers(world: World, role: Role): string[] {
  const pupilMarks = (p: { id: string; familyName: string }) => [p.id, p.familyName];
  const { pupils, schools, otherLa, sencos, untaught } = world;
  if (role === "admin") return [...pupilMarks(pupils.own), ...pupilMarks(pupils.sameLa), ...pupilMarks(pupils.foreignLa), ...pupilMarks(untaught)];
  const abroad = [...pupilMarks(pupils.foreignLa), schools.foreignLa.id, otherLa.id, sencos.foreignLa.id];
  if (role === "laOfficer") return abroad;
  const elsewhere = [...abroad, ...pupilMarks(pupils.sameLa), schools.sameLa.id, sencos.sameLa.id];
  return role === "teacher" ? [...elsewhere, ...pupilMarks(untaught)] : elsewhere;
}

/** The policy, restated independently: who sees which school's pupils, and which roles may do the action. */
function pupilRule(allowed: readonly Role[]) {
  return (role: Role, target: Target): Expected => {
    const visible = role === "admin" ? false : role === "laOfficer" ? target !== "foreignLa" : target === "own";
    if (!visible) return 404;
    return allowed.includes(role) ? "ok" : 403;
  };
}
const readers = ["teacher", "senco", "head", "laOfficer"] as const;
const schoolLeaders = ["senco", "head"] as const;
const anyone = (): Expected => "ok";
const adminOnly = (role: Role): Expected => (role === "admin" ? "ok" : 403);
/** Inviting a teacher to the target school: the school's SENCO or head, or an admin; an LA officer invites officers only. */
const inviteRule = (role: Role, target: Target): Expected => {
  if (role === "admin") return "ok";
  if (role === "laOfficer") return target === "foreignLa" ? 404 : 403;
  if (target !== "own") return 404;
  return role === "teacher" ? 403 : "ok";
};
const auditRule = (role: Role, target: Target): Expected => {
  if (role === "head") return target === "own" ? "ok" : 404;
  if (role === "laOfficer") return target === "foreignLa" ? 404 : "ok";
  return 403;
};

type Spec = {
  request: (world: World, target: Target) => Request | Promise<Request>;
  expect: (role: Role, target: Target) => Expected;
  /** Without credentials: 401 unless the route is public (then whatever `expect` says) or says otherwise. */
  anonymous?: Expected | "public";
};

const concern = { areasOfConcern: ["cognitionAndLearning"], description: "Reading well below age" };
const pupilPath = (suffix: string) => (w: World, t: Target) => ({ path: `/api/pupils/${w.pupils[t].id}${suffix}` });

async function freshParentLink(w: World, t: Target) {
  const id = crypto.randomUUID();
  const secret = newSecret();
  const pupil = w.pupils[t];
  await db()
    .insert(parentLinks)
    .values({
      id,
      pupilId: pupil.id,
      schoolId: w.schools[t].id,
      laId: t === "foreignLa" ? w.otherLa.id : w.la.id,
      parentName: "P",
      tokenHash: await hashSecret(secret),
      expiresAt: "2099-01-01T00:00:00.000Z",
    });
  return { id, secret };
}
/** A capability route: the own target uses a real secret of the own pupil, the others a guessed one. */
async function capability(w: World, t: Target) {
  return t === "own" ? (await freshParentLink(w, t)).secret : newSecret();
}
/** Today as the leaving page's day, month and year boxes. */
function leftToday() {
  const [year = "", month = "", day = ""] = new Date().toISOString().slice(0, 10).split("-");
  return { "leftOn.day": day, "leftOn.month": month, "leftOn.year": year };
}
/** A pupil of another school (no marker of the world's), waiting to move to the target school. */
async function freshTransfer(w: World, t: Target) {
  const from = t === "own" ? w.schools.sameLa : w.schools.own;
  const to = w.schools[t];
  const pupilId = crypto.randomUUID();
  const id = crypto.randomUUID();
  await db().batch([
    db().insert(pupilRows).values({
      id: pupilId,
      upn: newUpn(),
      givenName: "Moving",
      familyName: "Transferee",
      dateOfBirth: "2017-05-04",
      yearGroup: "4",
      schoolId: from.id,
      laId: from.laId,
      framework: "england2001",
      stage: "schoolAction",
    }),
    db().insert(pupilEvents).values({ pupilId, seq: 1, at: new Date().toISOString(), actorRole: "senco", move: "enrol", toStage: "schoolAction", cycle: 0 }),
    db().update(pupilRows).set({ version: 1 }).where(eq(pupilRows.id, pupilId)),
    db().insert(pupilTransfers).values({
      id,
      pupilId,
      fromSchoolId: from.id,
      fromLaId: from.laId,
      toSchoolId: to.id,
      toLaId: to.laId,
      startedByUserId: w.sencos.own.id,
      startedAt: new Date().toISOString(),
    }),
  ]);
  return id;
}
/** The target pupil's own transfer, waiting to leave for another school (any earlier one of theirs set aside first). */
async function freshOutgoingTransfer(w: World, t: Target) {
  const from = w.schools[t];
  const to = t === "own" ? w.schools.sameLa : w.schools.own;
  const pupilId = w.pupils[t].id;
  const id = crypto.randomUUID();
  await db().batch([
    db().update(pupilTransfers).set({ status: "cancelled" }).where(eq(pupilTransfers.pupilId, pupilId)),
    db().insert(pupilTransfers).values({
      id,
      pupilId,
      fromSchoolId: from.id,
      fromLaId: from.laId,
      toSchoolId: to.id,
      toLaId: to.laId,
      startedByUserId: w.sencos[t].id,
      startedAt: new Date().toISOString(),
    }),
  ]);
  return id;
}
async function freshInvitation(w: World, t: Target) {
  const id = crypto.randomUUID();
  const secret = newSecret();
  await db()
    .insert(staffInvitations)
    .values({
      id,
      email: `${id}@x.test`,
      name: "Invited",
      role: "teacher",
      laId: t === "foreignLa" ? w.otherLa.id : w.la.id,
      schoolId: w.schools[t].id,
      tokenHash: await hashSecret(secret),
      invitedByUserId: w.sencos[t].id,
      expiresAt: "2099-01-01T00:00:00.000Z",
    });
  return { id, secret };
}

/** The target pupil's forms, written once per world through the API by that school's SENCO. */
const formCache = new WeakMap<World, Map<Target, Promise<Record<string, string>>>>();
function formsOf(w: World, t: Target) {
  const cache = formCache.get(w) ?? new Map<Target, Promise<Record<string, string>>>();
  formCache.set(w, cache);
  if (!cache.has(t)) cache.set(t, writeForms(w, t));
  return cache.get(t)!;
}
async function writeForms(w: World, t: Target) {
  const headers = { ...w.sencos[t].headers, "CF-Connecting-IP": "192.0.2.1" };
  const p = `/api/pupils/${w.pupils[t].id}`;
  const post = async (path: string, body: unknown) => {
    const response = await SELF.fetch(`https://stepwise.test${p}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, { id: string }> & { concernId: string };
  };
  const plan = await post("/plans", planBody());
  const review = await post("/reviews", reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 1 }));
  const meeting = await post("/parent-meetings", { heldOn: "2026-10-05", outcomesAgreed: "Agreed" });
  const concern = await post("/concerns", { areasOfConcern: ["sensory"], description: "Squints" });
  const specialist = await post("/specialist-involvements", { service: "Educational psychology", requestedOn: "2026-10-01" });
  const request = await post("/assessment-requests", { requestedBy: "parent", requestedOn: "2026-10-12", reasons: "Parents ask" });
  const intervention = await freshIntervention(w, t);
  return {
    plan: plan.plan!.id,
    review: review.review!.id,
    meeting: meeting.parentMeeting!.id,
    concern: concern.concernId,
    specialist: specialist.specialistInvolvement!.id,
    request: request.assessmentRequest!.id,
    intervention,
  };
}
async function freshIntervention(w: World, t: Target) {
  const id = crypto.randomUUID();
  await db()
    .insert(interventions)
    .values({ id, schoolId: w.schools[t].id, name: `I ${id}`, groupSize: "4", frequency: "Daily", staff: "TA" });
  return id;
}
/** A route of one of the target pupil's forms. */
const formPath =
  (build: (p: string, forms: Record<string, string>) => string, body?: unknown) =>
  async (w: World, t: Target): Promise<Request> => ({
    path: build(`/api/pupils/${w.pupils[t].id}`, await formsOf(w, t)),
    ...(body === undefined ? {} : { body }),
  });
const teacherWriters = ["teacher", "senco", "head"] as const;
const interventionPagePath = (w: World, t: Target, id: string) => `/forms/schools/${w.schools[t].id}/interventions/${id}`;
const interventionPath = (w: World, t: Target, id?: string) => `/api/schools/${w.schools[t].id}/interventions${id ? `/${id}` : ""}`;

/** DRS: the school's SENCO or head and the LA's officer are parties; a teacher is not. */
const drsRule = (role: Role, target: Target): Expected => {
  if (role === "admin") return 404;
  if (role === "laOfficer") return target === "foreignLa" ? 404 : "ok";
  if (target !== "own") return 404;
  return role === "teacher" ? 403 : "ok";
};
/** An LA's local settings: its officers and admins; its school staff 403; other LAs' people 404. */
const laSettingsRule = (role: Role, target: Target): Expected => {
  if (role === "admin") return "ok";
  if (target === "foreignLa") return 404;
  return role === "laOfficer" ? "ok" : 403;
};
const laOf = (w: World, t: Target) => (t === "foreignLa" ? w.otherLa.id : w.la.id);
async function freshReferral(w: World, t: Target) {
  const id = crypto.randomUUID();
  await db()
    .insert(drsReferrals)
    .values({
      id,
      pupilId: w.pupils[t].id,
      schoolId: w.schools[t].id,
      laId: laOf(w, t),
      informalResolutionTried: "Meetings",
      summaryOfIssues: "Provision",
      actionsTaken: "Meetings",
      currentStep: "informalResolutionTried",
      timescales: {},
    });
  return id;
}
/** A parent's concern sent through the target school's link, not yet matched to a pupil. */
async function freshParentConcern(w: World, t: Target) {
  const id = crypto.randomUUID();
  await db()
    .insert(recordsOfConcern)
    .values({
      id,
      schoolId: w.schools[t].id,
      raisedBy: "parent",
      childName: "Linked Child",
      reference: `SW-${id.slice(0, 4)}-${id.slice(4, 8)}`.toUpperCase(),
      areasOfConcern: ["sensory"],
      description: "Squints at the board",
      respondBy: "2031-01-10",
    });
  return id;
}
const parentConcernForms: Record<string, (w: World, t: Target) => Record<string, string>> = {
  "/contacted": () => ({ "on.day": "5", "on.month": "11", "on.year": "2026" }),
  "/match": (w, t) => ({ pupilId: w.pupils[t].id }),
};
const parentConcernPath =
  (suffix = "") =>
  async (w: World, t: Target): Promise<Request> => ({
    path: `/forms/schools/${w.schools[t].id}/parent-concerns/${await freshParentConcern(w, t)}${suffix}`,
    ...(suffix ? { form: parentConcernForms[suffix]!(w, t) } : {}),
  });
async function freshClosureDay(w: World, t: Target) {
  const date = `2031-${String(1 + Math.floor(Math.random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, "0")}`;
  await db()
    .insert(closureDays)
    .values({ laId: laOf(w, t), date, reason: "Training" })
    .onConflictDoNothing();
  return date;
}

/** Forms, dashboards and clocks (merged after the matrix was written). */
const laDashboardRule = (role: Role, target: Target): Expected => (role !== "laOfficer" ? 403 : target === "foreignLa" ? 404 : "ok");
const publicConcern = {
  childName: "Cy",
  childDateOfBirth: "2017-02-03",
  childYearGroup: "3",
  parentName: "Di",
  parentRelationship: "Aunt",
  parentPhone: "01632960001",
  description: "Sleep",
};
async function publicStatusToken(w: World, t: Target) {
  if (t !== "own") return newSecret();
  const response = await SELF.fetch(`https://stepwise.test/api/public/schools/${w.schools[t].publicSlug}/concerns`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
      "CF-Connecting-IP": `2001:db8:77::${crypto.randomUUID().slice(0, 4)}`,
    },
    body: JSON.stringify(publicConcern),
  });
  const answer = (await response.json()) as { statusUrl?: string };
  if (!answer.statusUrl) throw new Error(`public concern: ${response.status} ${JSON.stringify(answer)}`);
  const { statusUrl } = answer as { statusUrl: string };
  return statusUrl.split("/").pop()!;
}
async function failedMessage(w: World, t: Target) {
  const id = crypto.randomUUID();
  await db()
    .insert(outbox)
    .values({
      id,
      laId: laOf(w, t),
      schoolId: w.schools[t].id,
      audience: "staff",
      recipientEmail: "x@x.test",
      template: "digest",
      dedupeKey: id,
      status: "failed",
      attempts: 5,
      nextAttemptAt: new Date().toISOString(),
    });
  return id;
}
/** Issue 17: a school's staff pages and its teachers' pupils (the SENCO's and head's), an LA's officers (its officers' and admins'). */
const staffPath = (w: World, t: Target, suffix = "") => `/staff/schools/${w.schools[t].id}/staff${suffix}`;
const officersPath = (w: World, t: Target, suffix = "") => `/staff/las/${laOf(w, t)}/officers${suffix}`;
/** A member of the target school or LA made for this request alone: a request may remove them. */
const freshTeacher = async (w: World, t: Target) => (await createStaff("teacher", { laId: laOf(w, t), schoolIds: [w.schools[t].id] })).id;
const freshOfficer = async (w: World, t: Target) => (await createStaff("laOfficer", { laId: laOf(w, t) })).id;
async function freshLaInvitation(w: World, t: Target) {
  const id = crypto.randomUUID();
  await db()
    .insert(staffInvitations)
    .values({
      id,
      email: `${id}@x.test`,
      name: "Invited officer",
      role: "laOfficer",
      laId: laOf(w, t),
      schoolId: null,
      tokenHash: await hashSecret(newSecret()),
      invitedByUserId: w.staff.laOfficer.id,
      expiresAt: "2099-01-01T00:00:00.000Z",
    });
  return id;
}
/** The world's teacher where they work; elsewhere another school's SENCO, who is no teacher there to find. */
const teacherAt = (w: World, t: Target) => (t === "own" ? w.staff.teacher.id : w.sencos[t].id);
const teachingPath = (w: World, t: Target, suffix = "") => `/api/schools/${w.schools[t].id}/teachers/${teacherAt(w, t)}/pupils${suffix}`;
/** A teacher's open invitation to the target school, made for this request. */
const invitedTeachingPath = async (w: World, t: Target, suffix = "") =>
  `/api/schools/${w.schools[t].id}/invitations/${(await freshInvitation(w, t)).id}/pupils${suffix}`;
const staffRule = pupilRule(schoolLeaders);

const formPage = (suffix: string) => (w: World, t: Target) => ({ path: `/forms/pupils/${w.pupils[t].id}${suffix}` });
const formPost = (suffix: string) => (w: World, t: Target) => ({ path: `/forms/pupils/${w.pupils[t].id}${suffix}`, form: {} });
const printPath =
  (kind: string, key: string, suffix = "", form?: Record<string, string>) =>
  async (w: World, t: Target): Promise<Request> => {
    const id = kind === "drs-referrals" ? await freshReferral(w, t) : (await formsOf(w, t))[key];
    return { path: `/print/pupils/${w.pupils[t].id}/${kind}/${id}${suffix}`, ...(form ? { form } : {}) };
  };
/** A page of the target pupil's assessment request (a form posted where `form` is given). */
const requestPage =
  (suffix: string, form?: Record<string, string>) =>
  async (w: World, t: Target): Promise<Request> => ({
    path: `/forms/pupils/${w.pupils[t].id}/assessment-requests/${(await formsOf(w, t)).request}${suffix}`,
    ...(form ? { form } : {}),
  });
const moversRule = pupilRule(["senco", "head", "laOfficer"]);
/** A one-pupil register as an MIS exports it. */
const registerCsv = () => `UPN,Legal Surname,Legal Forename,DOB,NC Year,SEN Provision,SEN Need 1\n${newUpn()},Imported,Ina,04/05/2017,Year 4,K,SPLD`;

const matrix: Record<string, Spec> = {
  "GET /api/drs-referrals": { request: (w, t) => ({ path: `/api/drs-referrals?pupilId=${w.pupils[t].id}` }), expect: drsRule },
  "POST /api/drs-referrals": {
    request: (w, t) => ({ path: "/api/drs-referrals", body: referralBody(w.pupils[t].id) }),
    // Only the school makes a referral; the LA officer receives it.
    expect: (role, target) => (role === "laOfficer" && target !== "foreignLa" ? 403 : drsRule(role, target)),
  },
  "GET /api/drs-referrals/:referralId": { request: async (w, t) => ({ path: `/api/drs-referrals/${await freshReferral(w, t)}` }), expect: drsRule },
  "POST /api/drs-referrals/:referralId/steps": {
    request: async (w, t) => ({ path: `/api/drs-referrals/${await freshReferral(w, t)}/steps`, body: { step: "mediationAgreed" } }),
    expect: drsRule,
  },
  "GET /api/las/:laId/timescales": { request: (w, t) => ({ path: `/api/las/${laOf(w, t)}/timescales` }), expect: laSettingsRule },
  "PUT /api/las/:laId/timescales": {
    request: (w, t) => ({ path: `/api/las/${laOf(w, t)}/timescales`, method: "PUT", body: { drsReferralForwarded: { amount: 20, unit: "workingDays" } } }),
    expect: laSettingsRule,
  },
  "GET /api/las/:laId/closure-days": { request: (w, t) => ({ path: `/api/las/${laOf(w, t)}/closure-days` }), expect: laSettingsRule },
  "POST /api/las/:laId/closure-days": {
    request: (w, t) => ({
      path: `/api/las/${laOf(w, t)}/closure-days`,
      body: { date: `2028-01-${String(1 + Math.floor(Math.random() * 28)).padStart(2, "0")}`, reason: "Training" },
    }),
    expect: laSettingsRule,
  },
  "DELETE /api/las/:laId/closure-days/:date": {
    request: async (w, t) => ({ path: `/api/las/${laOf(w, t)}/closure-days/${await freshClosureDay(w, t)}`, method: "DELETE" }),
    expect: laSettingsRule,
  },
  "GET /api/pupils/:id/plans": { request: pupilPath("/plans"), expect: pupilRule(readers) },
  "POST /api/pupils/:id/plans": { request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/plans`, body: planBody() }), expect: pupilRule(teacherWriters) },
  "GET /api/pupils/:id/plans/:formId": { request: formPath((p, f) => `${p}/plans/${f.plan}`), expect: pupilRule(readers) },
  "GET /api/pupils/:id/review-options": { request: pupilPath("/review-options"), expect: pupilRule(readers) },
  "GET /api/pupils/:id/reviews": { request: pupilPath("/reviews"), expect: pupilRule(readers) },
  "POST /api/pupils/:id/reviews": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/reviews`, body: reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 1 }) }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/pupils/:id/reviews/:formId": { request: formPath((p, f) => `${p}/reviews/${f.review}`), expect: pupilRule(readers) },
  "GET /api/pupils/:id/parent-meetings": { request: pupilPath("/parent-meetings"), expect: pupilRule(readers) },
  "POST /api/pupils/:id/parent-meetings": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/parent-meetings`, body: { heldOn: "2026-11-05", outcomesAgreed: "Agreed again" } }),
    expect: pupilRule(teacherWriters),
  },
  "GET /api/pupils/:id/parent-meetings/:formId": { request: formPath((p, f) => `${p}/parent-meetings/${f.meeting}`), expect: pupilRule(readers) },
  "GET /api/pupils/:id/specialist-involvements": { request: pupilPath("/specialist-involvements"), expect: pupilRule(readers) },
  "POST /api/pupils/:id/specialist-involvements": {
    request: (w, t) => ({
      path: `/api/pupils/${w.pupils[t].id}/specialist-involvements`,
      body: { service: "Educational psychology", requestedOn: "2026-10-02" },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/pupils/:id/specialist-involvements/:formId": {
    request: formPath((p, f) => `${p}/specialist-involvements/${f.specialist}`),
    expect: pupilRule(readers),
  },
  "GET /api/pupils/:id/parent-views": { request: pupilPath("/parent-views"), expect: pupilRule(readers) },
  "POST /api/pupils/:id/parent-views": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/parent-views`, body: { concerns: "Spelling" } }),
    expect: pupilRule(teacherWriters),
  },
  "POST /api/pupils/:id/concerns/:formId/copy-to-parents": {
    request: formPath((p, f) => `${p}/concerns/${f.concern}/copy-to-parents`, { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "POST /api/pupils/:id/plans/:formId/copy-to-parents": {
    request: formPath((p, f) => `${p}/plans/${f.plan}/copy-to-parents`, { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "POST /api/pupils/:id/reviews/:formId/copy-to-parents": {
    request: formPath((p, f) => `${p}/reviews/${f.review}/copy-to-parents`, { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "POST /api/pupils/:id/parent-meetings/:formId/copy-to-parents": {
    request: formPath((p, f) => `${p}/parent-meetings/${f.meeting}/copy-to-parents`, { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "GET /api/pupils/:id/assessment-evidence": { request: pupilPath("/assessment-evidence"), expect: pupilRule(readers) },
  "GET /api/pupils/:id/assessment-requests": { request: pupilPath("/assessment-requests"), expect: pupilRule(readers) },
  "POST /api/pupils/:id/assessment-requests": {
    request: (w, t) => ({
      path: `/api/pupils/${w.pupils[t].id}/assessment-requests`,
      body: { requestedBy: "school", requestedOn: "2026-10-13", reasons: "Progress" },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/pupils/:id/assessment-requests/:formId": { request: formPath((p, f) => `${p}/assessment-requests/${f.request}`), expect: pupilRule(readers) },
  "POST /api/pupils/:id/assessment-requests/:formId/decision": {
    request: formPath((p, f) => `${p}/assessment-requests/${f.request}/decision`, { decision: "issueStatement", expectedVersion: 2, decidedOn: "2026-11-02" }),
    expect: pupilRule(["laOfficer"]),
  },
  "POST /api/pupils/:id/assessment-requests/:formId/exceptions": {
    request: formPath((p, f) => `${p}/assessment-requests/${f.request}/exceptions`, { reason: "School closed", recordedOn: "2026-11-02" }),
    expect: pupilRule(["laOfficer"]),
  },
  "GET /api/schools/:schoolId/interventions": { request: (w, t) => ({ path: interventionPath(w, t) }), expect: pupilRule(readers) },
  "POST /api/schools/:schoolId/interventions": {
    request: (w, t) => ({ path: interventionPath(w, t), body: { name: `I ${crypto.randomUUID()}`, groupSize: "4", frequency: "Daily", staff: "TA" } }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/schools/:schoolId/interventions/:interventionId": {
    request: async (w, t) => ({ path: interventionPath(w, t, (await formsOf(w, t)).intervention) }),
    expect: pupilRule(readers),
  },
  "PATCH /api/schools/:schoolId/interventions/:interventionId": {
    request: async (w, t) => ({ path: interventionPath(w, t, (await formsOf(w, t)).intervention), method: "PATCH", body: { frequency: "Twice a week" } }),
    expect: pupilRule(schoolLeaders),
  },
  "DELETE /api/schools/:schoolId/interventions/:interventionId": {
    request: async (w, t) => ({ path: interventionPath(w, t, await freshIntervention(w, t)), method: "DELETE" }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /api/auth/sign-in": {
    request: () => ({ path: "/api/auth/sign-in", body: { email: `${crypto.randomUUID()}@x.test`, password: "x" } }),
    expect: () => 401,
    anonymous: "public",
  },
  "POST /api/auth/sign-out": { request: () => ({ path: "/api/auth/sign-out", method: "POST" }), expect: anyone },
  "GET /api/auth/me": { request: () => ({ path: "/api/auth/me" }), expect: anyone },
  "GET /api/pupils": { request: () => ({ path: "/api/pupils?limit=200" }), expect: anyone },
  "POST /api/pupils": {
    request: (w, t) => ({
      path: "/api/pupils",
      body: { upn: newUpn(), givenName: "New", familyName: "Enrolled", dateOfBirth: "2016-01-01", yearGroup: "5", schoolId: w.schools[t].id },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/pupils/:id": { request: pupilPath(""), expect: pupilRule(readers) },
  "GET /api/pupils/:id/history": { request: pupilPath("/history"), expect: pupilRule(readers) },
  "POST /api/pupils/:id/concerns": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/concerns`, body: concern }),
    expect: pupilRule(["teacher", "senco", "head"]),
  },
  "POST /api/pupils/:id/transitions": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/transitions`, body: { move: "remainAtSchoolAction", expectedVersion: 1 } }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /api/pupils/:id/parent-links": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/parent-links`, body: { parentName: "Pat" } }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/pupils/:id/parent-links": { request: pupilPath("/parent-links"), expect: pupilRule(schoolLeaders) },
  "POST /api/pupils/:id/parent-links/:linkId/revoke": {
    request: async (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/parent-links/${(await freshParentLink(w, t)).id}/revoke`, method: "POST" }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/pupils/:id/export": { request: pupilPath("/export"), expect: pupilRule(schoolLeaders) },
  "POST /api/pupils/:id/ehc-steps": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/ehc-steps`, body: { step: "reviewReportSent" } }),
    expect: moversRule,
  },
  "POST /api/pupils/:id/close": {
    request: (w, t) => ({ path: `/api/pupils/${w.pupils[t].id}/close`, body: { reason: "Left the school" } }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /print/pupils/:id/export": { request: (w, t) => ({ path: `/print/pupils/${w.pupils[t].id}/export` }), expect: pupilRule(schoolLeaders) },
  "GET /api/invitations": { request: () => ({ path: "/api/invitations" }), expect: (role) => (role === "teacher" ? 403 : "ok") },
  "POST /api/invitations": {
    request: (w, t) => ({
      path: "/api/invitations",
      body: { email: `${crypto.randomUUID()}@x.test`, name: "New Teacher", role: "teacher", schoolId: w.schools[t].id },
    }),
    expect: inviteRule,
  },
  "POST /api/invitations/:id/revoke": {
    request: async (w, t) => ({ path: `/api/invitations/${(await freshInvitation(w, t)).id}/revoke`, method: "POST" }),
    expect: inviteRule,
  },
  "GET /api/audit": { request: (w, t) => ({ path: `/api/audit?limit=200&schoolId=${w.schools[t].id}` }), expect: auditRule },
  "GET /api/admin/las": { request: () => ({ path: "/api/admin/las" }), expect: adminOnly },
  "POST /api/admin/las": {
    request: () => ({ path: "/api/admin/las", body: { name: "New LA", code: String(100 + Math.floor(Math.random() * 900)), region: "englandAndWales" } }),
    expect: adminOnly,
  },
  "PATCH /api/admin/las/:id": {
    request: (w, t) => ({ path: `/api/admin/las/${t === "foreignLa" ? w.otherLa.id : w.la.id}`, method: "PATCH", body: { retentionYearsAfterBirth: 32 } }),
    expect: adminOnly,
  },
  "GET /api/admin/schools": { request: () => ({ path: "/api/admin/schools" }), expect: adminOnly },
  "POST /api/admin/schools": {
    request: (w, t) => ({
      path: "/api/admin/schools",
      body: {
        laId: t === "foreignLa" ? w.otherLa.id : w.la.id,
        name: "New School",
        urn: String(100000 + Math.floor(Math.random() * 900000)),
        phase: "primary",
        framework: "england2014",
        publicSlug: `s-${crypto.randomUUID()}`,
        region: "englandAndWales",
      },
    }),
    expect: adminOnly,
  },
  "PATCH /api/admin/schools/:id": {
    request: (w, t) => ({ path: `/api/admin/schools/${w.schools[t].id}`, method: "PATCH", body: { embedOrigins: ["https://www.school.example"] } }),
    expect: adminOnly,
  },
  "GET /api/openapi.json": { request: () => ({ path: "/api/openapi.json" }), expect: anyone, anonymous: "public" },
  "GET /api/health": { request: () => ({ path: "/api/health" }), expect: anyone, anonymous: "public" },
  "GET /staff/sign-in": { request: () => ({ path: "/staff/sign-in" }), expect: anyone, anonymous: "public" },
  "POST /staff/sign-in": {
    request: () => ({ path: "/staff/sign-in", form: { email: `${crypto.randomUUID()}@x.test`, password: "x" } }),
    expect: anyone,
    anonymous: "public",
  },
  "GET /staff": { request: () => ({ path: "/staff" }), expect: anyone, anonymous: "ok" },
  // Signing out with no session left is sent to the sign-in page, as a person would expect.
  "POST /staff/sign-out": { request: () => ({ path: "/staff/sign-out", form: {} }), expect: anyone, anonymous: "ok" },
  "GET /staff/invitations/:secret": {
    request: async (w, t) => ({ path: `/staff/invitations/${t === "own" ? (await freshInvitation(w, t)).secret : newSecret()}` }),
    expect: (_role, t) => (t === "own" ? "ok" : 404),
    anonymous: "public",
  },
  "POST /staff/invitations/:secret": {
    request: async (w, t) => ({
      path: `/staff/invitations/${t === "own" ? (await freshInvitation(w, t)).secret : newSecret()}`,
      form: { password: "short", confirmPassword: "short" },
    }),
    expect: (_role, t) => (t === "own" ? "ok" : 404),
    anonymous: "public",
  },
  "GET /parent/:secret": {
    request: async (w, t) => ({ path: `/parent/${await capability(w, t)}` }),
    expect: (_role, t) => (t === "own" ? "ok" : 404),
    anonymous: "public",
  },
  "POST /parent/:secret/views": {
    request: async (w, t) => ({ path: `/parent/${await capability(w, t)}/views`, form: { concerns: "Spelling" } }),
    expect: (_role, t) => (t === "own" ? "ok" : 404),
    anonymous: "public",
  },
  "POST /parent/:secret/mediation": {
    request: async (w, t) => ({ path: `/parent/${await capability(w, t)}/mediation`, form: {} }),
    expect: (_role, t) => (t === "own" ? "ok" : 404),
    anonymous: "public",
  },
  "GET /api/admin/outbox": { request: () => ({ path: "/api/admin/outbox?status=failed" }), expect: adminOnly },
  "POST /api/admin/outbox/:id/retry": {
    request: async (w, t) => ({ path: `/api/admin/outbox/${await failedMessage(w, t)}/retry`, method: "POST" }),
    expect: adminOnly,
  },
  "POST /api/public/schools/:slug/concerns": {
    request: (w, t) => ({
      path: `/api/public/schools/${w.schools[t].publicSlug}/concerns`,
      body: publicConcern,
      headers: { "Idempotency-Key": crypto.randomUUID() },
    }),
    expect: anyone,
    anonymous: "public",
  },
  "GET /api/dashboard/la/schools/:schoolId": { request: (w, t) => ({ path: `/api/dashboard/la/schools/${w.schools[t].id}` }), expect: laDashboardRule },
  "GET /api/dashboard/la/:table": { request: (w, t) => ({ path: `/api/dashboard/la/overdue-reviews?schoolId=${w.schools[t].id}` }), expect: laDashboardRule },
  "GET /api/dashboard/schools/:schoolId/register": {
    request: (w, t) => ({ path: `/api/dashboard/schools/${w.schools[t].id}/register` }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/dashboard/schools/:schoolId/tasks": {
    request: (w, t) => ({ path: `/api/dashboard/schools/${w.schools[t].id}/tasks` }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/dashboard/schools/:schoolId/provision-map": {
    request: (w, t) => ({ path: `/api/dashboard/schools/${w.schools[t].id}/provision-map` }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/las/:laId/alert-settings": { request: (w, t) => ({ path: `/api/las/${laOf(w, t)}/alert-settings` }), expect: laSettingsRule },
  "PUT /api/las/:laId/alert-settings": {
    request: (w, t) => ({ path: `/api/las/${laOf(w, t)}/alert-settings`, method: "PUT", body: {} }),
    expect: laSettingsRule,
  },
  "POST /api/calendar-feed": { request: () => ({ path: "/api/calendar-feed", method: "POST" }), expect: anyone },
  "DELETE /api/calendar-feed": { request: () => ({ path: "/api/calendar-feed", method: "DELETE" }), expect: anyone },
  "GET /api/calendar/:file": {
    // The secret in the address is the credential: the own school's SENCO's real feed, a guessed one elsewhere.
    request: async (w, t) => ({ path: `/api/calendar/${t === "own" ? await issueFeedSecret(db(), w.sencos.own.id) : newSecret()}.ics` }),
    expect: (_role, t) => (t === "own" ? "ok" : 404),
    anonymous: "public",
  },
  "GET /s/:slug/concern": { request: (w, t) => ({ path: `/s/${w.schools[t].publicSlug}/concern` }), expect: anyone, anonymous: "public" },
  "POST /s/:slug/concern": { request: (w, t) => ({ path: `/s/${w.schools[t].publicSlug}/concern`, form: {} }), expect: anyone, anonymous: "public" },
  "GET /s/:slug/status/:token": {
    request: async (w, t) => ({ path: `/s/${w.schools[t].publicSlug}/status/${await publicStatusToken(w, t)}` }),
    expect: (_role, t) => (t === "own" ? "ok" : 404),
    anonymous: "public",
  },
  "GET /forms/pupils/:id": { request: formPage(""), expect: pupilRule(readers) },
  "GET /forms/pupils/:id/concern": { request: formPage("/concern"), expect: pupilRule(teacherWriters) },
  "POST /forms/pupils/:id/concern": { request: formPost("/concern"), expect: pupilRule(teacherWriters) },
  "GET /forms/pupils/:id/plan": { request: formPage("/plan"), expect: pupilRule(teacherWriters) },
  "POST /forms/pupils/:id/plan": { request: formPost("/plan"), expect: pupilRule(teacherWriters) },
  "GET /forms/pupils/:id/review": { request: formPage("/review"), expect: pupilRule(schoolLeaders) },
  "POST /forms/pupils/:id/review": { request: formPost("/review"), expect: pupilRule(schoolLeaders) },
  "GET /forms/pupils/:id/decisions/:move": { request: formPage("/decisions/completeAssessment"), expect: moversRule },
  "POST /forms/pupils/:id/decisions/:move": { request: formPost("/decisions/completeAssessment"), expect: moversRule },
  "GET /forms/pupils/:id/ehc-steps/:step": { request: formPage("/ehc-steps/reviewReportSent"), expect: moversRule },
  "POST /forms/pupils/:id/ehc-steps/:step": { request: formPost("/ehc-steps/reviewReportSent"), expect: moversRule },
  "GET /forms/pupils/:id/parent-views": { request: formPage("/parent-views"), expect: pupilRule(teacherWriters) },
  "POST /forms/pupils/:id/parent-views": { request: formPost("/parent-views"), expect: pupilRule(teacherWriters) },
  "GET /forms/pupils/:id/assessment-request": { request: formPage("/assessment-request"), expect: pupilRule(schoolLeaders) },
  "POST /forms/pupils/:id/assessment-request": { request: formPost("/assessment-request"), expect: pupilRule(schoolLeaders) },
  "GET /forms/pupils/:id/parent-meeting": { request: formPage("/parent-meeting"), expect: pupilRule(teacherWriters) },
  "POST /forms/pupils/:id/parent-meeting": {
    request: (w, t) => ({
      path: `/forms/pupils/${w.pupils[t].id}/parent-meeting`,
      form: { "heldOn.day": "5", "heldOn.month": "11", "heldOn.year": "2026", outcomesAgreed: "Agreed" },
    }),
    expect: pupilRule(teacherWriters),
  },
  "GET /forms/pupils/:id/specialist-involvement": { request: formPage("/specialist-involvement"), expect: pupilRule(schoolLeaders) },
  "POST /forms/pupils/:id/specialist-involvement": {
    request: (w, t) => ({
      path: `/forms/pupils/${w.pupils[t].id}/specialist-involvement`,
      form: { service: "Educational psychology", "requestedOn.day": "2", "requestedOn.month": "10", "requestedOn.year": "2026" },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/pupils/:id/parent-links": { request: formPage("/parent-links"), expect: pupilRule(schoolLeaders) },
  "POST /forms/pupils/:id/parent-links": {
    request: (w, t) => ({ path: `/forms/pupils/${w.pupils[t].id}/parent-links`, form: { parentName: "Pat" } }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/pupils/:id/parent-links/:linkId/withdraw": {
    request: async (w, t) => ({ path: `/forms/pupils/${w.pupils[t].id}/parent-links/${(await freshParentLink(w, t)).id}/withdraw`, form: {} }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/pupils/:id/drs-referral": { request: formPage("/drs-referral"), expect: drsRule },
  "POST /forms/pupils/:id/drs-referral": { request: formPost("/drs-referral"), expect: drsRule },
  "GET /forms/pupils/:id/assessment-requests/:formId": { request: requestPage(""), expect: pupilRule(readers) },
  "GET /forms/pupils/:id/assessment-requests/:formId/decision": { request: requestPage("/decision"), expect: pupilRule(["laOfficer"]) },
  "POST /forms/pupils/:id/assessment-requests/:formId/decision": { request: requestPage("/decision", {}), expect: pupilRule(["laOfficer"]) },
  "GET /forms/pupils/:id/assessment-requests/:formId/exception": { request: requestPage("/exception"), expect: pupilRule(["laOfficer"]) },
  "POST /forms/pupils/:id/assessment-requests/:formId/exception": { request: requestPage("/exception", {}), expect: pupilRule(["laOfficer"]) },
  "GET /forms/drs-referrals/:referralId": { request: async (w, t) => ({ path: `/forms/drs-referrals/${await freshReferral(w, t)}` }), expect: drsRule },
  "GET /forms/drs-referrals/:referralId/steps/:step": {
    request: async (w, t) => ({ path: `/forms/drs-referrals/${await freshReferral(w, t)}/steps/mediationAgreed` }),
    expect: drsRule,
  },
  "POST /forms/drs-referrals/:referralId/steps/:step": {
    request: async (w, t) => ({ path: `/forms/drs-referrals/${await freshReferral(w, t)}/steps/mediationAgreed`, form: {} }),
    expect: drsRule,
  },
  "GET /print/pupils/:id/concerns/:formId": { request: printPath("concerns", "concern"), expect: pupilRule(readers) },
  "POST /print/pupils/:id/concerns/:formId/copy-to-parents": {
    request: printPath("concerns", "concern", "/copy-to-parents", { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "POST /print/pupils/:id/concerns/:formId/senco-action": { request: printPath("concerns", "concern", "/senco-action", {}), expect: moversRule },
  "GET /print/pupils/:id/plans/:formId": { request: printPath("plans", "plan"), expect: pupilRule(readers) },
  "POST /print/pupils/:id/plans/:formId/copy-to-parents": {
    request: printPath("plans", "plan", "/copy-to-parents", { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "GET /print/pupils/:id/reviews/:formId": { request: printPath("reviews", "review"), expect: pupilRule(readers) },
  "POST /print/pupils/:id/reviews/:formId/copy-to-parents": {
    request: printPath("reviews", "review", "/copy-to-parents", { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "GET /print/pupils/:id/drs-referrals/:formId": { request: printPath("drs-referrals", ""), expect: pupilRule(readers) },
  "POST /print/pupils/:id/drs-referrals/:formId/copy-to-parents": {
    request: printPath("drs-referrals", "", "/copy-to-parents", { on: "2026-12-01" }),
    expect: pupilRule(teacherWriters),
  },
  "GET /sign-in": { request: () => ({ path: "/sign-in?next=%2Fdashboard%2Fschool" }), expect: anyone, anonymous: "public" },
  "GET /dashboard/la": { request: () => ({ path: "/dashboard/la" }), expect: (role) => (role === "laOfficer" ? "ok" : 403) },
  "GET /dashboard/la/tables/:table": {
    request: (w, t) => ({ path: `/dashboard/la/tables/overdue-reviews?schoolId=${w.schools[t].id}` }),
    expect: laDashboardRule,
  },
  "GET /dashboard/la/schools/:schoolId": { request: (w, t) => ({ path: `/dashboard/la/schools/${w.schools[t].id}` }), expect: laDashboardRule },
  "GET /dashboard/school": { request: () => ({ path: "/dashboard/school" }), expect: (role) => (role === "laOfficer" || role === "admin" ? 404 : "ok") },
  "GET /dashboard/schools/:schoolId": { request: (w, t) => ({ path: `/dashboard/schools/${w.schools[t].id}` }), expect: pupilRule(schoolLeaders) },
  "GET /forms/schools/:schoolId/parent-concerns/:concernId": { request: parentConcernPath(), expect: pupilRule(schoolLeaders) },
  "POST /forms/schools/:schoolId/parent-concerns/:concernId/contacted": { request: parentConcernPath("/contacted"), expect: pupilRule(schoolLeaders) },
  "POST /forms/schools/:schoolId/parent-concerns/:concernId/match": { request: parentConcernPath("/match"), expect: pupilRule(schoolLeaders) },
  "GET /forms/schools/:schoolId/pupils/new": {
    request: async (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/pupils/new?concern=${await freshParentConcern(w, t)}` }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/schools/:schoolId/pupils": { request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/pupils?q=pupil` }), expect: pupilRule(readers) },
  "GET /forms/schools/:schoolId/census-check": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/census-check` }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/schools/:schoolId/tasks": { request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/tasks` }), expect: pupilRule(schoolLeaders) },
  "GET /forms/schools/:schoolId/register-import": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/register-import` }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/register-import": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/register-import`, form: { csv: registerCsv() } }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/register-import/confirm": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/register-import/confirm`, form: { csv: registerCsv() } }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/pupils": {
    request: (w, t) => ({
      path: `/forms/schools/${w.schools[t].id}/pupils`,
      form: {
        upn: newUpn(),
        givenName: "Typed",
        familyName: "Enrolled",
        "dateOfBirth.day": "4",
        "dateOfBirth.month": "5",
        "dateOfBirth.year": "2017",
        yearGroup: "4",
        stage: "schoolAction",
        primaryNeed: "SPLD",
      },
    }),
    expect: pupilRule(schoolLeaders),
  },
  // Issue 18: the leaving school's SENCO or head starts a transfer (an unknown URN is the domain's 422); the receiving school's accepts.
  "POST /api/transfers": {
    request: (w, t) => ({ path: "/api/transfers", body: { pupilId: w.pupils[t].id, urn: "999999" } }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/transfers": { request: (w, t) => ({ path: `/api/transfers?schoolId=${w.schools[t].id}` }), expect: pupilRule(schoolLeaders) },
  "POST /api/transfers/:id/accept": {
    request: async (w, t) => ({ path: `/api/transfers/${await freshTransfer(w, t)}/accept`, method: "POST" }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /api/transfers/:id/cancel": {
    request: async (w, t) => ({ path: `/api/transfers/${await freshOutgoingTransfer(w, t)}/cancel`, method: "POST" }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /api/transfers/:id/decline": {
    request: async (w, t) => ({ path: `/api/transfers/${await freshTransfer(w, t)}/decline`, method: "POST" }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/pupils/:id/transfer/cancel": {
    request: async (w, t) => {
      await freshOutgoingTransfer(w, t);
      return { path: `/forms/pupils/${w.pupils[t].id}/transfer/cancel`, form: {} };
    },
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/transfers/:transferId/decline": {
    request: async (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/transfers/${await freshTransfer(w, t)}/decline`, form: {} }),
    expect: pupilRule(schoolLeaders),
  },
  // Issue 18, CTF: the pupil's school's SENCO or head downloads it; a school's SENCO or head uploads one (a file that is no CTF is the domain's 422).
  "GET /forms/pupils/:id/ctf": { request: (w, t) => ({ path: `/forms/pupils/${w.pupils[t].id}/ctf` }), expect: pupilRule(schoolLeaders) },
  "GET /forms/schools/:schoolId/ctf-import": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/ctf-import` }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/ctf-import": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/ctf-import`, form: { xml: "<notACtf/>" } }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/ctf-import/confirm": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/ctf-import/confirm`, form: { xml: "<notACtf/>" } }),
    expect: pupilRule(schoolLeaders),
  },
  // Issue 18: a pupil leaving for a school not on Stepwise: the page (with the CTF link) and recording the day they left, which closes the record.
  "GET /forms/pupils/:id/leaving": { request: (w, t) => ({ path: `/forms/pupils/${w.pupils[t].id}/leaving` }), expect: pupilRule(schoolLeaders) },
  "POST /forms/pupils/:id/leaving": {
    request: (w, t) => ({ path: `/forms/pupils/${w.pupils[t].id}/leaving`, form: { ...leftToday(), destination: "Oak Academy" } }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/pupils/:id/transfer": { request: (w, t) => ({ path: `/forms/pupils/${w.pupils[t].id}/transfer` }), expect: pupilRule(schoolLeaders) },
  "POST /forms/pupils/:id/transfer": {
    request: (w, t) => ({ path: `/forms/pupils/${w.pupils[t].id}/transfer`, form: { urn: "999999" } }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/schools/:schoolId/transfers": { request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/transfers` }), expect: pupilRule(schoolLeaders) },
  "POST /forms/schools/:schoolId/transfers/:transferId/accept": {
    request: async (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/transfers/${await freshTransfer(w, t)}/accept`, form: {} }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/audit": { request: (w, t) => ({ path: `/forms/audit?schoolId=${w.schools[t].id}&from.day=1&from.month=1&from.year=2020` }), expect: auditRule },
  "GET /forms/schools/:schoolId/interventions/new": {
    request: (w, t) => ({ path: `/forms/schools/${w.schools[t].id}/interventions/new` }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/interventions": {
    request: (w, t) => ({
      path: `/forms/schools/${w.schools[t].id}/interventions`,
      form: {
        name: `Reading ${crypto.randomUUID()}`,
        groupSize: "4",
        sessionsPerWeek: "3",
        sessionMinutes: "30",
        staff: "TA",
        costBasis: "perSession",
        cost: "12.50",
      },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/schools/:schoolId/interventions/:interventionId": {
    request: async (w, t) => ({ path: interventionPagePath(w, t, await freshIntervention(w, t)) }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/interventions/:interventionId": {
    request: async (w, t) => ({
      path: interventionPagePath(w, t, await freshIntervention(w, t)),
      form: {
        name: `Maths ${crypto.randomUUID()}`,
        groupSize: "2",
        sessionsPerWeek: "1",
        sessionMinutes: "20",
        staff: "TA",
        costBasis: "perStaffHour",
        cost: "18",
      },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/interventions/:interventionId/pupils": {
    request: async (w, t) => ({
      path: `${interventionPagePath(w, t, await freshIntervention(w, t))}/pupils`,
      form: { pupilIds: w.pupils[t].id, "startedOn.day": "1", "startedOn.month": "12", "startedOn.year": "2026" },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/interventions/:interventionId/pupils/off": {
    request: async (w, t) => ({
      path: `${interventionPagePath(w, t, await freshIntervention(w, t))}/pupils/off`,
      form: { participationIds: crypto.randomUUID(), "leftOn.day": "1", "leftOn.month": "12", "leftOn.year": "2026" },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/interventions/:interventionId/targets": {
    request: async (w, t) => ({ path: `${interventionPagePath(w, t, await freshIntervention(w, t))}/targets`, form: { targetIds: crypto.randomUUID() } }),
    expect: pupilRule(schoolLeaders),
  },
  "POST /forms/schools/:schoolId/interventions/:interventionId/end": {
    request: async (w, t) => ({
      path: `${interventionPagePath(w, t, await freshIntervention(w, t))}/end`,
      form: { "endedOn.day": "1", "endedOn.month": "12", "endedOn.year": "2026" },
    }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /forms/la/settings": { request: () => ({ path: "/forms/la/settings" }), expect: (role) => (role === "laOfficer" ? "ok" : 403) },
  "GET /forms/las/:laId/settings": { request: (w, t) => ({ path: `/forms/las/${laOf(w, t)}/settings` }), expect: laSettingsRule },
  "POST /forms/las/:laId/timescales": {
    request: (w, t) => ({
      path: `/forms/las/${laOf(w, t)}/timescales`,
      form: { "drsReferralForwarded.amount": "12", "drsReferralForwarded.unit": "workingDays" },
    }),
    expect: laSettingsRule,
  },
  "POST /forms/las/:laId/alert-settings": {
    request: (w, t) => ({ path: `/forms/las/${laOf(w, t)}/alert-settings`, form: { dueSoonDays: "9" } }),
    expect: laSettingsRule,
  },
  "POST /forms/las/:laId/closure-days": {
    request: (w, t) => ({
      path: `/forms/las/${laOf(w, t)}/closure-days`,
      form: { "from.day": String(1 + Math.floor(Math.random() * 28)), "from.month": "3", "from.year": "2028", reason: "Training" },
    }),
    expect: laSettingsRule,
  },
  "POST /forms/las/:laId/closure-days/:date/remove": {
    request: async (w, t) => ({ path: `/forms/las/${laOf(w, t)}/closure-days/${await freshClosureDay(w, t)}/remove`, form: {} }),
    expect: laSettingsRule,
  },
  "GET /dashboard/schools/:schoolId/provision-map": {
    request: (w, t) => ({ path: `/dashboard/schools/${w.schools[t].id}/provision-map` }),
    expect: pupilRule(schoolLeaders),
  },
  "GET /api/schools/:schoolId/teachers/:userId/pupils": { request: (w, t) => ({ path: teachingPath(w, t) }), expect: staffRule },
  "POST /api/schools/:schoolId/teachers/:userId/pupils": {
    request: (w, t) => ({ path: teachingPath(w, t), body: { pupilIds: [w.pupils[t].id] } }),
    expect: staffRule,
  },
  "DELETE /api/schools/:schoolId/teachers/:userId/pupils/:pupilId": {
    request: (w, t) => ({ path: teachingPath(w, t, `/${w.untaught.id}`), method: "DELETE" }),
    expect: staffRule,
  },
  "GET /api/schools/:schoolId/invitations/:invitationId/pupils": { request: async (w, t) => ({ path: await invitedTeachingPath(w, t) }), expect: staffRule },
  "POST /api/schools/:schoolId/invitations/:invitationId/pupils": {
    request: async (w, t) => ({ path: await invitedTeachingPath(w, t), body: { pupilIds: [w.pupils[t].id] } }),
    expect: staffRule,
  },
  "DELETE /api/schools/:schoolId/invitations/:invitationId/pupils/:pupilId": {
    request: async (w, t) => ({ path: await invitedTeachingPath(w, t, `/${w.pupils[t].id}`), method: "DELETE" }),
    expect: staffRule,
  },
  "GET /staff/admin": { request: () => ({ path: "/staff/admin" }), expect: adminOnly },
  "GET /staff/admin/las/new": { request: () => ({ path: "/staff/admin/las/new" }), expect: adminOnly },
  "POST /staff/admin/las/new": { request: () => ({ path: "/staff/admin/las/new", form: {} }), expect: adminOnly },
  "GET /staff/admin/las/:id": { request: (w, t) => ({ path: `/staff/admin/las/${laOf(w, t)}` }), expect: adminOnly },
  "POST /staff/admin/las/:id": { request: (w, t) => ({ path: `/staff/admin/las/${laOf(w, t)}`, form: {} }), expect: adminOnly },
  "GET /staff/admin/schools/new": { request: () => ({ path: "/staff/admin/schools/new" }), expect: adminOnly },
  "POST /staff/admin/schools/new": { request: () => ({ path: "/staff/admin/schools/new", form: {} }), expect: adminOnly },
  "GET /staff/admin/schools/:id": { request: (w, t) => ({ path: `/staff/admin/schools/${w.schools[t].id}` }), expect: adminOnly },
  "POST /staff/admin/schools/:id": { request: (w, t) => ({ path: `/staff/admin/schools/${w.schools[t].id}`, form: {} }), expect: adminOnly },
  "GET /staff/admin/outbox": { request: () => ({ path: "/staff/admin/outbox" }), expect: adminOnly },
  "POST /staff/admin/outbox/:id/retry": {
    request: async (w, t) => ({ path: `/staff/admin/outbox/${await failedMessage(w, t)}/retry`, form: {} }),
    expect: adminOnly,
  },
  "GET /staff/schools/:teamId/staff": { request: (w, t) => ({ path: staffPath(w, t) }), expect: staffRule },
  "POST /staff/schools/:teamId/staff/invitations": { request: (w, t) => ({ path: staffPath(w, t, "/invitations"), form: {} }), expect: staffRule },
  "POST /staff/schools/:teamId/staff/invitations/:invitationId/resend": {
    request: async (w, t) => ({ path: staffPath(w, t, `/invitations/${(await freshInvitation(w, t)).id}/resend`), form: {} }),
    expect: staffRule,
  },
  "POST /staff/schools/:teamId/staff/invitations/:invitationId/withdraw": {
    request: async (w, t) => ({ path: staffPath(w, t, `/invitations/${(await freshInvitation(w, t)).id}/withdraw`), form: {} }),
    expect: staffRule,
  },
  "POST /staff/schools/:teamId/staff/mailbox": {
    request: (w, t) => ({ path: staffPath(w, t, "/mailbox"), form: { mailbox: "senco@school.test" } }),
    expect: staffRule,
  },
  "POST /staff/schools/:teamId/staff/:userId/role": {
    request: async (w, t) => ({ path: staffPath(w, t, `/${await freshTeacher(w, t)}/role`), form: { role: "teacher" } }),
    expect: staffRule,
  },
  "GET /staff/schools/:teamId/staff/:userId/remove": {
    request: async (w, t) => ({ path: staffPath(w, t, `/${await freshTeacher(w, t)}/remove`) }),
    expect: staffRule,
  },
  "POST /staff/schools/:teamId/staff/:userId/remove": {
    request: async (w, t) => ({ path: staffPath(w, t, `/${await freshTeacher(w, t)}/remove`), form: {} }),
    expect: staffRule,
  },
  "GET /staff/schools/:teamId/staff/:userId/pupils": { request: (w, t) => ({ path: staffPath(w, t, `/${teacherAt(w, t)}/pupils`) }), expect: staffRule },
  "POST /staff/schools/:teamId/staff/:userId/pupils": {
    request: (w, t) => ({ path: staffPath(w, t, `/${teacherAt(w, t)}/pupils`), form: { pupilIds: w.pupils[t].id } }),
    expect: staffRule,
  },
  "POST /staff/schools/:teamId/staff/:userId/pupils/remove": {
    request: (w, t) => ({ path: staffPath(w, t, `/${teacherAt(w, t)}/pupils/remove`), form: { pupilIds: w.untaught.id } }),
    expect: staffRule,
  },
  "GET /staff/schools/:teamId/staff/invitations/:invitationId/pupils": {
    request: async (w, t) => ({ path: staffPath(w, t, `/invitations/${(await freshInvitation(w, t)).id}/pupils`) }),
    expect: staffRule,
  },
  "POST /staff/schools/:teamId/staff/invitations/:invitationId/pupils": {
    request: async (w, t) => ({ path: staffPath(w, t, `/invitations/${(await freshInvitation(w, t)).id}/pupils`), form: { pupilIds: w.pupils[t].id } }),
    expect: staffRule,
  },
  "POST /staff/schools/:teamId/staff/invitations/:invitationId/pupils/remove": {
    request: async (w, t) => ({ path: staffPath(w, t, `/invitations/${(await freshInvitation(w, t)).id}/pupils/remove`), form: { pupilIds: w.pupils[t].id } }),
    expect: staffRule,
  },
  "GET /staff/las/:teamId/officers": { request: (w, t) => ({ path: officersPath(w, t) }), expect: laSettingsRule },
  "POST /staff/las/:teamId/officers/invitations": { request: (w, t) => ({ path: officersPath(w, t, "/invitations"), form: {} }), expect: laSettingsRule },
  "POST /staff/las/:teamId/officers/invitations/:invitationId/resend": {
    request: async (w, t) => ({ path: officersPath(w, t, `/invitations/${await freshLaInvitation(w, t)}/resend`), form: {} }),
    expect: laSettingsRule,
  },
  "POST /staff/las/:teamId/officers/invitations/:invitationId/withdraw": {
    request: async (w, t) => ({ path: officersPath(w, t, `/invitations/${await freshLaInvitation(w, t)}/withdraw`), form: {} }),
    expect: laSettingsRule,
  },
  "POST /staff/las/:teamId/officers/mailbox": {
    request: (w, t) => ({ path: officersPath(w, t, "/mailbox"), form: { mailbox: "sen@la.test" } }),
    expect: laSettingsRule,
  },
  "POST /staff/las/:teamId/officers/:userId/role": {
    request: async (w, t) => ({ path: officersPath(w, t, `/${await freshOfficer(w, t)}/role`), form: { role: "laOfficer" } }),
    expect: laSettingsRule,
  },
  "GET /staff/las/:teamId/officers/:userId/remove": {
    request: async (w, t) => ({ path: officersPath(w, t, `/${await freshOfficer(w, t)}/remove`) }),
    expect: laSettingsRule,
  },
  "POST /staff/las/:teamId/officers/:userId/remove": {
    request: async (w, t) => ({ path: officersPath(w, t, `/${await freshOfficer(w, t)}/remove`), form: {} }),
    expect: laSettingsRule,
  },
};

const routeKeys = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];

/** A token for the caller as they are now (a sign-out earlier in the row raised their token version). */
async function currentToken(userId: string) {
  const user = await db().select().from(staffUsers).where(eq(staffUsers.id, userId)).get();
  return issueStaffToken(env, user!, Math.floor(Date.now() / 1000));
}

async function send(request: Request, headers: Record<string, string>) {
  // Each request from its own address, so the sign-in limiter counts this test's requests apart from the rest.
  const address = `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;
  const init: RequestInit = {
    method: request.method ?? (request.body !== undefined || request.form ? "POST" : "GET"),
    headers: { ...request.headers, ...headers, "CF-Connecting-IP": address },
    redirect: "manual",
  };
  if (request.body !== undefined) {
    init.body = JSON.stringify(request.body);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  } else if (request.form) {
    init.body = new URLSearchParams(request.form);
  }
  const response = await SELF.fetch(`https://stepwise.test${request.path}`, init);
  return { status: response.status, text: await response.text() };
}

const outcome = (status: number): Expected | number => (status < 400 || status === 409 || status === 422 ? "ok" : status);

/**
 * The routes are checked in slices, one test file each: the test pool wraps the Durable Object class in one more proxy
 * per object constructed (cloudflare/workers-sdk#15092), so a single file creating every route's pupils overflows the
 * stack after about a hundred routes. Each file gets its own runtime.
 */
export const sliceCount = 4;

export function describeMatrixSlice(slice: number) {
  describe(`the tenancy matrix (part ${slice + 1} of ${sliceCount})`, () => {
    if (slice === 0) {
      it("has an entry for every route of the app", () => {
        expect(routeKeys.filter((key) => !matrix[key])).toEqual([]);
        expect(Object.keys(matrix).filter((key) => !routeKeys.includes(key))).toEqual([]);
      });
    }

    it.each(routeKeys.filter((key, index) => matrix[key] && index % sliceCount === slice))(
      "%s: own 2xx, beyond the role 403, foreign 404, nothing foreign in the answer",
      async (key) => {
        const spec = matrix[key]!;
        const world = await buildWorld();
        const results: string[] = [];
        const expected: string[] = [];
        for (const target of targets) {
          for (const role of roles) {
            const response = await send(await spec.request(world, target), { Authorization: `Bearer ${await currentToken(world.staff[role].id)}` });
            results.push(`${role} → ${target}: ${outcome(response.status)}`);
            expected.push(`${role} → ${target}: ${spec.expect(role, target)}`);
            const leaked = forbiddenMarkers(world, spec.anonymous === "public" ? "teacher" : role).filter((marker) => response.text.includes(marker));
            expect([key, role, target, leaked]).toEqual([key, role, target, []]);
          }
        }
        const anonymous = await send(await spec.request(world, "own"), {});
        const anonymousExpected = spec.anonymous === "public" ? spec.expect("admin", "own") : (spec.anonymous ?? 401);
        results.push(`anonymous → own: ${outcome(anonymous.status)}`);
        expected.push(`anonymous → own: ${anonymousExpected}`);
        const leaked = forbiddenMarkers(world, "teacher").filter((marker) => anonymous.text.includes(marker));
        expect([key, "anonymous", leaked]).toEqual([key, "anonymous", []]);
        expect(results.join("\n")).toBe(expected.join("\n"));
      },
      120_000,
    );
  });
}
