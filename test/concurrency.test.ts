import { env } from "cloudflare:test";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, outbox, pupilEvents, pupils, reviews } from "../schema/tables";
import { pupilCaseFor } from "../worker/pupil-case";
import { applyMove } from "../worker/pupil-case/moves";
import { failBatchesOf, healD1Of } from "./support/failing-d1";
import { api, db, schoolWithPupil } from "./support/world";

async function reviewsFor(pupilId: string, schoolId: string, n: number) {
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  // One statement a review: D1 binds at most 100 parameters a statement.
  const inserts = ids.map((id) =>
    db()
      .insert(reviews)
      .values({ id, pupilId, schoolId, stage: "schoolAction", reviewDate: "2026-11-20", areasOfConcern: ["sensory"], evaluation: "Reviewed" }),
  );
  await db().batch([inserts[0]!, ...inserts.slice(1)]);
  return ids;
}

/**
 * From School Action, the k-th move after enrolment is "instigate School Action Plus" when k is even and "move to
 * School Action" when k is odd: every request names a version and the move that is right at that version, so
 * whichever arrives first at its version wins and every other one is stale.
 */
function conflictingMoves(n: number, reviewIds: string[]) {
  return Array.from({ length: n }, (_, i) => {
    const k = i % 10;
    return {
      move: k % 2 === 0 ? "instigateSchoolActionPlus" : "returnToSchoolAction",
      expectedVersion: 1 + k,
      form: { kind: "review", id: reviewIds[i] },
    };
  });
}

async function assertOneOrder(pupilId: string, initialVersion: number, accepted: number) {
  const events = await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupilId)).orderBy(asc(pupilEvents.seq));
  const seqs = events.map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: initialVersion + accepted }, (_, i) => i + 1));
  for (let i = 1; i < events.length; i++) expect(events[i]!.fromStage).toBe(events[i - 1]!.toStage);
  const [pupil] = await db().select().from(pupils).where(eq(pupils.id, pupilId));
  expect(pupil!.version).toBe(events.at(-1)!.seq);
  expect(pupil!.stage).toBe(events.at(-1)!.toStage);
  // Each accepted move restarted the review clock: exactly one runs.
  const running = (await db().select().from(clocks).where(eq(clocks.pupilId, pupilId))).filter((c) => c.stoppedAt === null);
  expect(running).toHaveLength(1);
}

describe("one writer per pupil", () => {
  it("50 concurrent conflicting moves apply in one order with a gapless history, each answered 200 or 409", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const reviewIds = await reviewsFor(pupil.id, school.id, 50);
    const responses = await Promise.all(
      conflictingMoves(50, reviewIds).map((body) => api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(accepted).toBeLessThanOrEqual(10);
    for (const refused of responses.filter((r) => r.status === 409)) expect(refused.json.error.code).toBe("stale_version");
    await assertOneOrder(pupil.id, 1, accepted);

    // The queue did the serialising: the database guard never had to refuse a write.
    const stats = await pupilCaseFor(env, pupil.id).serialisation();
    expect(stats).toEqual({ maxConcurrentWrites: 1, writeConflicts: 0 });
  });

  it("clients that retry on 409 all get through, one at a time", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const reviewIds = await reviewsFor(pupil.id, school.id, 20);
    const client = async (reviewId: string) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const current = await api(`/api/pupils/${pupil.id}`, { headers: senco.headers });
        const { version, stage } = current.json.pupil;
        const move = stage === "schoolAction" ? "instigateSchoolActionPlus" : "returnToSchoolAction";
        const result = await api(`/api/pupils/${pupil.id}/transitions`, {
          headers: senco.headers,
          body: { move, expectedVersion: version, form: { kind: "review", id: reviewId } },
        });
        if (result.status === 200) return;
        expect(result.status).toBe(409);
      }
      throw new Error("never got through");
    };
    await Promise.all(reviewIds.map(client));
    await assertOneOrder(pupil.id, 1, 20);
    // Some 400 requests: a ceiling for a busy machine, not a speed goal.
  }, 180_000);

  it("the database refuses a writer that bypasses the pupil's object with a stale version", async () => {
    const { school, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const [a, b] = await reviewsFor(pupil.id, school.id, 2);
    const command = (id: string) => ({
      move: "remainAtSchoolAction",
      expectedVersion: 1,
      actor: { userId: null, role: "senco" as const },
      reason: null,
      form: { kind: "review" as const, id },
    });
    const at = "2026-11-23T09:00:00.000Z";
    const audit = { at, actorKind: "system" as const, action: "move" as const, resource: "transitions", pupilId: pupil.id };
    const outcomes = await Promise.all([applyMove(db(), pupil.id, command(a!), at, audit), applyMove(db(), pupil.id, command(b!), at, audit)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ ok: false, refusal: { code: "stale_version" } });
    await assertOneOrder(pupil.id, 1, 1);
  });
});

describe("a failed write", () => {
  it("leaves nothing half-written, and the same move succeeds when retried", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "concernRecorded");
    const raised = await api(`/api/pupils/${pupil.id}/concerns`, {
      headers: senco.headers,
      body: { areasOfConcern: ["sensory"], description: "Squints at the board" },
    });
    expect(raised.status).toBe(201);
    const body = { move: "moveToSchoolAction", expectedVersion: 1, form: { kind: "recordOfConcern", id: raised.json.concernId } };

    // D1 fails at the last statement of the move's batch, after the event and stage writes were sent.
    await failBatchesOf(pupil.id);
    const failed = await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body });
    expect(failed.status).toBe(503);
    expect(failed.json.error).toMatchObject({ code: "write_failed", retryable: true });

    const [unchanged] = await db().select().from(pupils).where(eq(pupils.id, pupil.id));
    expect(unchanged).toMatchObject({ stage: "concernRecorded", version: 1 });
    expect(await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupil.id))).toHaveLength(1);
    expect(await db().select().from(clocks).where(eq(clocks.pupilId, pupil.id))).toEqual([]);
    expect(await db().select().from(outbox).where(eq(outbox.pupilId, pupil.id))).toEqual([]);

    await healD1Of(pupil.id);
    const retried = await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body });
    expect(retried.status).toBe(200);
    expect(retried.json.pupil).toMatchObject({ stage: "schoolAction", version: 2 });
    await assertOneOrder(pupil.id, 1, 1);
  });
});

describe("closing a record races the moves on it", () => {
  it("20 parallel closes and moves on one pupil: no 5xx, one order, a gapless history", async () => {
    const { school, senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    const reviewIds = await reviewsFor(pupil.id, school.id, 10);
    const moves = conflictingMoves(10, reviewIds).map((body) => () => api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body }));
    const closes = Array.from(
      { length: 10 },
      (_, i) => () => api(`/api/pupils/${pupil.id}/close`, { headers: senco.headers, body: { reason: `Left the school (${i})` } }),
    );
    // Interleaved, so closes arrive among the moves rather than after them.
    const requests = moves.flatMap((move, i) => [move, closes[i]!]);
    const responses = await Promise.all(requests.map((request) => request()));

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const closeAnswers = responses.filter((_, i) => i % 2 === 1);
    expect(closeAnswers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of closeAnswers.filter((r) => r.status === 409)) expect(refused.json.error.code).toBe("pupil_closed");
    for (const refused of responses.filter((r, i) => i % 2 === 0 && r.status === 409))
      expect(["stale_version", "pupil_closed"]).toContain(refused.json.error.code);

    // One order: seq 1..n without a gap, each event starting where the last ended, the closure last of all.
    const events = await db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupil.id)).orderBy(asc(pupilEvents.seq));
    const acceptedMoves = responses.filter((r, i) => i % 2 === 0 && r.status === 200).length;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1 + acceptedMoves + 1 }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]!.fromStage).toBe(events[i - 1]!.toStage);
    expect(events.at(-1)).toMatchObject({ move: "closeRecord" });
    const [stored] = await db().select().from(pupils).where(eq(pupils.id, pupil.id));
    expect(stored).toMatchObject({ version: events.at(-1)!.seq });
    expect(stored!.closedAt).not.toBeNull();
    expect((await db().select().from(clocks).where(eq(clocks.pupilId, pupil.id))).filter((c) => c.stoppedAt === null)).toEqual([]);
    expect(await pupilCaseFor(env, pupil.id).serialisation()).toEqual({ maxConcurrentWrites: 1, writeConflicts: 0 });
  });
});
