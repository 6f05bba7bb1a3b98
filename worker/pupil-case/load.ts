import { and, eq, gte, isNull, max, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  assessmentRequests,
  closureDays,
  clocks,
  drsReferralSteps,
  drsReferrals,
  localAuthorities,
  parentMeetings,
  plans,
  pupils,
  recordsOfConcern,
  reviews,
  schools,
  specialistInvolvements,
} from "../../schema/tables";
import type { FormKind, Region } from "../../schema/vocab";
import type { Db } from "../app-env";
import type { CaseRefusal, DecideContext, LoadedCase } from "../workflow/decide";
import type { DrsReferralState } from "../workflow/drs";
import type { FormReference } from "../workflow/effects";
import { frameworkFor } from "../workflow/frameworks";
import { isStageOf } from "../workflow/ids";
import { overridesOf, timescalesInForceQuery } from "../las/settings";
import { resolveTimescales } from "../workflow/timescales";

export type Statement = BatchItem<"sqlite">;

/** Whose the rows a change writes are: the pupil, their school and their LA. */
export type CaseScope = { pupilId: string; schoolId: string; laId: string };

/** A record a form names, looked up in the loader's batch: a query that finds it, and the refusal if it does not. */
export type Reference = { exists: Statement; refusal: CaseRefusal };

/** What a command names beyond the pupil: the form a move cites, the records a form names, the referral a step is for. */
export type Reads = { citedForm?: FormReference | null; references?: readonly Reference[]; referralId?: string };

export type ReferralRow = typeof drsReferrals.$inferSelect;

export type Loaded = { scope: CaseScope; loaded: LoadedCase; context: DecideContext; referralRow: ReferralRow | null };

const formTables = {
  recordOfConcern: recordsOfConcern,
  plan: plans,
  review: reviews,
  parentMeeting: parentMeetings,
  specialistInvolvement: specialistInvolvements,
  assessmentRequest: assessmentRequests,
} satisfies Record<FormKind, unknown>;

/** Finds the named form among this pupil's records: a move may only cite the pupil's own forms. */
export function formOfPupil(db: Db, form: FormReference, pupilId: string): Statement {
  const table = formTables[form.kind];
  return db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, form.id), eq(table.pupilId, pupilId)))
    .limit(1);
}

const found = (rows: unknown) => Array.isArray(rows) && rows.length > 0;

function baseReads(db: Db, pupilId: string, occurredOn: string, closuresFrom: string) {
  const laOfPupil = db.select({ laId: pupils.laId }).from(pupils).where(eq(pupils.id, pupilId));
  return [
    db
      .select({
        schoolId: pupils.schoolId,
        laId: pupils.laId,
        closedAt: pupils.closedAt,
        framework: pupils.framework,
        stage: pupils.stage,
        cycle: pupils.cycle,
        version: pupils.version,
        dateOfBirth: pupils.dateOfBirth,
        yearGroup: pupils.yearGroup,
        region: schools.region,
        // Aliased: D1 answers a batch by column name, and two columns named "region" would collide.
        authorityRegion: sql<Region>`${localAuthorities.region}`.as("authority_region"),
      })
      .from(pupils)
      .innerJoin(schools, eq(schools.id, pupils.schoolId))
      .innerJoin(localAuthorities, eq(localAuthorities.id, pupils.laId))
      .where(eq(pupils.id, pupilId)),
    // Only closures from the day the change happened on can fall inside a clock it starts.
    db
      .select({ date: closureDays.date })
      .from(closureDays)
      .where(and(eq(closureDays.laId, laOfPupil), gte(closureDays.date, closuresFrom))),
    db
      .select({ id: clocks.id, kind: clocks.kind, startedOn: clocks.startedOn, subjectKind: clocks.subjectKind })
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupilId), isNull(clocks.stoppedAt))),
    // A mediation certificate may come after the decision's window has closed: the decision's day is kept regardless.
    db
      .select({ on: max(clocks.startedOn) })
      .from(clocks)
      .where(and(eq(clocks.pupilId, pupilId), eq(clocks.kind, "tribunalAppealWindow"))),
    // The LA's setting in force on the day the thing happened: a clock started late counts as it would have then.
    timescalesInForceQuery(db, laOfPupil, occurredOn),
  ] as const;
}

type Base = ReturnType<typeof baseReads>;
type BaseRows = {
  pupil: Awaited<Base[0]>;
  closures: Awaited<Base[1]>;
  running: Awaited<Base[2]>;
  lastDecision: Awaited<Base[3]>;
  timescales: Awaited<Base[4]>;
};

function referralStateOf(referral: ReferralRow, lastStepOn: string | null): DrsReferralState {
  const { currentStep, timescales, parentMediation, parentMediationOn, schoolMediation, schoolMediationOn, signedByParentOn, signedBySchoolOn } = referral;
  return {
    currentStep,
    lastStepOn: lastStepOn ?? referral.createdAt.slice(0, 10),
    timescales,
    parentMediation,
    parentMediationOn,
    schoolMediation,
    schoolMediationOn,
    signedByParentOn,
    signedBySchoolOn,
  };
}

/**
 * Everything decide() needs for one command, in one D1 round trip: the pupil's state and calendar, their running
 * clocks, and whatever the command names. The object holds the pupil's queue while it loads, so every trip here
 * would delay the next change. Null where there is no such pupil.
 */
export async function loadCase(db: Db, pupilId: string, occurredOn: string, today: string, reads: Reads): Promise<Loaded | null> {
  const from = occurredOn < today ? occurredOn : today;
  const base = baseReads(db, pupilId, occurredOn, from);
  let rows: BaseRows;
  let referralRow: ReferralRow | null = null;
  let lastStepOn: string | null = null;
  let citedFormFound = true;
  const missingReferences: CaseRefusal[] = [];
  if (reads.referralId) {
    const { referralId } = reads;
    const [pupil, closures, running, lastDecision, timescales, [referral], [last]] = await db.batch([
      ...base,
      db
        .select()
        .from(drsReferrals)
        .where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.pupilId, pupilId))),
      db
        .select({ on: max(drsReferralSteps.happenedOn) })
        .from(drsReferralSteps)
        .where(eq(drsReferralSteps.referralId, referralId)),
    ]);
    rows = { pupil, closures, running, lastDecision, timescales };
    referralRow = referral ?? null;
    lastStepOn = last?.on ?? null;
  } else {
    const references = reads.references ?? [];
    const cited = reads.citedForm ? [formOfPupil(db, reads.citedForm, pupilId)] : [];
    const [pupil, closures, running, lastDecision, timescales, ...lookups] = await db.batch([...base, ...cited, ...references.map((r) => r.exists)]);
    rows = { pupil, closures, running, lastDecision, timescales };
    if (reads.citedForm) citedFormFound = found(lookups.shift());
    references.forEach((reference, i) => {
      if (!found(lookups[i])) missingReferences.push(reference.refusal);
    });
  }
  const [row] = rows.pupil;
  if (!row) return null;
  const framework = frameworkFor(row.framework);
  if (!isStageOf(framework, row.stage)) throw new RangeError(`pupil ${pupilId} is at "${row.stage}", which is no stage of ${framework.id}`);
  const stage = row.stage;
  const { closures, running, lastDecision, timescales } = rows;
  const runningClockStarts = new Map<string, string>();
  for (const clock of running) if ((runningClockStarts.get(clock.kind) ?? "") < clock.startedOn) runningClockStarts.set(clock.kind, clock.startedOn);
  return {
    scope: { pupilId, schoolId: row.schoolId, laId: row.laId },
    loaded: {
      closed: row.closedAt !== null,
      state: { framework: row.framework, stage, cycle: row.cycle, version: row.version },
      runningClocks: new Set(running.map((c) => c.kind)),
      citedFormFound,
      missingReferences,
      referral: referralRow && referralStateOf(referralRow, lastStepOn),
      runningClockStarts,
      appealableDecisionOn: lastDecision[0]?.on ?? null,
      dateOfBirth: row.dateOfBirth,
      yearGroup: row.yearGroup,
      runningAppealWindows: running.filter((c) => c.kind === "tribunalAppealWindow" && c.subjectKind === null).map(({ id, startedOn }) => ({ id, startedOn })),
    },
    context: {
      timescales: resolveTimescales(overridesOf(timescales)),
      region: row.region,
      authorityRegion: row.authorityRegion,
      closures: new Set(closures.map((c) => c.date)),
    },
    referralRow,
  };
}
