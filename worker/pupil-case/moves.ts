import type { BatchItem } from "drizzle-orm/batch";
import { recordsOfConcern } from "../../schema/tables";
import type { RecordOfConcernInput } from "../../schema/inputs";
import type { Db } from "../app-env";
import type { Obligation } from "../workflow/definition";
import { frameworkFor } from "../workflow/frameworks";
import { allowedMoves, transition, type MoveCommand, type PupilCaseState, type PupilEventRecord, type Refusal } from "../workflow/transition";
import { formBelongsToPupil, isStaleWrite, loadPupilCase, writeMove, type LoadedCase } from "./store";

export type CaseRefusal =
  | Refusal
  | { code: "pupil_not_found"; message: string }
  | { code: "pupil_closed"; message: string }
  | { code: "form_not_found"; message: string; formKind: string; formId: string };

export type MoveOutcome =
  | { ok: true; state: PupilCaseState; event: PupilEventRecord; obligations: Obligation[] }
  | { ok: false; refusal: CaseRefusal }
  | { ok: false; writeFailed: { message: string } };

const pupilNotFound = { ok: false, refusal: { code: "pupil_not_found", message: "Pupil not found" } } as const;

type Unloadable = { ok: false; refusal: CaseRefusal };

async function load(db: Db, pupilId: string, at: string): Promise<LoadedCase | Unloadable> {
  const loaded = await loadPupilCase(db, pupilId, at.slice(0, 10));
  if (!loaded) return pupilNotFound;
  if (loaded.closed) return { ok: false, refusal: { code: "pupil_closed", message: "The pupil's record is closed" } };
  return loaded;
}

/** Writes the move, turning a write that lost a race into the same refusal the workflow gives a stale version. */
async function commit(
  db: Db,
  loaded: LoadedCase,
  decided: Extract<ReturnType<typeof transition>, { ok: true }>,
  formsFirst: readonly BatchItem<"sqlite">[] = [],
  onConflict: () => void = () => {},
): Promise<MoveOutcome> {
  try {
    await writeMove(db, loaded, decided.state, decided.event, decided.effects, formsFirst);
  } catch (error) {
    if (isStaleWrite(error)) {
      onConflict();
      return {
        ok: false,
        refusal: {
          code: "stale_version",
          message: "Another change to this pupil's record was saved first",
          currentVersion: loaded.state.version + 1,
          currentStage: loaded.state.stage,
        },
      };
    }
    console.error("move write failed", error);
    return { ok: false, writeFailed: { message: "The move could not be saved; nothing was changed. Try again." } };
  }
  return { ok: true, state: decided.state, event: decided.event, obligations: decided.obligations };
}

export type MoveHooks = { onWriteConflict?: () => void };

/** Load, decide, write: one move on one pupil. Callers serialise per pupil (the PupilCase Durable Object). */
export async function applyMove(db: Db, pupilId: string, command: MoveCommand, at: string, hooks: MoveHooks = {}): Promise<MoveOutcome> {
  const loaded = await load(db, pupilId, at);
  if (!("state" in loaded)) return loaded;
  const framework = frameworkFor(loaded.state.framework);
  const decided = transition(framework, loaded.state, command, {
    at,
    timescales: loaded.timescales,
    region: loaded.region,
    closures: loaded.closures,
  });
  if (!decided.ok) return decided;
  const citedForm = decided.event.formKind && decided.event.formId ? { kind: decided.event.formKind, id: decided.event.formId } : null;
  if (citedForm && !(await formBelongsToPupil(db, citedForm, pupilId))) {
    return {
      ok: false,
      refusal: {
        code: "form_not_found",
        message: `No ${citedForm.kind} ${citedForm.id} is recorded for this pupil`,
        formKind: citedForm.kind,
        formId: citedForm.id,
      },
    };
  }
  return commit(db, loaded, decided, [], hooks.onWriteConflict);
}

export type ConcernOutcome =
  | { ok: true; concernId: string; moved: MoveOutcome | null }
  | { ok: false; refusal: CaseRefusal }
  | { ok: false; writeFailed: { message: string } };

/**
 * A member of staff records a concern (seed 000). Where the framework lets the pupil move on a concern from their
 * current stage, the concern and the move are written together; otherwise the concern is recorded on its own.
 */
export async function raiseConcern(
  db: Db,
  pupilId: string,
  concern: RecordOfConcernInput,
  actor: MoveCommand["actor"],
  at: string,
  hooks: MoveHooks = {},
): Promise<ConcernOutcome> {
  const loaded = await load(db, pupilId, at);
  if (!("state" in loaded)) return loaded;
  const concernId = crypto.randomUUID();
  const insertConcern = db.insert(recordsOfConcern).values({
    ...concern,
    id: concernId,
    pupilId,
    schoolId: loaded.schoolId,
    raisedBy: "staff",
    raisedByUserId: actor.userId,
    createdAt: at,
  });
  const framework = frameworkFor(loaded.state.framework);
  if (!allowedMoves(framework, loaded.state.stage).includes("raiseConcern")) {
    try {
      await insertConcern;
    } catch (error) {
      console.error("concern write failed", error);
      return { ok: false, writeFailed: { message: "The concern could not be saved. Try again." } };
    }
    return { ok: true, concernId, moved: null };
  }
  const decided = transition(
    framework,
    loaded.state,
    {
      move: "raiseConcern",
      expectedVersion: loaded.state.version,
      actor,
      reason: null,
      form: { kind: "recordOfConcern", id: concernId },
    },
    { at, timescales: loaded.timescales, region: loaded.region, closures: loaded.closures },
  );
  if (!decided.ok) return decided;
  const moved = await commit(db, loaded, decided, [insertConcern], hooks.onWriteConflict);
  if (!moved.ok) return moved;
  return { ok: true, concernId, moved };
}
