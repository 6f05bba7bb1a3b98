import { and, eq, gte } from "drizzle-orm";
import type { DrsReferralInput } from "../../../schema/drs-inputs";
import { closureDays, clocks, drsReferralSteps, drsReferrals, localAuthorities, schools } from "../../../schema/tables";
import type { Db } from "../../app-env";
import { dueOn } from "../../calendar/working-days";
import type { PupilRow } from "../../pupils/queries";
import { resolveTimescales } from "../../workflow/timescales";

/**
 * A DRS referral from the school's form (seed 000, step 1), written with its first step and the clock for the LA
 * officer to forward it (10 working days by default). A stand-in until the DRS API lands: it writes the same tables.
 */
export async function referToDrs(db: Db, pupil: PupilRow, input: DrsReferralInput, userId: string, at: string) {
  const today = at.slice(0, 10);
  const la = await db.select({ overrides: localAuthorities.timescaleOverrides }).from(localAuthorities).where(eq(localAuthorities.id, pupil.laId)).get();
  const school = await db.select({ region: schools.region }).from(schools).where(eq(schools.id, pupil.schoolId)).get();
  const closures = await db.select({ date: closureDays.date }).from(closureDays).where(and(eq(closureDays.laId, pupil.laId), gte(closureDays.date, today)));
  const timescale = resolveTimescales(la?.overrides ?? {}).drsReferralForwarded;
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(drsReferrals).values({
      ...input,
      id,
      pupilId: pupil.id,
      schoolId: pupil.schoolId,
      laId: pupil.laId,
      currentStep: "referralSubmitted",
      timescales: la?.overrides ?? {},
      createdByUserId: userId,
      createdAt: at,
    }),
    db.insert(drsReferralSteps).values({ id: crypto.randomUUID(), referralId: id, step: "referralSubmitted", happenedOn: today, recordedByUserId: userId, createdAt: at }),
    db.insert(clocks).values({
      id: crypto.randomUUID(),
      pupilId: pupil.id,
      schoolId: pupil.schoolId,
      laId: pupil.laId,
      kind: "drsReferralForwarded",
      subjectKind: "drsReferral",
      subjectId: id,
      startedOn: today,
      dueOn: dueOn(today, timescale, school?.region ?? "englandAndWales", new Set(closures.map((c) => c.date))),
      timescale: { amount: timescale.amount, unit: timescale.unit, source: timescale.source },
    }),
  ]);
  return id;
}

export async function readDrsReferral(db: Db, pupilId: string, referralId: string) {
  return (await db.select().from(drsReferrals).where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.pupilId, pupilId))).get()) ?? null;
}

/** "Copy sent to parents on" for a referral; false if the pupil has no such referral. */
export async function recordDrsCopyToParents(db: Db, pupilId: string, referralId: string, on: string) {
  const updated = await db
    .update(drsReferrals)
    .set({ copySentToParentsOn: on })
    .where(and(eq(drsReferrals.id, referralId), eq(drsReferrals.pupilId, pupilId)))
    .returning({ id: drsReferrals.id });
  return updated.length > 0;
}
