import { describe, expect, it } from "vitest";
import { teachingAssignments } from "../../schema/tables";
import { planBody, reviewBody, writePlan } from "../support/records";
import { api, createLa, createSchool, createStaff, db, schoolWithPupil } from "../support/world";

type Kind = "read" | "teacherWrite" | "sencoWrite" | "authority";

/** Every records route, with what kind of action it is. */
async function recordsRoutes() {
  const { la, school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
  const plan = await writePlan(pupil.id, senco.headers);
  const review = await api(`/api/pupils/${pupil.id}/reviews`, {
    headers: senco.headers,
    body: reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 1 }),
  });
  const meeting = await api(`/api/pupils/${pupil.id}/parent-meetings`, { headers: senco.headers, body: { heldOn: "2026-10-05", outcomesAgreed: "Agreed" } });
  const concern = await api(`/api/pupils/${pupil.id}/concerns`, { headers: senco.headers, body: { areasOfConcern: ["sensory"], description: "Squints" } });
  const specialist = await api(`/api/pupils/${pupil.id}/specialist-involvements`, {
    headers: senco.headers,
    body: { service: "Educational psychology", requestedOn: "2026-10-01" },
  });
  const request = await api(`/api/pupils/${pupil.id}/assessment-requests`, {
    headers: senco.headers,
    body: { requestedBy: "parent", requestedOn: "2026-10-12", reasons: "Parents ask" },
  });
  const p = `/api/pupils/${pupil.id}`;
  const requestPath = `${p}/assessment-requests/${request.json.assessmentRequest.id}`;
  const routes: [Kind, string, string, unknown?][] = [
    ["read", "GET", `${p}/plans`],
    ["read", "GET", `${p}/plans/${plan.id}`],
    ["read", "GET", `${p}/reviews`],
    ["read", "GET", `${p}/reviews/${review.json.review.id}`],
    ["read", "GET", `${p}/review-options`],
    ["read", "GET", `${p}/parent-meetings`],
    ["read", "GET", `${p}/parent-meetings/${meeting.json.parentMeeting.id}`],
    ["read", "GET", `${p}/specialist-involvements`],
    ["read", "GET", `${p}/specialist-involvements/${specialist.json.specialistInvolvement.id}`],
    ["read", "GET", `${p}/parent-views`],
    ["read", "GET", `${p}/assessment-evidence`],
    ["read", "GET", `${p}/assessment-requests`],
    ["read", "GET", requestPath],
    ["teacherWrite", "POST", `${p}/plans`, planBody()],
    ["teacherWrite", "POST", `${p}/parent-meetings`, { heldOn: "2026-11-05", outcomesAgreed: "Agreed again" }],
    ["teacherWrite", "POST", `${p}/parent-views`, { concerns: "Spelling" }],
    ["teacherWrite", "POST", `${p}/concerns/${concern.json.concernId}/copy-to-parents`, { on: "2026-12-01" }],
    ["teacherWrite", "POST", `${p}/plans/${plan.id}/copy-to-parents`, { on: "2026-12-01" }],
    ["teacherWrite", "POST", `${p}/reviews/${review.json.review.id}/copy-to-parents`, { on: "2026-12-01" }],
    ["teacherWrite", "POST", `${p}/parent-meetings/${meeting.json.parentMeeting.id}/copy-to-parents`, { on: "2026-12-01" }],
    ["sencoWrite", "POST", `${p}/reviews`, reviewBody({ decision: "remainAtSchoolAction", expectedVersion: 2 })],
    ["sencoWrite", "POST", `${p}/specialist-involvements`, { service: "Educational psychology", requestedOn: "2026-10-02" }],
    ["sencoWrite", "POST", `${p}/assessment-requests`, { requestedBy: "school", requestedOn: "2026-10-13", reasons: "Progress" }],
    ["authority", "POST", `${requestPath}/decision`, { decision: "issueStatement", expectedVersion: 2, decidedOn: "2026-11-02" }],
    ["authority", "POST", `${requestPath}/exceptions`, { reason: "School closed", recordedOn: "2026-11-02" }],
  ];
  return { la, school, pupil, routes };
}

const allowed = (status: number) => ![401, 403, 404].includes(status) && status < 500;

const mayDo: Record<"teacher" | "head" | "laOfficer", Record<Kind, boolean>> = {
  teacher: { read: true, teacherWrite: true, sencoWrite: false, authority: false },
  head: { read: true, teacherWrite: true, sencoWrite: true, authority: false },
  laOfficer: { read: true, teacherWrite: false, sencoWrite: false, authority: true },
};

describe("tenancy: every records route is scoped to the caller's school or LA", () => {
  it.each(["sencoElsewhereInLa", "sencoInOtherLa", "otherLaOfficer", "teacherNotTeaching", "admin"] as const)(
    "a %s is answered 404 on every route",
    async (name) => {
      const { la, school, pupil, routes } = await recordsRoutes();
      const otherLa = await createLa();
      const caller = {
        sencoElsewhereInLa: () => createSchool(la.id, "england2001").then((s) => createStaff("senco", { laId: la.id, schoolIds: [s.id] })),
        sencoInOtherLa: () => createSchool(otherLa.id, "england2001").then((s) => createStaff("senco", { laId: otherLa.id, schoolIds: [s.id] })),
        otherLaOfficer: () => createStaff("laOfficer", { laId: otherLa.id }),
        teacherNotTeaching: () => createStaff("teacher", { laId: la.id, schoolIds: [school.id] }),
        admin: () => createStaff("admin", { laId: null }),
      }[name];
      const { headers } = await caller();
      const wrong: string[] = [];
      for (const [, method, path, body] of routes) {
        const { status } = await api(path, { method, headers, body });
        if (status !== 404) wrong.push(`${method} ${path.replace(pupil.id, ":id")} -> ${status}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(["teacher", "head", "laOfficer"] as const)("a %s of the pupil's school or LA is refused 403 beyond their role", async (name) => {
    const { la, school, pupil, routes } = await recordsRoutes();
    const caller = await createStaff(name, { laId: la.id, schoolIds: name === "laOfficer" ? [] : [school.id] });
    if (name === "teacher") await db().insert(teachingAssignments).values({ userId: caller.id, pupilId: pupil.id });
    const wrong: string[] = [];
    for (const [kind, method, path, body] of routes) {
      const { status } = await api(path, { method, headers: caller.headers, body });
      if (!(mayDo[name][kind] ? allowed(status) : status === 403)) wrong.push(`${kind} ${method} ${path.replace(pupil.id, ":id")} -> ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("nobody without a token", async () => {
    const { routes } = await recordsRoutes();
    for (const [, method, path, body] of routes) expect((await api(path, { method, body })).status).toBe(401);
  });
});
