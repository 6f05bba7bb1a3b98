import { createExecutionContext, env, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { countingD1, markingNamespace, newTally, roundTrips, type Tally, withObjectTrips } from "../../bench/round-trips";
import { reviews } from "../../schema/tables";
import worker from "../../worker/index";
import { pupilCaseFor } from "../../worker/pupil-case";
import { reviewBody } from "../support/records";
import { createLa, createSchool, createStaff, db, schoolWithPupil } from "../support/world";

/**
 * D1 round trips per request, counted by the bench's own wrapper (bench/round-trips.ts): the Worker's D1 and, through
 * the pupil's object's env, the object's. The counts are machine-independent, so a request that gains a round trip
 * fails here; the bench prints the same counts beside the goals (2 for a concern, a move, a form with its decision).
 */
async function counted(path: string, init: RequestInit, pupilId?: string) {
  const tally = newTally();
  const objectTally: Tally = newTally();
  if (pupilId)
    await runInDurableObject(pupilCaseFor(env, pupilId), (instance) => {
      Reflect.set(instance, "env", { ...env, DB: countingD1(env.DB, objectTally, "object") });
    });
  const ctx = createExecutionContext();
  const countedEnv: Env = { ...env, DB: countingD1(env.DB, tally, "worker"), PUPIL_CASE: markingNamespace(env.PUPIL_CASE, tally, new Set()) };
  const response = await worker.fetch(new Request(`https://stepwise.test${path}`, init), countedEnv, ctx);
  await waitOnExecutionContext(ctx);
  await response.arrayBuffer();
  const whole = withObjectTrips(tally, objectTally.trips);
  return { status: response.status, trips: whole.trips, ...roundTrips(whole) };
}

const json = (headers: Record<string, string>, body: unknown): RequestInit => ({
  method: "POST",
  headers: { ...headers, "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

describe("D1 round trips per request, as the bench counts them", () => {
  it("a parent's concern through the public link", async () => {
    const la = await createLa();
    const school = await createSchool(la.id, "england2014");
    const concern = {
      childName: "Sam Example",
      childDateOfBirth: "2017-05-04",
      childYearGroup: "4",
      parentName: "Alex Example",
      parentRelationship: "Parent",
      parentEmail: "alex@example.test",
      areasOfConcern: ["communicationAndInteraction"],
      description: "Sam finds it hard to follow spoken instructions and is upset after school",
    };
    const sent = await counted(
      `/api/public/schools/${school.publicSlug}/concerns`,
      json({ "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": "10.9.8.7" }, concern),
    );
    expect(sent.status).toBe(201);
    // The school with its LA's timescales and closures in one batch, then one batch of writes: the goal.
    expect({ total: sent.total, inObject: sent.inObject }).toEqual({ total: 2, inObject: 0 });
    expect(sent.trips.map((trip) => trip.statements.length)).toEqual([3, 4]);
  });

  it("a move on review", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const review = crypto.randomUUID();
    await db()
      .insert(reviews)
      .values({
        id: review,
        pupilId: pupil.id,
        schoolId: school.id,
        stage: "schoolAction",
        reviewDate: "2026-11-20",
        areasOfConcern: ["sensory"],
        evaluation: "Reviewed",
      });
    const body = { move: "instigateSchoolActionPlus", expectedVersion: pupil.version, form: { kind: "review", id: review } };
    const moved = await counted(`/api/pupils/${pupil.id}/transitions`, json(senco.headers, body), pupil.id);
    expect(moved.status).toBe(200);
    // The caller's rights and the pupil; in the object one load (the case with the form the move cites), then the write.
    expect({ total: moved.total, inWorker: moved.inWorker, inObject: moved.inObject }).toEqual({ total: 3, inWorker: 1, inObject: 2 });
    // The object's last trip is the one write: every statement of the move in one batch.
    expect(moved.trips.at(-1)!.statements.some(({ verb }) => verb === "insert")).toBe(true);
  });

  it("a review with the decision it records", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolActionPlus");
    const recorded = await counted(
      `/api/pupils/${pupil.id}/reviews`,
      json(senco.headers, reviewBody({ decision: "remainAtSchoolActionPlus", expectedVersion: pupil.version })),
      pupil.id,
    );
    expect(recorded.status).toBe(201);
    // The caller and the pupil; in the object the case, then the write with the audit entry; then the review read back.
    expect({ total: recorded.total, inWorker: recorded.inWorker, inObject: recorded.inObject }).toEqual({ total: 4, inWorker: 2, inObject: 2 });
  });

  it("a review whose decision opens a request for assessment", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolActionPlus");
    const recorded = await counted(
      `/api/pupils/${pupil.id}/reviews`,
      json(senco.headers, reviewBody({ decision: "requestStatutoryAssessment", expectedVersion: pupil.version })),
      pupil.id,
    );
    expect(recorded.status).toBe(201);
    // As above, and before the pupil's queue is taken the evidence the request carries is gathered: one trip more.
    expect({ total: recorded.total, inWorker: recorded.inWorker, inObject: recorded.inObject }).toEqual({ total: 5, inWorker: 2, inObject: 3 });
  });

  it("the LA officer's dashboard page", async () => {
    const la = await createLa();
    await createSchool(la.id, "england2014");
    const officer = await createStaff("laOfficer", { laId: la.id });
    const shown = await counted("/dashboard/la", { headers: { Authorization: officer.headers.Authorization } });
    expect(shown.status).toBe(200);
    // The caller, the LA's name, then nine trips for the page's seven tables (assessment requests: the open, then the decided).
    expect({ total: shown.total, inObject: shown.inObject }).toEqual({ total: 11, inObject: 0 });
  });
});
