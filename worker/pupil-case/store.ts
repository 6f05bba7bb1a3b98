import { and, eq, gte, isNull, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  assessmentRequests,
  closureDays,
  clocks,
  localAuthorities,
  outbox,
  parentMeetings,
  plans,
  pupilEvents,
  pupils,
  recordsOfConcern,
  reviews,
  schools,
  specialistInvolvements,
} from "../../schema/tables";
import type { FormKind, Region } from "../../schema/vocab";
import type { Db } from "../app-env";
import { storeAudit, type AuditRecord } from "../audit/record";
import { pupilQuery, runningClocksOf, type PupilRow, type RunningClockView } from "../pupils/queries";
import { resolveTimescales, type Timescales } from "../workflow/timescales";
import type { Effect, FormReference, PupilCaseState, PupilEventRecord } from "../workflow/transition";

/** A pupil's workflow state with what its clocks need: the school's region, the LA's timescales and closures. */
export type LoadedCase = {
  pupilId: string;
  schoolId: string;
  laId: string;
  closed: boolean;
  state: PupilCaseState;
  region: Region;
  timescales: Timescales;
  closures: ReadonlySet<string>;
  /** The kinds of clock running for the pupil now: some form rules act only where a clock runs. */
  runningClocks: ReadonlySet<string>;
};

export async function loadPupilCase(db: Db, pupilId: string, today: string): Promise<LoadedCase | null> {
  const laOfPupil = db.select({ laId: pupils.laId }).from(pupils).where(eq(pupils.id, pupilId));
  // One round trip: the object holds the pupil's lock while it loads, so every trip here delays the next move.
  const [[row], closures, running] = await db.batch([
    db
      .select({
        schoolId: pupils.schoolId,
        laId: pupils.laId,
        closedAt: pupils.closedAt,
        framework: pupils.framework,
        stage: pupils.stage,
        cycle: pupils.cycle,
        version: pupils.version,
        region: schools.region,
        timescaleOverrides: localAuthorities.timescaleOverrides,
      })
      .from(pupils)
      .innerJoin(schools, eq(schools.id, pupils.schoolId))
      .innerJoin(localAuthorities, eq(localAuthorities.id, pupils.laId))
      .where(eq(pupils.id, pupilId)),
    // Only closures from today on can fall inside a clock started today.
    db.select({ date: closureDays.date }).from(closureDays).where(and(eq(closureDays.laId, laOfPupil), gte(closureDays.date, today))),
    db.select({ kind: clocks.kind }).from(clocks).where(and(eq(clocks.pupilId, pupilId), isNull(clocks.stoppedAt))),
  ]);
  if (!row) return null;
  return {
    pupilId,
    schoolId: row.schoolId,
    laId: row.laId,
    closed: row.closedAt !== null,
    state: { framework: row.framework, stage: row.stage, cycle: row.cycle, version: row.version },
    region: row.region,
    timescales: resolveTimescales(row.timescaleOverrides),
    closures: new Set(closures.map((c) => c.date)),
    runningClocks: new Set(running.map((c) => c.kind)),
  };
}

const formTables = {
  recordOfConcern: recordsOfConcern,
  plan: plans,
  review: reviews,
  parentMeeting: parentMeetings,
  specialistInvolvement: specialistInvolvements,
  assessmentRequest: assessmentRequests,
} satisfies Record<FormKind, unknown>;

/** Is the named form a record of this pupil? A move may only cite the pupil's own forms. */
export async function formBelongsToPupil(db: Db, form: FormReference, pupilId: string): Promise<boolean> {
  const table = formTables[form.kind];
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, form.id), eq(table.pupilId, pupilId)))
    .get();
  return found !== undefined;
}

export type Statement = BatchItem<"sqlite">;

function effectStatements(db: Db, loaded: LoadedCase, at: string, event: PupilEventRecord | null, effect: Effect): Statement[] {
  const { pupilId } = loaded;
  switch (effect.kind) {
    case "stopClock":
      return [
        db
          .update(clocks)
          .set({ stoppedAt: at, stoppedBySeq: event?.seq ?? null })
          .where(
            and(
              eq(clocks.pupilId, pupilId),
              eq(clocks.kind, effect.clock),
              isNull(clocks.stoppedAt),
              effect.subject ? and(eq(clocks.subjectKind, effect.subject.kind), eq(clocks.subjectId, effect.subject.id)) : undefined,
            ),
          ),
      ];
    case "startClock":
      return [
        db.insert(clocks).values({
          id: crypto.randomUUID(),
          pupilId,
          schoolId: loaded.schoolId,
          laId: loaded.laId,
          kind: effect.clock,
          subjectKind: effect.subject?.kind ?? null,
          subjectId: effect.subject?.id ?? null,
          startedOn: effect.startedOn,
          dueOn: effect.dueOn,
          timescale: { amount: effect.timescale.amount, unit: effect.timescale.unit, source: effect.timescale.source },
          startedBySeq: event?.seq ?? null,
        }),
      ];
    case "recordDecisionOnForm": {
      const where = (table: typeof recordsOfConcern | typeof reviews): SQL | undefined =>
        and(eq(table.id, effect.form.id), eq(table.pupilId, pupilId));
      if (effect.form.kind === "recordOfConcern") {
        return [db.update(recordsOfConcern).set({ sencoAction: effect.move }).where(where(recordsOfConcern))];
      }
      if (effect.form.kind === "review") {
        return [db.update(reviews).set({ decision: effect.move }).where(where(reviews))];
      }
      return [];
    }
    case "notify":
      // Only a move notifies, so there is always an event here.
      return event
        ? [
            db.insert(outbox).values({
              id: crypto.randomUUID(),
              laId: loaded.laId,
              schoolId: loaded.schoolId,
              pupilId,
              audience: effect.audience,
              template: effect.obligation,
              payload: { move: event.move, fromStage: event.fromStage, toStage: event.toStage, at: event.at },
              dedupeKey: `${pupilId}:${event.seq}:${effect.obligation}`,
              nextAttemptAt: event.at,
            }),
          ]
        : [];
  }
}

/** What one change to a pupil's case writes: the forms it brings, the move it makes (if any), the effects, and its audit entry. */
export type Change = {
  at: string;
  forms: readonly Statement[];
  move: { next: PupilCaseState; event: PupilEventRecord } | null;
  effects: readonly Effect[];
  audit: AuditRecord | null;
};

/** The pupil and their running clocks as the change left them. */
export type CaseAfterChange = { pupil: PupilRow; runningClocks: RunningClockView[] };

/**
 * Writes a change as one atomic D1 batch: any forms it brings, the event, the pupil's new stage and version,
 * every effect and the audit entry. The event insert is guarded by a trigger (seq must be version + 1), so a stale
 * writer aborts the whole batch and nothing is half-written. The batch ends by reading the pupil back, inside the
 * same transaction, so the answer to the caller costs no round trip of its own.
 */
export async function writeChange(db: Db, loaded: LoadedCase, change: Change): Promise<CaseAfterChange> {
  const { move } = change;
  const writes: Statement[] = [
    ...change.forms,
    ...(move
      ? [
          db.insert(pupilEvents).values({ pupilId: loaded.pupilId, ...move.event }),
          db
            .update(pupils)
            .set({ stage: move.next.stage, cycle: move.next.cycle, version: move.next.version })
            .where(and(eq(pupils.id, loaded.pupilId), eq(pupils.version, loaded.state.version))),
        ]
      : []),
    ...change.effects.flatMap((effect) => effectStatements(db, loaded, change.at, move?.event ?? null, effect)),
    ...(change.audit ? [storeAudit(db, change.audit)] : []),
  ];
  const [firstWrite, ...moreWrites] = writes;
  if (!firstWrite) throw new Error("a change to a pupil's case writes at least one row");
  const results = await db.batch([firstWrite, ...moreWrites, pupilQuery(db, loaded.pupilId), runningClocksOf(db, loaded.pupilId)]);
  // The last two results are the reads appended after the writes.
  const [[pupil], runningClocks] = results.slice(-2) as [PupilRow[], RunningClockView[]];
  if (!pupil) throw new Error(`pupil ${loaded.pupilId} vanished during a change`);
  return { pupil, runningClocks };
}

/** Did D1 refuse the batch because a form's one-time key was already stored (a double submission; the caller answers it)? */
export const isRepeatedOneTimeKey = (error: unknown) => /UNIQUE constraint failed: \w+\.(?:pupil|school)_id, \w+\.idempotency_key/.test(error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error));

/** Did D1 refuse the batch because another writer got there first? (the guard triggers in migrations/0001) */
export function isStaleWrite(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return /stale_version|UNIQUE constraint failed: pupil_events/.test(text);
}
