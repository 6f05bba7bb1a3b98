import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { PupilFilters } from "../../schema/inputs";
import { byName, pupilFiltersWhere } from "../dashboards/school-register";
import { keyset, type Keyset, type PageAt, type Table } from "../dashboards/table";
import { fullName, stageOf } from "../dashboards/words";
import { dayInWords } from "../calendar/day-words";
import { clocks, pupilEvents, pupils, recordsOfConcern, schools, teachingAssignments } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { ApiError } from "../http/errors";
import { frameworkFor } from "../workflow/frameworks";
import { allowedMoves } from "../workflow/transition";

export type PupilRow = typeof pupils.$inferSelect;

export async function readPupil(db: Db, pupilId: string): Promise<PupilRow | null> {
  return (await pupilQuery(db, pupilId).get()) ?? null;
}

export async function readSchool(db: Db, schoolId: string) {
  return (await db.select().from(schools).where(eq(schools.id, schoolId)).get()) ?? null;
}

/** A teacher sees a pupil they are assigned to teach or raised a concern about. */
export async function teaches(db: Db, userId: string, pupilId: string): Promise<boolean> {
  const [assigned, raised] = await db.batch([
    db
      .select({ one: sql`1` })
      .from(teachingAssignments)
      .where(and(eq(teachingAssignments.userId, userId), eq(teachingAssignments.pupilId, pupilId)))
      .limit(1),
    db
      .select({ one: sql`1` })
      .from(recordsOfConcern)
      .where(and(eq(recordsOfConcern.raisedByUserId, userId), eq(recordsOfConcern.pupilId, pupilId)))
      .limit(1),
  ]);
  return assigned.length > 0 || raised.length > 0;
}

/** The pupil as people see it: the stage in words, its census code, and the decisions open from here. */
export async function pupilView(db: Db, pupil: PupilRow) {
  return describePupil(pupil, await runningClocksOf(db, pupil.id));
}

export const pupilQuery = (db: Db, pupilId: string) => db.select().from(pupils).where(eq(pupils.id, pupilId));

/** The clocks running for a pupil, soonest due first, as the pupil's view shows them. */
export const runningClocksOf = (db: Db, pupilId: string) =>
  db
    .select({ kind: clocks.kind, startedOn: clocks.startedOn, dueOn: clocks.dueOn, timescale: clocks.timescale })
    .from(clocks)
    .where(and(eq(clocks.pupilId, pupilId), isNull(clocks.stoppedAt)))
    .orderBy(asc(clocks.dueOn));

export type RunningClockView = Awaited<ReturnType<typeof runningClocksOf>>[number];

export function describePupil(pupil: PupilRow, running: RunningClockView[]) {
  const framework = frameworkFor(pupil.framework);
  const stage = framework.stages[pupil.stage];
  return {
    ...pupil,
    stageLabel: stage?.label ?? pupil.stage,
    provisionCode: stage?.provisionCode ?? "N",
    onSenRegister: stage?.onSenRegister ?? false,
    allowedMoves: allowedMoves(framework, pupil.stage).map((id) => {
      const move = framework.moves[id]!;
      return { move: id, label: move.label, form: move.form, source: move.source };
    }),
    runningClocks: running,
  };
}

export async function readHistory(db: Db, pupilId: string) {
  return db.select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupilId)).orderBy(asc(pupilEvents.seq));
}

export type PupilListFilter = { schoolId?: string | undefined; stage?: string | undefined; after?: string | undefined; limit: number };

/** Only the pupils the caller may see (policy.ts in SQL): a teacher's pupils, a school's, an LA's; none for admins. */
function visiblePupils(db: Db, caller: StaffCaller, withinSchool = false): SQL | undefined {
  const schoolIds = caller.schoolIds.length ? caller.schoolIds : [""];
  switch (caller.role) {
    case "admin":
      return sql`0`;
    case "laOfficer":
      // Within one school, its index reads it; the LA is checked on each of its pupils.
      if (!caller.laId) return sql`0`;
      return withinSchool ? sql`+${pupils.laId} = ${caller.laId}` : eq(pupils.laId, caller.laId);
    case "senco":
    case "head":
      return inArray(pupils.schoolId, schoolIds);
    case "teacher":
      return and(
        inArray(pupils.schoolId, schoolIds),
        or(
          inArray(pupils.id, db.select({ id: teachingAssignments.pupilId }).from(teachingAssignments).where(eq(teachingAssignments.userId, caller.userId))),
          inArray(
            pupils.id,
            db
              .select({ id: sql`${recordsOfConcern.pupilId}` })
              .from(recordsOfConcern)
              .where(eq(recordsOfConcern.raisedByUserId, caller.userId)),
          ),
        ),
      );
  }
}

/** Pupils the caller may see, by name, a page at a time (keyset on family name, given name, id). */
export function pupilListQuery(db: Db, caller: StaffCaller, filter: PupilListFilter) {
  const cursor = filter.after ? decodeCursor(filter.after) : null;
  return db
    .select()
    .from(pupils)
    .where(
      and(
        visiblePupils(db, caller),
        filter.schoolId ? eq(pupils.schoolId, filter.schoolId) : undefined,
        filter.stage ? eq(pupils.stage, filter.stage) : undefined,
        cursor ? sql`(${pupils.familyName}, ${pupils.givenName}, ${pupils.id}) > (${cursor.familyName}, ${cursor.givenName}, ${cursor.id})` : undefined,
      ),
    )
    .orderBy(asc(pupils.familyName), asc(pupils.givenName), asc(pupils.id))
    .limit(filter.limit + 1);
}

export async function listPupils(db: Db, caller: StaffCaller, filter: PupilListFilter) {
  const rows = await pupilListQuery(db, caller, filter);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { pupils: page, next: rows.length > filter.limit && last ? encodeCursor(last) : null };
}

function encodeCursor(pupil: PupilRow): string {
  return btoa(JSON.stringify([pupil.familyName, pupil.givenName, pupil.id]));
}

function decodeCursor(cursor: string): { familyName: string; givenName: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor));
  } catch (cause) {
    throw new ApiError(400, "invalid_query", "The page cursor is not one Stepwise gave", [{ field: "after", message: String(cause) }]);
  }
  if (Array.isArray(parsed)) {
    const [familyName, givenName, id] = parsed;
    if (typeof familyName === "string" && typeof givenName === "string" && typeof id === "string") return { familyName, givenName, id };
  }
  throw new ApiError(400, "invalid_query", "The page cursor is not one Stepwise gave", [{ field: "after", message: "Unknown cursor" }]);
}

export type PupilSearch = PupilFilters & PageAt & { q?: string | undefined };
export type FoundPupil = { pupilId: string; pupil: string; upn: string; yearGroup: string; dateOfBirth: string; stageLabel: string };

/** A word of a name, matched anywhere in it: LIKE's own wildcards in what was typed are taken literally. */
const nameHas = (word: string) => {
  const pattern = `%${word.replace(/[\\%_]/g, (wildcard) => `\\${wildcard}`)}%`;
  return or(sql`${pupils.givenName} LIKE ${pattern} ESCAPE '\\'`, sql`${pupils.familyName} LIKE ${pattern} ESCAPE '\\'`);
};

const searchWords = (search: PupilSearch) => (search.q ?? "").split(/\s+/).filter(Boolean);

/** One page of a search, as a query (its plan is tested: test/dashboards/find-plans.test.ts). */
export function findPupilsQuery(db: Db, caller: StaffCaller, schoolId: string, search: PupilSearch, pageOf: Keyset) {
  const words = searchWords(search);
  const matches = words.length ? or(eq(pupils.upn, (search.q ?? "").toUpperCase()), and(...words.map(nameHas))) : undefined;
  return db
    .select()
    .from(pupils)
    .where(and(eq(pupils.schoolId, schoolId), visiblePupils(db, caller, true), matches, pupilFiltersWhere(search), pageOf.where))
    .orderBy(...pageOf.orderBy)
    .limit(pageOf.limit);
}

/**
 * Any pupil of one school the caller may see (a teacher, those they teach), on the SEN register or not: by a whole
 * UPN, or by every word typed appearing in the first or last name, narrowed by stage, year group and primary need; a
 * page either way by name, on pupils_by_school_name.
 */
export async function findPupils(db: Db, caller: StaffCaller, schoolId: string, search: PupilSearch, limit: number): Promise<Table<FoundPupil>> {
  const words = searchWords(search);
  const pageOf = keyset(byName, search, limit);
  const rows = await findPupilsQuery(db, caller, schoolId, search, pageOf);
  const page = pageOf.page(rows, (row) => [row.familyName, row.givenName, row.id]);
  return {
    title: words.length ? `Pupils matching “${search.q}”` : "Pupils",
    columns: [
      { key: "pupil", label: "Pupil" },
      { key: "upn", label: "UPN" },
      { key: "yearGroup", label: "Year" },
      { key: "dateOfBirth", label: "Date of birth" },
      { key: "stageLabel", label: "Stage" },
    ],
    rows: page.rows.map((row) => ({
      pupilId: row.id,
      pupil: fullName(row),
      upn: row.upn,
      yearGroup: row.yearGroup,
      dateOfBirth: dayInWords(row.dateOfBirth),
      stageLabel: row.closedAt ? `${stageOf(row.framework, row.stage).label} (record closed)` : stageOf(row.framework, row.stage).label,
    })),
    next: page.next,
    previous: page.previous,
  };
}
