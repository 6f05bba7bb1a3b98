import { and, asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { pupilEnrolment, type PupilEnrolment } from "../../schema/inputs";
import { localAuthorities, pupilTransfers, schools, senHistory } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { stageForProvision } from "../workflow/census";
import { frameworkFor } from "../workflow/frameworks";
import { academicYearOf, ctfVersion, readCtf, type CtfFile, type CtfSenEntry } from "./ctf-file";
import { enrolPupil } from "./enrol";
import { readHistory, type PupilRow } from "./queries";

type School = typeof schools.$inferSelect;

/**
 * The pupil's SEN history for their CTF: what an earlier school's file brought, then each change of provision code on
 * Stepwise, dated the day it happened. A stage change that keeps the code (SEN support's Assess to Plan) is no entry.
 */
async function senHistoryOf(db: Db, pupil: PupilRow): Promise<CtfSenEntry[]> {
  const framework = frameworkFor(pupil.framework);
  const [brought, events] = await Promise.all([
    db
      .select({ startDate: senHistory.startDate, provision: senHistory.provision })
      .from(senHistory)
      .where(eq(senHistory.pupilId, pupil.id))
      .orderBy(asc(senHistory.startDate)),
    readHistory(db, pupil.id),
  ]);
  const history: CtfSenEntry[] = [...brought];
  for (const event of events) {
    const provision = framework.stages[event.toStage]?.provisionCode;
    if (provision && history.at(-1)?.provision !== provision) history.push({ startDate: event.at.slice(0, 10), provision });
  }
  return history;
}

/** The CTF the leaving school downloads: the pupil, their needs ranked, their SEN history; to the school they are moving to, where one is waiting. */
export async function ctfOfPupil(db: Db, pupil: PupilRow, at: string): Promise<CtfFile | null> {
  const [[source], [destination]] = await db.batch([
    db
      .select({ name: schools.name, urn: schools.urn, laCode: localAuthorities.code })
      .from(schools)
      .innerJoin(localAuthorities, eq(localAuthorities.id, schools.laId))
      .where(eq(schools.id, pupil.schoolId)),
    db
      .select({ urn: schools.urn, laCode: localAuthorities.code })
      .from(pupilTransfers)
      .innerJoin(schools, eq(schools.id, pupilTransfers.toSchoolId))
      .innerJoin(localAuthorities, eq(localAuthorities.id, schools.laId))
      .where(and(eq(pupilTransfers.pupilId, pupil.id), eq(pupilTransfers.status, "pending"))),
  ]);
  if (!source) return null;
  const needs = [pupil.primaryNeed, pupil.secondaryNeed].flatMap((type, i) => (type ? [{ rank: i + 1, type }] : []));
  return {
    version: ctfVersion,
    writtenAt: at,
    source: { ...source, academicYear: academicYearOf(at.slice(0, 10)) },
    destination: destination ?? null,
    pupil: {
      upn: pupil.upn,
      surname: pupil.familyName,
      forename: pupil.givenName,
      dateOfBirth: pupil.dateOfBirth,
      yearGroup: pupil.yearGroup,
      needs,
      history: await senHistoryOf(db, pupil),
    },
  };
}

export type CtfArrival = { file: CtfFile; enrolment: PupilEnrolment; stage: string };
export type CtfArrivalPlan = { ok: true; arrival: CtfArrival } | { ok: false; reason: string };

/**
 * What a CTF would add to the receiving school's register: the pupil at the stage their SEN provision now puts them
 * at (the register import's mapping of N, K and E), their needs and their history. Nothing is stored.
 */
export function planCtfArrival(school: School, xml: string): CtfArrivalPlan {
  const read = readCtf(xml);
  if (!read.ok) return read;
  const { pupil } = read.file;
  const framework = frameworkFor(school.framework);
  const provision = pupil.history.at(-1)?.provision ?? "N";
  const stage = stageForProvision(framework, provision);
  if (!stage) return { ok: false, reason: `${framework.name} has no stage for SEN provision ${provision}` };
  const [primary, secondary] = pupil.needs;
  const checked = v.safeParse(pupilEnrolment, {
    upn: pupil.upn,
    givenName: pupil.forename,
    familyName: pupil.surname,
    dateOfBirth: pupil.dateOfBirth,
    yearGroup: pupil.yearGroup ?? "",
    schoolId: school.id,
    stage,
    primaryNeed: primary?.type ?? null,
    secondaryNeed: secondary?.type ?? null,
  });
  if (!checked.success) {
    const [issue] = checked.issues;
    const where = issue.path?.map((step) => String(step.key)).join(".") ?? "the pupil";
    return { ok: false, reason: `The pupil's ${where} in the file is not accepted: ${issue.message}` };
  }
  return { ok: true, arrival: { file: read.file, enrolment: checked.output, stage } };
}

/** The pupil joins the register at their stage, their SEN history from the file stored with them, in one batch. */
export function arriveByCtf(db: Db, school: School, arrival: CtfArrival, actor: StaffCaller, at: string) {
  const { file } = arrival;
  const reason = `Joined with a Common Transfer File (CTF ${file.version}) from URN ${file.source.urn}: SEN provision ${file.pupil.history.at(-1)?.provision ?? "N"}`;
  return enrolPupil(db, school, arrival.enrolment, actor, at, "asGiven", {
    reason,
    alsoStore: (pupilId) =>
      file.pupil.history.map((entry) =>
        db.insert(senHistory).values({
          id: crypto.randomUUID(),
          pupilId,
          schoolId: school.id,
          laId: school.laId,
          startDate: entry.startDate,
          provision: entry.provision,
          recordedAt: at,
        }),
      ),
  });
}
