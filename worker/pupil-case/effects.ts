import { and, eq, isNull } from "drizzle-orm";
import {
  alerts,
  assessmentRequests,
  clocks,
  drsReferrals,
  ehcStepRecords,
  interventionPupils,
  outbox,
  parentLinks,
  parentMeetings,
  parentViews,
  plans,
  pupilEvents,
  pupils,
  recordsOfConcern,
  reviews,
  senHistory,
  specialistInvolvements,
  teachingAssignments,
  invitationTeaching,
} from "../../schema/tables";
import type { Db } from "../app-env";
import { outboxRow } from "../mail/outbox";
import type { Decision } from "../workflow/decide";
import { startedClockRow, type ClockSubject, type Effect } from "../workflow/effects";
import type { PupilCaseState } from "../workflow/transition";
import type { CaseScope, Statement } from "./load";

const ofSubject = (subject: ClockSubject | undefined) => (subject ? and(eq(clocks.subjectKind, subject.kind), eq(clocks.subjectId, subject.id)) : undefined);

function effectStatements(db: Db, scope: CaseScope, decision: Decision, at: string, effect: Effect): Statement[] {
  const { pupilId } = scope;
  const seq = decision.event?.seq ?? null;
  switch (effect.kind) {
    case "stopClock":
      return [
        db
          .update(clocks)
          .set({ stoppedAt: at, stoppedBySeq: seq })
          .where(and(eq(clocks.pupilId, pupilId), eq(clocks.kind, effect.clock), isNull(clocks.stoppedAt), ofSubject(effect.subject))),
      ];
    case "startClock":
      return [db.insert(clocks).values(startedClockRow(crypto.randomUUID(), { pupilId, schoolId: scope.schoolId, laId: scope.laId }, effect, seq))];
    case "adoptClock":
      return [
        db
          .update(clocks)
          .set({ subjectKind: effect.subject?.kind ?? null, subjectId: effect.subject?.id ?? null })
          .where(and(eq(clocks.id, effect.clockId), eq(clocks.pupilId, pupilId), isNull(clocks.subjectKind))),
      ];
    case "writeFormColumns": {
      const { form, columns } = effect;
      if ("sencoAction" in columns) {
        return [
          db
            .update(recordsOfConcern)
            .set(columns)
            .where(and(eq(recordsOfConcern.id, form.id), eq(recordsOfConcern.pupilId, pupilId))),
        ];
      }
      if ("decision" in columns)
        return [
          db
            .update(reviews)
            .set(columns)
            .where(and(eq(reviews.id, form.id), eq(reviews.pupilId, pupilId))),
        ];
      return [
        db
          .update(assessmentRequests)
          .set(columns)
          .where(and(eq(assessmentRequests.id, form.id), eq(assessmentRequests.pupilId, pupilId))),
      ];
    }
    case "openAssessmentRequest":
      return [db.insert(assessmentRequests).values({ ...effect.request, pupilId, schoolId: scope.schoolId, laId: scope.laId, createdAt: at })];
    case "notify": {
      const { event } = decision;
      // Only a move notifies, so there is always an event here.
      if (!event) return [];
      const payload = { move: event.move, fromStage: event.fromStage, toStage: event.toStage, at: event.at };
      return [
        db.insert(outbox).values(
          outboxRow({
            ...scope,
            audience: effect.audience,
            template: effect.obligation,
            payload,
            dedupeKey: `${pupilId}:${event.seq}:${effect.obligation}`,
            at: event.at,
          }),
        ),
      ];
    }
    case "queueMail": {
      const { referral } = decision;
      const step = referral?.steps.at(-1)?.step;
      if (!referral || !step) return [];
      const payload = { referralId: referral.id, step, at };
      return [
        db.insert(outbox).values(
          outboxRow({
            ...scope,
            audience: effect.audience,
            template: effect.template,
            payload,
            dedupeKey: `drs:${referral.id}:${step}:${effect.audience}`,
            at,
          }),
        ),
      ];
    }
    case "recordEhcStep":
      return [
        db.insert(ehcStepRecords).values({
          id: effect.id,
          ...scope,
          step: effect.step,
          happenedOn: effect.happenedOn,
          transferOn: effect.transfer?.transferOn ?? null,
          toPostSixteen: effect.transfer?.toPostSixteen ?? null,
          recordedByUserId: effect.recordedByUserId,
          recordedAt: effect.recordedAt,
        }),
      ];
    case "closeRecord":
      return [
        db.update(pupils).set({ closedAt: at }).where(eq(pupils.id, pupilId)),
        db
          .update(clocks)
          .set({ stoppedAt: at, stoppedBySeq: seq })
          .where(and(eq(clocks.pupilId, pupilId), isNull(clocks.stoppedAt))),
      ];
    case "changeSchool":
      return changeSchoolStatements(db, pupilId, effect);
  }
}

/** The child's own records, kept by whichever school (and LA) the child is at. */
const recordsOfSchool = [recordsOfConcern, plans, reviews, specialistInvolvements, parentMeetings, parentViews] as const;
const recordsOfSchoolAndLa = [drsReferrals, assessmentRequests, clocks, parentLinks, alerts, ehcStepRecords, senHistory] as const;

/**
 * A transfer: the record goes with the child, clocks keep their dates and timescales; who teaches the child and which
 * of the old school's interventions they were in are the old school's lists, so the child leaves them.
 */
function changeSchoolStatements(db: Db, pupilId: string, to: { schoolId: string; laId: string }): Statement[] {
  return [
    db.update(pupils).set({ schoolId: to.schoolId, laId: to.laId }).where(eq(pupils.id, pupilId)),
    ...recordsOfSchool.map((table) => db.update(table).set({ schoolId: to.schoolId }).where(eq(table.pupilId, pupilId))),
    ...recordsOfSchoolAndLa.map((table) => db.update(table).set({ schoolId: to.schoolId, laId: to.laId }).where(eq(table.pupilId, pupilId))),
    db.delete(teachingAssignments).where(eq(teachingAssignments.pupilId, pupilId)),
    db.delete(invitationTeaching).where(eq(invitationTeaching.pupilId, pupilId)),
    db.delete(interventionPupils).where(eq(interventionPupils.pupilId, pupilId)),
  ];
}

/**
 * The one interpreter: a decision as the statements of one atomic D1 batch. The event insert is guarded by a
 * trigger (seq must be version + 1) and the pupil's update by the version read, so a stale writer aborts the whole
 * batch and nothing is half-written.
 */
export function effectsToStatements(db: Db, scope: CaseScope, read: PupilCaseState, decision: Decision, at: string): Statement[] {
  const { event, state } = decision;
  return [
    ...(event
      ? [
          db.insert(pupilEvents).values({ pupilId: scope.pupilId, ...event }),
          db
            .update(pupils)
            .set({ stage: state.stage, cycle: state.cycle, version: state.version })
            .where(and(eq(pupils.id, scope.pupilId), eq(pupils.version, read.version))),
        ]
      : []),
    ...decision.effects.flatMap((effect) => effectStatements(db, scope, decision, at, effect)),
  ];
}

/** Did D1 refuse the batch because a form's one-time key was already stored (a double submission; the caller answers it)? */
export const isRepeatedOneTimeKey = (error: unknown) =>
  /UNIQUE constraint failed: \w+\.(?:pupil|school)_id, \w+\.idempotency_key/.test(
    error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error),
  );

/** Did D1 refuse the batch because another writer got there first? (the guard triggers in migrations/0001) */
export function isStaleWrite(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return /stale_version|UNIQUE constraint failed: pupil_events/.test(text);
}
