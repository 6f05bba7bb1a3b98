import { and, eq } from "drizzle-orm";
import { pupils, schools, staffSchools, staffUsers, teachingAssignments } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { isSameProvision, stageForProvision } from "../workflow/census";
import { frameworkFor } from "../workflow/frameworks";
import { isStageOf, type StageId } from "../workflow/ids";
import { decideArrival, enrolmentContext } from "./enrol";
import type { RegisterFile, RegisterRow, RowProblem } from "./register-file";

/**
 * What importing a register file would do at a school: the pupils it adds (at the stage their provision code puts
 * them at), the pupils whose details it updates, those it leaves alone, and every bad row. An existing pupil's
 * stage is the workflow's to change, never the import's: a different code in the file is shown, not applied.
 */
export type ImportPlan = {
  added: (RegisterRow & { stage: StageId; teacherId: string | null })[];
  updated: (RegisterRow & { id: string; teacherId: string | null })[];
  unchanged: number;
  problems: RowProblem[];
  /** Existing pupils whose code in the file differs from their stage's: for the person to decide on the pupil's page. */
  provisionDiffers: { line: number; upn: string }[];
};

type School = typeof schools.$inferSelect;

/** The school's teachers, by lower-cased email and name, as a register file's teacher column may name them. */
async function teachersOf(db: Db, schoolId: string) {
  const rows = await db
    .select({ id: staffUsers.id, email: staffUsers.email, name: staffUsers.name })
    .from(staffSchools)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSchools.userId))
    .where(and(eq(staffSchools.schoolId, schoolId), eq(staffUsers.role, "teacher")));
  const byKey = new Map<string, string[]>();
  for (const teacher of rows)
    for (const key of [teacher.email.toLowerCase(), teacher.name.toLowerCase()]) byKey.set(key, [...(byKey.get(key) ?? []), teacher.id]);
  return byKey;
}

export async function planRegisterImport(db: Db, school: School, file: RegisterFile): Promise<ImportPlan> {
  const framework = frameworkFor(school.framework);
  const [existing, assigned, teachers] = await Promise.all([
    db.select().from(pupils).where(eq(pupils.schoolId, school.id)),
    db
      .select({ userId: teachingAssignments.userId, pupilId: teachingAssignments.pupilId })
      .from(teachingAssignments)
      .innerJoin(pupils, eq(pupils.id, teachingAssignments.pupilId))
      .where(eq(pupils.schoolId, school.id)),
    teachersOf(db, school.id),
  ]);
  const byUpn = new Map(existing.map((pupil) => [pupil.upn, pupil]));
  const teaches = new Set(assigned.map((row) => `${row.userId} ${row.pupilId}`));
  const plan: ImportPlan = { added: [], updated: [], unchanged: 0, problems: [...file.problems], provisionDiffers: [] };

  for (const row of file.rows) {
    const found = row.teacher ? (teachers.get(row.teacher.toLowerCase()) ?? []) : [];
    if (row.teacher && found.length !== 1) {
      plan.problems.push({
        line: row.line,
        column: "class teacher",
        reason: found.length
          ? `More than one teacher at the school is called "${row.teacher}": give their email instead`
          : `No teacher at the school has the name or email "${row.teacher}": invite them first, or correct the name`,
      });
      continue;
    }
    const teacherId = found[0] ?? null;
    const pupil = byUpn.get(row.upn);
    if (!pupil) {
      const stage = stageForProvision(framework, row.provision);
      if (!stage || !isStageOf(framework, stage))
        plan.problems.push({ line: row.line, column: "SEN provision", reason: `${framework.name} has no stage for provision code ${row.provision}` });
      else plan.added.push({ ...row, stage, teacherId });
      continue;
    }
    const recorded = framework.stages[pupil.stage]?.provisionCode;
    if (recorded && !isSameProvision(recorded, row.provision)) plan.provisionDiffers.push({ line: row.line, upn: row.upn });
    const same =
      pupil.givenName === row.givenName &&
      pupil.familyName === row.familyName &&
      pupil.dateOfBirth === row.dateOfBirth &&
      pupil.yearGroup === row.yearGroup &&
      pupil.primaryNeed === row.primaryNeed &&
      pupil.secondaryNeed === row.secondaryNeed &&
      (teacherId === null || teaches.has(`${teacherId} ${pupil.id}`));
    if (same) plan.unchanged++;
    else plan.updated.push({ ...row, id: pupil.id, teacherId });
  }
  plan.problems.sort((a, b) => a.line - b.line);
  return plan;
}

/**
 * Applies a plan without problems as one D1 batch (all or nothing). Each added pupil arrives as every enrolment does,
 * through the one decider (decideArrival): their first event says they were imported, by whom (its actor), from which
 * provision code and at which stage, and their stage's clocks start. Each statement binds one JSON text of the rows and
 * reads it with json_each, so 2,000 pupils are six statements of a few bound parameters each, within D1's limits of
 * 100 bound parameters and 100 KB of SQL a statement (a bound value may be up to 2 MB).
 */
export async function applyRegisterImport(db: Db, d1: D1Database, school: School, plan: ImportPlan, actor: StaffCaller, at: string) {
  if (plan.added.length === 0 && plan.updated.length === 0) return { added: 0, updated: 0, clocksStarted: 0 };
  const framework = frameworkFor(school.framework);
  const context = await enrolmentContext(db, school, at.slice(0, 10));
  const added = plan.added.map((row) => {
    const id = crypto.randomUUID();
    const reason = `Imported from the school's MIS register: SEN provision ${row.provision}, so ${framework.stages[row.stage]!.label}`;
    const arrival = decideArrival(framework, context, { id, stage: row.stage, cycle: 0, dateOfBirth: row.dateOfBirth }, school, actor, reason, at);
    return { id, row, ...arrival };
  });
  const pupilsJson = JSON.stringify(
    added.map(({ id, row, version }) => ({
      id,
      upn: row.upn,
      givenName: row.givenName,
      familyName: row.familyName,
      dateOfBirth: row.dateOfBirth,
      yearGroup: row.yearGroup,
      stage: row.stage,
      primaryNeed: row.primaryNeed,
      secondaryNeed: row.secondaryNeed,
      version,
    })),
  );
  const eventsJson = JSON.stringify(added.map(({ id, event }) => ({ pupilId: id, ...event })));
  const clocksJson = JSON.stringify(added.flatMap(({ clockRows }) => clockRows));
  const updatedJson = JSON.stringify(plan.updated);
  const taught = JSON.stringify(
    [...added.map(({ id, row }) => ({ id, teacherId: row.teacherId })), ...plan.updated]
      .filter((row) => row.teacherId)
      .map((row) => ({ userId: row.teacherId, pupilId: row.id })),
  );
  const field = (name: string) => `json_extract(value, '$.${name}')`;
  // Raw D1 statements: drizzle's batch cannot carry a raw statement with bound values.
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage, cycle, version, primary_need, secondary_need, areas_of_need, created_at)
        SELECT ${field("id")}, ${field("upn")}, ${field("givenName")}, ${field("familyName")}, ${field("dateOfBirth")}, ${field("yearGroup")}, ?2, ?3, ?4, ${field("stage")}, 0, 0,
          ${field("primaryNeed")}, ${field("secondaryNeed")}, '[]', ?5 FROM json_each(?1)`,
      )
      .bind(pupilsJson, school.id, school.laId, school.framework, at),
    d1
      .prepare(
        `INSERT INTO pupil_events (pupil_id, seq, at, actor_user_id, actor_role, move, from_stage, to_stage, cycle, reason, form_kind, form_id)
        SELECT ${field("pupilId")}, ${field("seq")}, ${field("at")}, ${field("actorUserId")}, ${field("actorRole")}, ${field("move")}, ${field("fromStage")}, ${field("toStage")},
          ${field("cycle")}, ${field("reason")}, ${field("formKind")}, ${field("formId")} FROM json_each(?1)`,
      )
      .bind(eventsJson),
    d1
      .prepare(
        `INSERT INTO clocks (id, pupil_id, school_id, la_id, kind, subject_kind, subject_id, started_on, due_on, timescale, started_by_seq)
        SELECT ${field("id")}, ${field("pupilId")}, ${field("schoolId")}, ${field("laId")}, ${field("kind")}, ${field("subjectKind")}, ${field("subjectId")}, ${field("startedOn")},
          ${field("dueOn")}, ${field("timescale")}, ${field("startedBySeq")} FROM json_each(?1)`,
      )
      .bind(clocksJson),
    d1
      .prepare(
        `UPDATE pupils SET version = v.version FROM (SELECT ${field("id")} AS id, ${field("version")} AS version FROM json_each(?1)) AS v WHERE pupils.id = v.id`,
      )
      .bind(pupilsJson),
    d1
      .prepare(
        `UPDATE pupils SET given_name = u.given_name, family_name = u.family_name, date_of_birth = u.date_of_birth, year_group = u.year_group,
          primary_need = u.primary_need, secondary_need = u.secondary_need
        FROM (SELECT ${field("id")} AS id, ${field("givenName")} AS given_name, ${field("familyName")} AS family_name, ${field("dateOfBirth")} AS date_of_birth,
          ${field("yearGroup")} AS year_group, ${field("primaryNeed")} AS primary_need, ${field("secondaryNeed")} AS secondary_need FROM json_each(?1)) AS u
        WHERE pupils.id = u.id AND pupils.school_id = ?2`,
      )
      .bind(updatedJson, school.id),
    d1.prepare(`INSERT OR IGNORE INTO teaching_assignments (user_id, pupil_id) SELECT ${field("userId")}, ${field("pupilId")} FROM json_each(?1)`).bind(taught),
  ]);
  return { added: added.length, updated: plan.updated.length, clocksStarted: added.reduce((n, { clockRows }) => n + clockRows.length, 0) };
}
