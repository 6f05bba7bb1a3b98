import { env } from "cloudflare:test";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clocks, outbox, parentMeetings, pupilEvents, pupils, recordsOfConcern, reviews } from "../../schema/tables";
import { pupilCaseFor } from "../../worker/pupil-case";
import { failBatchesOf, healD1Of } from "../support/failing-d1";
import { reviewBody } from "../support/records";
import { api, db, schoolWithPupil } from "../support/world";

async function historyOf(pupilId: string) {
  return db().select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupilId)).orderBy(asc(pupilEvents.seq));
}

/** Gapless from 1, each event starting where the last ended, and the pupil's stage and version are the last event's. */
async function expectOneOrder(pupilId: string, events: number) {
  const history = await historyOf(pupilId);
  expect(history.map((e) => e.seq)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
  for (let i = 1; i < history.length; i++) expect(history[i]!.fromStage).toBe(history[i - 1]!.toStage);
  const [pupil] = await db().select().from(pupils).where(eq(pupils.id, pupilId));
  expect(pupil).toMatchObject({ version: history.at(-1)!.seq, stage: history.at(-1)!.toStage });
}

describe("a concern whose write fails", () => {
  it("leaves no concern, no move and no mail behind, and the same concern is saved once when sent again", async () => {
    // From the ordinary curriculum a concern moves the pupil: the concern and the move go in one batch.
    const { senco, pupil } = await schoolWithPupil("england2001");
    const concern = { areasOfConcern: ["cognitionAndLearning"], description: "Reads well below the level of peers" };
    await failBatchesOf(pupil.id);

    const failed = await api(`/api/pupils/${pupil.id}/concerns`, { headers: senco.headers, body: concern });
    expect(failed.status).toBe(503);
    expect(failed.json.error).toMatchObject({ code: "write_failed", retryable: true });
    expect(await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.pupilId, pupil.id))).toEqual([]);
    expect(await db().select().from(outbox).where(eq(outbox.pupilId, pupil.id))).toEqual([]);
    const [unchanged] = await db().select().from(pupils).where(eq(pupils.id, pupil.id));
    expect(unchanged).toMatchObject({ stage: "ordinaryCurriculum", version: 1 });
    await expectOneOrder(pupil.id, 1);

    await healD1Of(pupil.id);
    const retried = await api(`/api/pupils/${pupil.id}/concerns`, { headers: senco.headers, body: concern });
    expect(retried.status).toBe(201);
    const saved = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.pupilId, pupil.id));
    expect(saved.map((c) => c.id)).toEqual([retried.json.concernId]);
    const history = await historyOf(pupil.id);
    expect(history.at(-1)).toMatchObject({ move: "raiseConcern", toStage: "concernRecorded", formId: retried.json.concernId });
    await expectOneOrder(pupil.id, 2);
  });

  it("then a move on it that also fails changes nothing, and succeeds when retried", async () => {
    const { senco, pupil } = await schoolWithPupil("england2001");
    const raised = await api(`/api/pupils/${pupil.id}/concerns`, {
      headers: senco.headers,
      body: { areasOfConcern: ["sensory"], description: "Squints at the board" },
    });
    expect(raised.status).toBe(201);
    const move = { move: "moveToSchoolAction", expectedVersion: 2, form: { kind: "recordOfConcern", id: raised.json.concernId } };

    const [before] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, raised.json.concernId));
    await failBatchesOf(pupil.id);
    const failed = await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body: move });
    expect(failed.status).toBe(503);
    const [after] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, raised.json.concernId));
    expect(after).toEqual(before);
    expect(await db().select().from(clocks).where(eq(clocks.pupilId, pupil.id))).toEqual([]);
    await expectOneOrder(pupil.id, 2);

    await healD1Of(pupil.id);
    const retried = await api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body: move });
    expect(retried.status).toBe(200);
    expect(retried.json.pupil).toMatchObject({ stage: "schoolAction", version: 3 });
    const [decided] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.id, raised.json.concernId));
    expect(decided!.sencoAction).toBe("moveToSchoolAction");
    expect(await db().select().from(outbox).where(eq(outbox.pupilId, pupil.id))).toHaveLength(1);
    await expectOneOrder(pupil.id, 3);
  });
});

describe("a record whose write fails", () => {
  // A plan (with its targets and clock) is shown in test/records/atomic.test.ts.
  const records = [
    {
      form: "review deciding a move",
      path: "reviews",
      body: reviewBody({ decision: "instigateSchoolActionPlus", expectedVersion: 1 }),
      table: reviews,
      moves: true,
    },
    {
      form: "meeting with parents",
      path: "parent-meetings",
      body: { heldOn: "2026-10-05", attendees: [{ name: "Mrs Parent", position: "Mother" }], outcomesAgreed: "Sam will read 20 more words by December" },
      table: parentMeetings,
      moves: false,
    },
  ] as const;

  it.each(records)("a $form leaves nothing behind, and is saved once when sent again", async ({ path, body, table, moves }) => {
    const { senco, pupil } = await schoolWithPupil("england2001", "schoolAction");
    await failBatchesOf(pupil.id);
    const failed = await api(`/api/pupils/${pupil.id}/${path}`, { headers: senco.headers, body });
    expect(failed.status).toBe(503);
    expect(await db().select().from(table).where(eq(table.pupilId, pupil.id))).toEqual([]);
    await expectOneOrder(pupil.id, 1);

    await healD1Of(pupil.id);
    const retried = await api(`/api/pupils/${pupil.id}/${path}`, { headers: senco.headers, body });
    expect(retried.status).toBe(201);
    expect(await db().select().from(table).where(eq(table.pupilId, pupil.id))).toHaveLength(1);
    await expectOneOrder(pupil.id, moves ? 2 : 1);
  });
});

describe("100 concurrent moves on each of two pupils", () => {
  it("apply one at a time per pupil: a gapless history in one order, the stage the last event's", async () => {
    const cases = await Promise.all([schoolWithPupil("england2001", "schoolAction"), schoolWithPupil("england2001", "schoolAction")]);
    const requests = await Promise.all(
      cases.map(async ({ school, senco, pupil }) => {
        const reviewIds = Array.from({ length: 100 }, () => crypto.randomUUID());
        const inserts = reviewIds.map((id) =>
          db()
            .insert(reviews)
            .values({
              id,
              pupilId: pupil.id,
              schoolId: school.id,
              stage: "schoolAction",
              reviewDate: "2026-11-20",
              areasOfConcern: ["sensory"],
              evaluation: "Reviewed",
            }),
        );
        await db().batch([inserts[0]!, ...inserts.slice(1)]);
        // The k-th request names version 1 + (k mod 20) and the move that is right at that version, so at most one
        // request per version can win and the winners must chain.
        return reviewIds.map((id, k) => {
          const step = k % 20;
          const body = { move: step % 2 === 0 ? "instigateSchoolActionPlus" : "returnToSchoolAction", expectedVersion: 1 + step, form: { kind: "review", id } };
          return () => api(`/api/pupils/${pupil.id}/transitions`, { headers: senco.headers, body });
        });
      }),
    );
    const responses = await Promise.all(requests.flat().map((send) => send()));
    // Read at once: the counters live in the object's memory, which the runtime may drop once it is idle (then they
    // read 0, still "never two at once").
    const stats = await Promise.all(cases.map(({ pupil }) => pupilCaseFor(env, pupil.id).serialisation()));
    expect(responses.map((r) => r.status).filter((s) => s !== 200 && s !== 409)).toEqual([]);

    for (const [i, { pupil }] of cases.entries()) {
      const mine = responses.slice(i * 100, (i + 1) * 100);
      const accepted = mine.filter((r) => r.status === 200);
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      expect(new Set(accepted.map((r) => r.json.event.seq)).size).toBe(accepted.length);
      await expectOneOrder(pupil.id, 1 + accepted.length);
      const running = (await db().select().from(clocks).where(eq(clocks.pupilId, pupil.id))).filter((c) => c.stoppedAt === null);
      expect(running).toHaveLength(1);
      expect(stats[i]!.maxConcurrentWrites).toBeLessThanOrEqual(1);
      expect(stats[i]!.writeConflicts).toBe(0);
    }
  });
});
