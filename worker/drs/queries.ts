import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { clocks, drsReferralSteps, drsReferrals, pupils } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { daysBetween } from "../calendar/working-days";
import { drsProcedure, drsStepDefinition, drsStepLabel, nextDrsSteps } from "../workflow/drs-procedure";
import { frameworkFor } from "../workflow/frameworks";

export type ReferralScope = { id: string; pupilId: string; schoolId: string; laId: string };

export async function readReferralScope(db: Db, referralId: string): Promise<ReferralScope | null> {
  const row = await db
    .select({ id: drsReferrals.id, pupilId: drsReferrals.pupilId, schoolId: drsReferrals.schoolId, laId: drsReferrals.laId })
    .from(drsReferrals)
    .where(eq(drsReferrals.id, referralId))
    .get();
  return row ?? null;
}

type ClockRow = { kind: string; startedOn: string; dueOn: string; stoppedAt: string | null };

/** A deadline as people read it: running or met, and missed if it passed before its step was recorded. */
export function deadlineView({ kind, startedOn, dueOn, stoppedAt }: ClockRow, today: string) {
  const stoppedOn = stoppedAt?.slice(0, 10) ?? null;
  const missed = stoppedOn ? stoppedOn > dueOn : today > dueOn;
  return { clock: kind, startedOn, dueOn, stoppedAt, running: stoppedOn === null, missed, daysOverdue: missed ? daysBetween(dueOn, stoppedOn ?? today) : 0 };
}

/** The referrals' clocks by due date, through the clocks_by_subject index. */
const subjectClocks = (db: Db, referralIds: string[], runningOnly = false) =>
  db
    .select({
      subjectId: clocks.subjectId,
      kind: clocks.kind,
      startedOn: clocks.startedOn,
      dueOn: clocks.dueOn,
      stoppedAt: clocks.stoppedAt,
      timescale: clocks.timescale,
    })
    .from(clocks)
    .where(and(eq(clocks.subjectKind, "drsReferral"), inArray(clocks.subjectId, referralIds), runningOnly ? isNull(clocks.stoppedAt) : undefined))
    .orderBy(asc(clocks.dueOn));

/** One referral with its steps, its deadlines, the steps that may follow and where an appeal goes. */
export async function referralView(db: Db, referralId: string, today: string) {
  const row = await db
    .select({ referral: drsReferrals, framework: pupils.framework, givenName: pupils.givenName, familyName: pupils.familyName })
    .from(drsReferrals)
    .innerJoin(pupils, eq(pupils.id, drsReferrals.pupilId))
    .where(eq(drsReferrals.id, referralId))
    .get();
  if (!row) return null;
  const [steps, deadlines] = await db.batch([
    db.select().from(drsReferralSteps).where(eq(drsReferralSteps.referralId, referralId)).orderBy(asc(drsReferralSteps.createdAt), asc(sql`rowid`)),
    subjectClocks(db, [referralId]),
  ]);
  const { referral } = row;
  const { words, jurisdiction } = frameworkFor(row.framework);
  return {
    ...referral,
    pupilName: `${row.givenName} ${row.familyName}`,
    currentStepLabel: drsStepLabel(referral.currentStep, words),
    nextSteps: nextDrsSteps(referral.currentStep).map((step) => {
      const { recordedBy, source } = drsStepDefinition(step);
      return { step, label: drsStepLabel(step, words), recordedBy, source };
    }),
    steps: steps.map((step) => ({ ...step, label: drsStepLabel(step.step, words) })),
    deadlines: deadlines.map((clock) => ({ ...deadlineView(clock, today), timescale: clock.timescale })),
    appeal: drsProcedure.appeal[jurisdiction],
  };
}

/** Referrals the caller may see (an LA officer's LA, a SENCO's or head's schools), each with its next deadline. */
export async function listReferrals(db: Db, caller: StaffCaller, filter: { pupilId?: string | undefined }, today: string) {
  const scope =
    caller.role === "laOfficer" && caller.laId
      ? eq(drsReferrals.laId, caller.laId)
      : inArray(drsReferrals.schoolId, caller.schoolIds.length ? caller.schoolIds : [""]);
  const rows = await db
    .select({
      id: drsReferrals.id,
      pupilId: drsReferrals.pupilId,
      pupilName: sql<string>`${pupils.givenName} || ' ' || ${pupils.familyName}`,
      schoolId: drsReferrals.schoolId,
      currentStep: drsReferrals.currentStep,
      framework: pupils.framework,
      createdAt: drsReferrals.createdAt,
    })
    .from(drsReferrals)
    .innerJoin(pupils, eq(pupils.id, drsReferrals.pupilId))
    .where(and(scope, filter.pupilId ? eq(drsReferrals.pupilId, filter.pupilId) : undefined))
    .orderBy(desc(drsReferrals.createdAt))
    .limit(500);
  const running = rows.length
    ? await subjectClocks(
        db,
        rows.map((r) => r.id),
        true,
      )
    : [];
  return rows.map((referral) => {
    const own = running.filter((clock) => clock.subjectId === referral.id).map((clock) => deadlineView(clock, today));
    return {
      ...referral,
      currentStepLabel: drsStepLabel(referral.currentStep, frameworkFor(referral.framework).words),
      nextDeadline: own[0] ?? null,
      missedDeadlines: own.filter((clock) => clock.missed).length,
    };
  });
}
