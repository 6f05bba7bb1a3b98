import type { AssessmentRequestKind, assessmentRequesters, EhcStep, FormKind, LaAssessmentDecision } from "../../schema/vocab";
import type { IsoDate } from "../calendar/working-days";
import type { Obligation } from "./definition";
import type { DrsMailAudience } from "./drs-procedure";
import type { ClockKind, Timescale } from "./timescales";

export type FormReference = { kind: FormKind; id: string };

/** What a clock runs for: one of the pupil's forms, or a DRS referral. */
export type ClockSubject = FormReference | { kind: "drsReferral"; id: string };

/** The columns of a form the workflow itself decides, by form kind: the decision it records and what follows from it. */
export type FormColumns = {
  recordOfConcern: { sencoAction: string };
  review: { decision: string };
  assessmentRequest: { laDecisionOn: IsoDate; laDecision?: LaAssessmentDecision; planIssuedOn?: IsoDate };
};

export type FormColumnsWrite = {
  [K in keyof FormColumns]: { kind: "writeFormColumns"; form: { kind: K; id: string }; columns: FormColumns[K] };
}[keyof FormColumns];

/**
 * A request for assessment as the LA works from it, however the school asks: on the request's own form, or by a
 * review's decision (the 2001 Code's School Action Plus review requests Statutory Assessment). The id, the words and the
 * evidence come with the form; the kind of request is the framework's.
 */
export type AssessmentRequestOpening = {
  id: string;
  requestedBy: (typeof assessmentRequesters)[number];
  requestedOn: IsoDate;
  parentsConsultedOn: IsoDate | null;
  reasons: string;
  /** The records gathered as evidence of SEN support when the request was made (SEND Code 6.63, 6.73). */
  evidence: { kind: string; id: string }[];
  createdByUserId: string | null;
  /** The one-time key of the form that asked (a double submission opens one request); none where a review asked. */
  idempotencyKey?: string | null;
};

/**
 * Everything a decision asks the world to do, as data: one language for moves, forms, DRS steps and closing a
 * record, performed by one interpreter (pupil-case/effects.ts).
 */
export type Effect =
  /** With a subject, only that record's clock stops; without, every running clock of the kind. */
  | { kind: "stopClock"; clock: ClockKind; subject?: ClockSubject }
  | { kind: "startClock"; clock: ClockKind; startedOn: IsoDate; dueOn: IsoDate; timescale: Timescale; subject?: ClockSubject }
  /** The pupil's own clock (started by the LA decision's move) becomes the subject's: one window, alerted once. */
  | { kind: "adoptClock"; clock: ClockKind; clockId: string; subject?: ClockSubject }
  /** Mail of a DRS step to one party; its template is named after the step. */
  | { kind: "queueMail"; audience: DrsMailAudience; template: string }
  | FormColumnsWrite
  /** The request the LA decides on is stored, of the framework's kind. */
  | { kind: "openAssessmentRequest"; request: AssessmentRequestOpening & { kind: AssessmentRequestKind } }
  /** An obligation of a move that someone outside the school must hear of. */
  | { kind: "notify"; audience: "parents" | "authority"; obligation: Obligation }
  /** A step of the EHC process, stored with the day it happened apart from when and by whom it was recorded. */
  | {
      kind: "recordEhcStep";
      id: string;
      step: EhcStep;
      happenedOn: IsoDate;
      transfer: { transferOn: IsoDate; toPostSixteen: boolean } | null;
      recordedByUserId: string | null;
      recordedAt: string;
    }
  /** The record is closed: every running clock stops, no more moves; it waits for erasure. */
  | { kind: "closeRecord" }
  /** The record moves to another school (and perhaps LA): every row of the child's goes with them; the old school's own lists let go. */
  | { kind: "changeSchool"; schoolId: string; laId: string };

export type StartedClock = Extract<Effect, { kind: "startClock" }>;

/** A started clock as the row that stores it: one shape for the interpreter and for enrolment, which has no case yet. */
export function startedClockRow(id: string, scope: { pupilId: string; schoolId: string; laId: string }, effect: StartedClock, startedBySeq: number | null) {
  return {
    id,
    ...scope,
    kind: effect.clock,
    subjectKind: effect.subject?.kind ?? null,
    subjectId: effect.subject?.id ?? null,
    startedOn: effect.startedOn,
    dueOn: effect.dueOn,
    timescale: { amount: effect.timescale.amount, unit: effect.timescale.unit, source: effect.timescale.source },
    startedBySeq,
  };
}
