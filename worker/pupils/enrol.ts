import { and, eq, gte } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { PupilEnrolment } from "../../schema/inputs";
import { closureDays, clocks, localAuthorities, pupilEvents, pupils, type schools } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { recordRefusal } from "../records/refusal";
import { needsPrimaryNeed, provisionCodeOf } from "../workflow/census";
import { decide, type DecideContext, type LoadedCase } from "../workflow/decide";
import type { FrameworkDefinition } from "../workflow/definition";
import { startedClockRow } from "../workflow/effects";
import { frameworkFor, stagesOf } from "../workflow/frameworks";
import { isStageOf, type StageId } from "../workflow/ids";
import { overridesOf, timescalesInForceQuery } from "../las/settings";
import { resolveTimescales } from "../workflow/timescales";

/**
 * Puts a pupil on Stepwise: at the framework's first stage, or at the stage an existing register already records.
 * The pupil row, its first event and the version move together, as every change does.
 */
type School = typeof schools.$inferSelect;

export async function enrolPupil(
  db: Db,
  school: School,
  enrolment: PupilEnrolment,
  actor: StaffCaller,
  at: string,
  /** The enrolment page holds a pupil with SEN provision to the census's rule that they have a primary need. */
  census: "asTheCensusRecords" | "asGiven" = "asGiven",
  /** Where the pupil comes from with more than the enrolment (a CTF's SEN history): its rows, in the same batch, and the event's reason. */
  arrival: { reason: string; alsoStore: (pupilId: string) => BatchItem<"sqlite">[] } | null = null,
) {
  const framework = frameworkFor(school.framework);
  const stage = enrolment.stage ?? framework.initialStage;
  const provision = provisionCodeOf(framework, stage);
  if (!provision || !isStageOf(framework, stage)) {
    const fieldMessage = `Choose one of: ${stagesOf(school.framework).join(", ")}`;
    return recordRefusal({ code: "unknown_stage", message: `${framework.name} has no stage "${stage}"`, field: "stage", fieldMessage });
  }
  if (census === "asTheCensusRecords" && needsPrimaryNeed(provision) && !enrolment.primaryNeed) {
    const fieldMessage = "Choose the pupil's primary need: the school census records one for every pupil with SEN provision";
    return recordRefusal({ code: "primary_need_missing", message: "A pupil with SEN provision needs a primary need", field: "primaryNeed", fieldMessage });
  }
  // Only this school's own pupils are looked at: whether another school holds the UPN is not this school's to know.
  const existing = await db
    .select({ id: pupils.id })
    .from(pupils)
    .where(and(eq(pupils.schoolId, school.id), eq(pupils.upn, enrolment.upn)))
    .get();
  if (existing) return upnTaken();
  const id = crypto.randomUUID();
  const cycle = enrolment.cycle ?? 0;
  const context = await enrolmentContext(db, school, at.slice(0, 10));
  const reason = arrival?.reason ?? (enrolment.stage ? "Enrolled from the school's existing SEN register" : "Enrolled");
  const { event, version, clockRows } = decideArrival(framework, context, { id, stage, cycle, dateOfBirth: enrolment.dateOfBirth }, school, actor, reason, at);
  const enrolled = db.batch([
    db.insert(pupils).values({
      id,
      upn: enrolment.upn,
      givenName: enrolment.givenName,
      familyName: enrolment.familyName,
      dateOfBirth: enrolment.dateOfBirth,
      yearGroup: enrolment.yearGroup,
      schoolId: school.id,
      laId: school.laId,
      framework: school.framework,
      stage,
      cycle,
      version: 0,
      primaryNeed: enrolment.primaryNeed ?? null,
      secondaryNeed: enrolment.secondaryNeed ?? null,
      areasOfNeed: enrolment.areasOfNeed ?? [],
      createdAt: at,
    }),
    db.insert(pupilEvents).values({ pupilId: id, ...event }),
    db.update(pupils).set({ version }).where(eq(pupils.id, id)),
    ...clockRows.map((row) => db.insert(clocks).values(row)),
    ...(arrival?.alsoStore(id) ?? []),
  ]);
  try {
    await enrolled;
  } catch (error) {
    // The same pupil enrolled twice at once (a double click): the school's unique UPN keeps the first.
    if (isUpnClash(error)) return upnTaken();
    throw error;
  }
  return { ok: true, id } as const;
}

function upnTaken() {
  const message = "A pupil with this unique pupil number is already on your school's register";
  return recordRefusal({ code: "upn_taken", message, field: "upn", fieldMessage: message });
}

const isUpnClash = (error: unknown) =>
  /UNIQUE constraint failed: pupils\.school_id, pupils\.upn/.test(error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error));

/** The calendar an enrolment's clocks count in: the LA's timescales, its region and its closure days from today on. */
export async function enrolmentContext(db: Db, school: School, today: string): Promise<DecideContext> {
  const [[authority], closures, inForce] = await db.batch([
    db.select({ region: localAuthorities.region }).from(localAuthorities).where(eq(localAuthorities.id, school.laId)),
    db
      .select({ date: closureDays.date })
      .from(closureDays)
      .where(and(eq(closureDays.laId, school.laId), gte(closureDays.date, today))),
    timescalesInForceQuery(db, school.laId, today),
  ]);
  return {
    timescales: resolveTimescales(overridesOf(inForce)),
    region: school.region,
    authorityRegion: authority?.region ?? school.region,
    closures: new Set(closures.map((c) => c.date)),
  };
}

/**
 * A pupil's arrival as the one decider decides it, for every way a pupil joins (the enrolment page and API, a CTF, the
 * register import): their first event, the version it leaves, and the rows of the clocks their stage runs. Pure.
 */
export function decideArrival(
  framework: FrameworkDefinition,
  context: DecideContext,
  pupil: { id: string; stage: StageId; cycle: number; dateOfBirth: string },
  school: School,
  actor: StaffCaller,
  reason: string,
  at: string,
) {
  const arriving: LoadedCase = {
    closed: false,
    state: { framework: school.framework, stage: pupil.stage, cycle: pupil.cycle, version: 0 },
    runningClocks: new Set(),
    citedFormFound: true,
    missingReferences: [],
    referral: null,
    runningAppealWindows: [],
    runningClockStarts: new Map(),
    appealableDecisionOn: null,
    dateOfBirth: pupil.dateOfBirth,
  };
  const decided = decide(
    framework,
    arriving,
    { kind: "enrol", actor: { userId: actor.userId, role: actor.role }, reason, occurredOn: at.slice(0, 10), recordedAt: at },
    context,
  );
  if (!decided.ok || !decided.event) throw new Error(`enrolment at ${pupil.stage} was refused by the framework`);
  const { event } = decided;
  const scope = { pupilId: pupil.id, schoolId: school.id, laId: school.laId };
  const clockRows = decided.effects.flatMap((effect) => (effect.kind === "startClock" ? [startedClockRow(crypto.randomUUID(), scope, effect, event.seq)] : []));
  return { event, version: decided.state.version, clockRows };
}
