import { and, eq, isNull, max } from "drizzle-orm";
import { clocks, drsReferralSteps, drsReferrals, localAuthorities, pupils } from "../../schema/tables";
import type { DrsReferralInput, DrsStepInput } from "../../schema/inputs";
import type { DrsParty, DrsStep } from "../../schema/vocab";
import type { Db } from "../app-env";
import { frameworkFor } from "../workflow/frameworks";
import { drsTransition, openDrsReferral, snapshotDrsTimescales, type DrsRefusal, type DrsReferralState } from "../workflow/drs";
import { resolveTimescales } from "../workflow/timescales";
import { constant } from "../drs/constant";
import { closuresFrom, effectStatements, unchanged, write, type Statement } from "./drs-store";

export type DrsCaseRefusal =
  | DrsRefusal
  | { code: "pupil_not_found"; message: string }
  | { code: "pupil_closed"; message: string }
  | { code: "referral_not_found"; message: string }
  | { code: "referral_changed"; message: string };

export type DrsOutcome =
  | { ok: true; referralId: string; currentStep: DrsStep }
  | { ok: false; refusal: DrsCaseRefusal }
  | { ok: false; writeFailed: { message: string } };

export type DrsActor = { userId: string; party: DrsParty };

const refused = (refusal: DrsCaseRefusal) => ({ ok: false, refusal }) as const;

const writeFailed = { ok: false, writeFailed: { message: "The DRS referral could not be saved; nothing was changed. Try again." } } as const;

/** The school opens a referral (working days are those of the LA's region, an LA procedure): the referral, its first steps and any tribunal clock, in one atomic batch. */
export async function openReferral(db: Db, input: DrsReferralInput, actor: DrsActor, at: string): Promise<DrsOutcome> {
  const pupil = await db
    .select({ schoolId: pupils.schoolId, laId: pupils.laId, framework: pupils.framework, closedAt: pupils.closedAt, region: localAuthorities.region, overrides: localAuthorities.timescaleOverrides })
    .from(pupils)
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
  const runningAppealWindows = await db
    .select({ id: clocks.id, startedOn: clocks.startedOn })
    .from(clocks)
    .where(and(eq(clocks.pupilId, input.pupilId), eq(clocks.kind, "tribunalAppealWindow"), isNull(clocks.stoppedAt), isNull(clocks.subjectKind)));
  const opened = openDrsReferral(
    { ...agreement, on: today, timescales, laDecisionOn: input.laDecisionOn ?? null, runningAppealWindows, parentPartnershipInformedOn: input.parentPartnershipInformedOn ?? null, jurisdiction: frameworkFor(pupil.framework).jurisdiction },
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
  return (await write(db, statements)) ? { ok: true, referralId: scope.referralId, currentStep: opened.state.currentStep } : writeFailed;
}

async function loadReferral(db: Db, pupilId: string, referralId: string) {
  const row = await db
    .select({ referral: drsReferrals, region: localAuthorities.region, closedAt: pupils.closedAt })
    .from(drsReferrals)
    .innerJoin(pupils, eq(pupils.id, drsReferrals.pupilId))
    .innerJoin(localAuthorities, eq(localAuthorities.id, drsReferrals.laId))
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

  const scope = { referralId, pupilId, schoolId: referral.schoolId, laId: referral.laId };
  const still = unchanged(referral, command.agreement);
  const statements: Statement[] = [
    db.insert(drsReferralSteps).select(
      db
        .select({
          id: constant<string>(crypto.randomUUID(), "id"),
          referralId: drsReferrals.id,
          step: constant<DrsStep>(command.step, "step"),
          happenedOn: constant<string>(on, "happened_on"),
          note: constant<string | null>(command.note ?? null, "note"),
          recordedByUserId: constant<string | null>(actor.userId, "recorded_by_user_id"),
          createdAt: constant<string>(at, "created_at"),
        })
        .from(drsReferrals)
        .where(still),
    ),
    db
      .update(drsReferrals)
      .set({ ...command.agreement, currentStep: decided.state.currentStep, ...(command.step === "parentPartnershipInformed" ? { parentPartnershipInformedOn: on } : {}) })
      .where(still)
      .returning({ id: drsReferrals.id }),
    ...decided.effects.flatMap((effect) => effectStatements(db, scope, effect, command.step, at)),
  ];
  const results = await write(db, statements);
  if (!results) return writeFailed;
  if (Array.isArray(results[1]) && results[1].length === 0) {
    return refused({ code: "referral_changed", message: "The referral changed while this step was being recorded; look at it again" });
  }
  return { ok: true, referralId, currentStep: decided.state.currentStep };
}
