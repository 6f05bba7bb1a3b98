import { and, eq, gte, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { closureDays, clocks, drsReferrals, outbox } from "../../schema/tables";
import type { DrsStepInput } from "../../schema/inputs";
import type { DrsStep } from "../../schema/vocab";
import type { Db } from "../app-env";
import type { DrsEffect } from "../workflow/drs";

/** The statements of a DRS referral's writes: its clocks and mail, and the guard that it is still as it was read. */
export type Statement = BatchItem<"sqlite">;
export type Scope = { referralId: string; pupilId: string; schoolId: string; laId: string };

export async function closuresFrom(db: Db, laId: string, from: string): Promise<ReadonlySet<string>> {
  const rows = await db.select({ date: closureDays.date }).from(closureDays).where(and(eq(closureDays.laId, laId), gte(closureDays.date, from)));
  return new Set(rows.map((row) => row.date));
}

export function effectStatements(db: Db, scope: Scope, effect: DrsEffect, step: DrsStep, at: string): Statement[] {
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
    case "adoptClock":
      return [db.update(clocks).set({ subjectKind: "drsReferral", subjectId: scope.referralId }).where(and(eq(clocks.id, effect.clockId), isNull(clocks.subjectKind)))];
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

export async function write(db: Db, statements: Statement[]): Promise<unknown[] | null> {
  try {
    return await db.batch(statements as [Statement, ...Statement[]]);
  } catch (error) {
    console.error("DRS write failed", error);
    return null;
  }
}

export const agreementFields = ["parentMediation", "parentMediationOn", "schoolMediation", "schoolMediationOn", "signedByParentOn", "signedBySchoolOn"] as const;

/**
 * The referral is still as it was read: at the same step, with the same answers wherever this step relies on the
 * stored ones. The parents answer through their link outside this queue (drs/parent-answer.ts), so a step decided
 * on their earlier answer must not be written over a newer one.
 */
export function unchanged(referral: typeof drsReferrals.$inferSelect, given: DrsStepInput["agreement"]) {
  return and(
    eq(drsReferrals.id, referral.id),
    eq(drsReferrals.currentStep, referral.currentStep),
    ...agreementFields
      .filter((field) => given?.[field] === undefined)
      .map((field) => {
        const read = referral[field];
        return read === null ? isNull(drsReferrals[field]) : eq(drsReferrals[field], read);
      }),
  );
}
