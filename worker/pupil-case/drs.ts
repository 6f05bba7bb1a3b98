import { and, eq, gte, isNull, max } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { closureDays, clocks, drsReferralSteps, drsReferrals, localAuthorities, outbox, pupils, schools } from "../../schema/tables";
import type { DrsReferralInput, DrsStepInput } from "../../schema/inputs";
import type { DrsParty, DrsStep } from "../../schema/vocab";
import type { Db } from "../app-env";
import { frameworkFor } from "../workflow/frameworks";
import { drsTransition, openDrsReferral, snapshotDrsTimescales, type DrsEffect, type DrsRefusal, type DrsReferralState } from "../workflow/drs";
import { resolveTimescales } from "../workflow/timescales";

export type DrsCaseRefusal =
  | DrsRefusal
  | { code: "pupil_not_found"; message: string }
  | { code: "pupil_closed"; message: string }
  | { code: "referral_not_found"; message: string };

export type DrsOutcome =
  | { ok: true; referralId: string; currentStep: DrsStep }
  | { ok: false; refusal: DrsCaseRefusal }
  | { ok: false; writeFailed: { message: string } };

export type DrsActor = { userId: string; party: DrsParty };

type Statement = BatchItem<"sqlite">;
type Scope = { referralId: string; pupilId: string; schoolId: string; laId: string };

const refused = (refusal: DrsCaseRefusal) => ({ ok: false, refusal }) as const;

async function closuresFrom(db: Db, laId: string, from: string): Promise<ReadonlySet<string>> {
  const rows = await db.select({ date: closureDays.date }).from(closureDays).where(and(eq(closureDays.laId, laId), gte(closureDays.date, from)));
  return new Set(rows.map((row) => row.date));
}

function effectStatements(db: Db, scope: Scope, effect: DrsEffect, step: DrsStep, at: string): Statement[] {
  const subject = and(eq(clocks.subjectKind, "drsReferral"), eq(clocks.subjectId, scope.referralId));
  switch (effect.kind) {
    case "stopClock":
      return [db.update(clocks).set({ stoppedAt: at }).where(and(subject, eq(clocks.kind, effect.clock), isNull(clocks.stoppedAt)))];
    case "startClock":
      return [
        db.insert(clocks).values({
          id: crypto.randomUUID(),
          pupilId: scope.pupilId,
          schoolId: scope.schoolId,
          laId: scope.laId,
          kind: effect.clock,
          subjectKind: "drsReferral",
          subjectId: scope.referralId,
          startedOn: effect.startedOn,
          dueOn: effect.dueOn,
          timescale: { amount: effect.timescale.amount, unit: effect.timescale.unit, source: effect.timescale.source },
        }),
      ];
    case "queueMail":
      return [
        db.insert(outbox).values({
          id: crypto.randomUUID(),
          laId: scope.laId,
          schoolId: scope.schoolId,
          pupilId: scope.pupilId,
          audience: effect.audience,
          template: effect.template,
          payload: { referralId: scope.referralId, step, at },
          dedupeKey: `drs:${scope.referralId}:${step}:${effect.audience}`,
          nextAttemptAt: at,
        }),
      ];
  }
}

async function write(db: Db, statements: Statement[]): Promise<{ ok: false; writeFailed: { message: string } } | null> {
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
    return null;
  } catch (error) {
    console.error("DRS write failed", error);
    return { ok: false, writeFailed: { message: "The DRS referral could not be saved; nothing was changed. Try again." } };
  }
}

/** The school opens a referral: the referral, its first steps and any tribunal clock, in one atomic batch. */
export async function openReferral(db: Db, input: DrsReferralInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
  const pupil = await db
    .select({ schoolId: pupils.schoolId, laId: pupils.laId, framework: pupils.framework, closedAt: pupils.closedAt, region: schools.region, overrides: localAuthorities.timescaleOverrides })
    .from(pupils)
    .innerJoin(schools, eq(schools.id, pupils.schoolId))
    .innerJoin(localAuthorities, eq(localAuthorities.id, pupils.laId))
    .where(eq(pupils.id, input.pupilId))
    .get();
  if (!pupil) return refused({ code: "pupil_not_found", message: "Pupil not found" });
  if (pupil.closedAt) return refused({ code: "pupil_closed", message: "The pupil's record is closed" });
  const today = at.slice(0, 10);
  const agreement = {
    parentMediation: input.parentMediation ?? null,
    parentMediationOn: input.parentMediationOn ?? null,
    schoolMediation: input.schoolMediation,
    schoolMediationOn: input.schoolMediationOn ?? null,
    signedByParentOn: input.signedByParentOn ?? null,
    signedBySchoolOn: input.signedBySchoolOn ?? null,
  };
  const timescales = snapshotDrsTimescales(resolveTimescales(pupil.overrides));
  const opened = openDrsReferral(
    { ...agreement, on: today, timescales, laDecisionOn: input.laDecisionOn ?? null, parentPartnershipInformedOn: input.parentPartnershipInformedOn ?? null, jurisdiction: frameworkFor(pupil.framework).jurisdiction },
    { party: actor.party, today, region: pupil.region },
  );
  if (!opened.ok) return opened;

  const scope = { referralId: crypto.randomUUID(), pupilId: input.pupilId, schoolId: pupil.schoolId, laId: pupil.laId };
  const statements: Statement[] = [
    db.insert(drsReferrals).values({
      ...agreement,
      id: scope.referralId,
      pupilId: scope.pupilId,
      schoolId: scope.schoolId,
      laId: scope.laId,
      informalResolutionTried: input.informalResolutionTried,
      parentPartnershipInformedOn: input.parentPartnershipInformedOn ?? null,
      summaryOfIssues: input.summaryOfIssues,
      actionsTaken: input.actionsTaken,
      laDecisionOn: input.laDecisionOn ?? null,
      currentStep: opened.state.currentStep,
      timescales,
      createdByUserId: actor.userId,
      createdAt: at,
    }),
    ...opened.steps.map(({ step, on }) =>
      db.insert(drsReferralSteps).values({ id: crypto.randomUUID(), referralId: scope.referralId, step, happenedOn: on, recordedByUserId: actor.userId, createdAt: at }),
    ),
    ...opened.effects.flatMap((effect) => effectStatements(db, scope, effect, "informalResolutionTried", at)),
  ];
  return (await write(db, statements)) ?? { ok: true, referralId: scope.referralId, currentStep: opened.state.currentStep };
}

async function loadReferral(db: Db, pupilId: string, referralId: string) {
  const row = await db
    .select({ referral: drsReferrals, region: schools.region, closedAt: pupils.closedAt })
    .from(drsReferrals)
    .innerJoin(pupils, eq(pupils.id, drsReferrals.pupilId))
    .innerJoin(schools, eq(schools.id, drsReferrals.schoolId))
    .where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.pupilId, pupilId)))
    .get();
  if (!row) return null;
  const last = await db.select({ on: max(drsReferralSteps.happenedOn) }).from(drsReferralSteps).where(eq(drsReferralSteps.referralId, referralId)).get();
  return { ...row, lastStepOn: last?.on ?? row.referral.createdAt.slice(0, 10) };
}

function stateOf(referral: typeof drsReferrals.$inferSelect, lastStepOn: string): DrsReferralState {
  const { currentStep, timescales, parentMediation, parentMediationOn, schoolMediation, schoolMediationOn, signedByParentOn, signedBySchoolOn } = referral;
  return { currentStep, lastStepOn, timescales, parentMediation, parentMediationOn, schoolMediation, schoolMediationOn, signedByParentOn, signedBySchoolOn };
}

/** Load, decide, write: one step of one referral, with the referral's new step and its clocks in one atomic batch. */
export async function recordStep(db: Db, pupilId: string, referralId: string, command: DrsStepInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
  const loaded = await loadReferral(db, pupilId, referralId);
  if (!loaded) return refused({ code: "referral_not_found", message: "DRS referral not found" });
  if (loaded.closedAt) return refused({ code: "pupil_closed", message: "The pupil's record is closed" });
  const { referral } = loaded;
  const today = at.slice(0, 10);
  const on = command.happenedOn ?? today;
  const decided = drsTransition(stateOf(referral, loaded.lastStepOn), command.step, {
    party: actor.party,
    on,
    today,
    region: loaded.region,
    closures: await closuresFrom(db, referral.laId, on),
    ...(command.agreement ? { agreement: command.agreement } : {}),
  });
  if (!decided.ok) return decided;

  const { currentStep, parentMediation, parentMediationOn, schoolMediation, schoolMediationOn, signedByParentOn, signedBySchoolOn } = decided.state;
  const agreement = { parentMediation, parentMediationOn, schoolMediation, schoolMediationOn, signedByParentOn, signedBySchoolOn };
  const scope = { referralId, pupilId, schoolId: referral.schoolId, laId: referral.laId };
  const statements: Statement[] = [
    db.insert(drsReferralSteps).values({ id: crypto.randomUUID(), referralId, step: command.step, happenedOn: on, note: command.note ?? null, recordedByUserId: actor.userId, createdAt: at }),
    db
      .update(drsReferrals)
      .set({ ...agreement, currentStep, ...(command.step === "parentPartnershipInformed" ? { parentPartnershipInformedOn: on } : {}) })
      .where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.currentStep, referral.currentStep))),
    ...decided.effects.flatMap((effect) => effectStatements(db, scope, effect, command.step, at)),
  ];
  return (await write(db, statements)) ?? { ok: true, referralId, currentStep };
}
