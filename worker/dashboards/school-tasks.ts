import { addDays, addMonths, parseISO } from "date-fns";
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lte, max } from "drizzle-orm";
import { clocks, parentMeetings, plans, pupils, recordsOfConcern, reviews, type schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { fromParentsOf } from "../concerns/school-inbox";
import { parentConcernPath } from "../concerns/parent-concern";
import { dueWords, isOverdue } from "../workflow/due";
import { defaultTimescales } from "../workflow/timescales";
import { runningClock, runningReview } from "./due";
import type { Table } from "./table";
import { fullName, registerStages, reviewKindLabels, schoolYearStart } from "./words";
import { dayInWords } from "../calendar/day-words";

/**
 * One thing to do: for whom, what, the page that does it, and when it is due. A parent's concern not yet matched to a
 * pupil has no pupil id: the pupil is the child as the parent named them.
 */
export type TaskRow = { pupilId: string | null; pupil: string; task: string; href: string; dueOn: string | null; when: string };

/** How far ahead "my tasks" looks for reviews and meetings falling due. */
const lookAheadDays = 14;
/** Each list is bounded: the SENCO works the top of it. */
const taskLimit = 50;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const pupilPage = (pupilId: string) => `/forms/pupils/${pupilId}`;

/** Dated tasks first, soonest (so the overdue) first; undated ones after, as they came. */
const byDue = (a: TaskRow, b: TaskRow) => (a.dueOn ?? "9999-12-31").localeCompare(b.dueOn ?? "9999-12-31");

/**
 * The SENCO's tasks, each linked to the page that does it, ordered by due date with the overdue first: concerns to
 * act on (a teacher's Record of Concern, a parent's to answer by the date they were given), reviews due (the running
 * review clocks, the same the register and the LA read), meetings with parents to hold (6.65: one line a pupil, how
 * many held this school year and when the next is due), and copies not yet given to parents (6.71).
 */
export async function sencoTasks(db: Db, school: typeof schools.$inferSelect, today: string): Promise<Table<TaskRow>> {
  const horizon = isoDay(addDays(parseISO(today), lookAheadDays));
  const meetingGap = defaultTimescales.parentMeetingsThreeAYear.amount;
  const lastMeeting = max(parentMeetings.heldOn);
  const [parentConcerns, staffConcerns, dueReviews, meetings, meetingClocks, planCopies, reviewCopies] = await db.batch([
    db
      .select({
        id: recordsOfConcern.id,
        pupilId: recordsOfConcern.pupilId,
        reference: recordsOfConcern.reference,
        childName: recordsOfConcern.childName,
        respondBy: recordsOfConcern.respondBy,
      })
      .from(recordsOfConcern)
      .where(and(fromParentsOf(school.id), isNull(recordsOfConcern.respondedOn)))
      .orderBy(asc(recordsOfConcern.respondBy))
      .limit(taskLimit),
    db
      // No second "id" column: D1's batch answers rows keyed by column name, so two of a name would collide.
      .select({ pupilId: recordsOfConcern.pupilId, createdAt: recordsOfConcern.createdAt, givenName: pupils.givenName, familyName: pupils.familyName })
      .from(recordsOfConcern)
      .innerJoin(pupils, eq(pupils.id, recordsOfConcern.pupilId))
      .where(
        and(eq(recordsOfConcern.schoolId, school.id), eq(recordsOfConcern.raisedBy, "staff"), isNull(recordsOfConcern.sencoAction), isNull(pupils.closedAt)),
      )
      .orderBy(asc(recordsOfConcern.createdAt))
      .limit(taskLimit),
    db
      .select({ pupilId: clocks.pupilId, kind: clocks.kind, dueOn: clocks.dueOn, givenName: pupils.givenName, familyName: pupils.familyName })
      .from(clocks)
      .innerJoin(pupils, eq(pupils.id, clocks.pupilId))
      .where(and(eq(clocks.schoolId, school.id), runningReview, lte(clocks.dueOn, horizon), isNull(pupils.closedAt)))
      .orderBy(asc(clocks.dueOn), asc(clocks.id))
      .limit(taskLimit),
    db
      .select({ pupilId: pupils.id, givenName: pupils.givenName, familyName: pupils.familyName, lastMeeting, heldThisYear: count(parentMeetings.id) })
      .from(pupils)
      .leftJoin(parentMeetings, and(eq(parentMeetings.pupilId, pupils.id), gte(parentMeetings.heldOn, schoolYearStart(today))))
      .where(and(eq(pupils.schoolId, school.id), inArray(pupils.stage, registerStages(school.framework)), isNull(pupils.closedAt)))
      .groupBy(pupils.id)
      .orderBy(asc(pupils.familyName), asc(pupils.givenName))
      .limit(taskLimit * 4),
    db
      .select({ pupilId: clocks.pupilId, dueOn: clocks.dueOn })
      .from(clocks)
      .where(and(eq(clocks.schoolId, school.id), eq(clocks.kind, "parentMeetingsThreeAYear"), runningClock)),
    db
      .select({ pupilId: plans.pupilId, dateWritten: plans.dateWritten, givenName: pupils.givenName, familyName: pupils.familyName })
      .from(plans)
      .innerJoin(pupils, eq(pupils.id, plans.pupilId))
      .where(and(eq(plans.schoolId, school.id), isNull(plans.copyGivenToParentOn), isNull(pupils.closedAt)))
      .orderBy(asc(plans.dateWritten))
      .limit(taskLimit),
    db
      .select({ pupilId: reviews.pupilId, reviewDate: reviews.reviewDate, givenName: pupils.givenName, familyName: pupils.familyName })
      .from(reviews)
      .innerJoin(pupils, eq(pupils.id, reviews.pupilId))
      .where(and(eq(reviews.schoolId, school.id), isNull(reviews.copySentToParentsOn), isNotNull(reviews.pupilId), isNull(pupils.closedAt)))
      .orderBy(asc(reviews.reviewDate))
      .limit(taskLimit),
  ]);
  const when = (dueOn: string | null, undated: string) => (dueOn ? dueWords(dueOn, today) : undated);
  const meetingDue = new Map(meetingClocks.map((clock) => [clock.pupilId, clock.dueOn]));
  const rows: TaskRow[] = [
    ...parentConcerns.map((r) => ({
      pupilId: r.pupilId,
      pupil: r.childName ?? "A child",
      task: `Contact the parent about their concern (reference ${r.reference})`,
      href: parentConcernPath(school.id, r.id),
      dueOn: r.respondBy,
      when: when(r.respondBy, ""),
    })),
    ...staffConcerns.flatMap(({ pupilId, ...r }) =>
      pupilId
        ? [
            {
              pupilId,
              pupil: fullName(r),
              task: `Decide the action on the Record of Concern raised on ${dayInWords(r.createdAt)}`,
              href: pupilPage(pupilId),
              // The SENCO hears of it the day it is raised, and acts on it from then.
              dueOn: r.createdAt.slice(0, 10),
              when: when(r.createdAt.slice(0, 10), ""),
            },
          ]
        : [],
    ),
    ...dueReviews.map((r) => ({
      pupilId: r.pupilId,
      pupil: fullName(r),
      task: `Hold the review: ${reviewKindLabels[r.kind as keyof typeof reviewKindLabels] ?? r.kind}`,
      href: `${pupilPage(r.pupilId)}/review`,
      dueOn: r.dueOn,
      when: when(r.dueOn, ""),
    })),
    ...meetings.flatMap((r) => {
      // The running clock says when the next meeting is due; without one, a term after the last, or now if none was held.
      const next = meetingDue.get(r.pupilId) ?? (r.lastMeeting ? isoDay(addMonths(parseISO(r.lastMeeting), meetingGap)) : null);
      if (next && next > horizon) return [];
      const held = `${r.heldThisYear} of 3 held this school year`;
      return [
        {
          pupilId: r.pupilId,
          pupil: fullName(r),
          task: `Meet the parents: ${held}${next ? `; the next is due by ${dayInWords(next)}` : "; the next is due now"}`,
          href: `${pupilPage(r.pupilId)}/parent-meeting`,
          dueOn: next,
          when: when(next, next === null && r.lastMeeting === null ? "No meeting recorded" : "Now"),
        },
      ];
    }),
    ...planCopies.map((r) => ({
      pupilId: r.pupilId,
      pupil: fullName(r),
      task: `Give the parents a copy of the plan written ${dayInWords(r.dateWritten)}`,
      href: pupilPage(r.pupilId),
      dueOn: null,
      when: "Now",
    })),
    ...reviewCopies.map((r) => ({
      pupilId: r.pupilId,
      pupil: fullName(r),
      task: `Send the parents the record of the review of ${dayInWords(r.reviewDate)}`,
      href: pupilPage(r.pupilId),
      dueOn: null,
      when: "Now",
    })),
  ];
  return {
    title: "My tasks",
    columns: [
      { key: "pupil", label: "Pupil" },
      { key: "task", label: "Task" },
      { key: "dueOn", label: "Due on" },
      { key: "when", label: "When" },
    ],
    rows: rows.sort(byDue),
    next: null,
  };
}

/** Whether a task is past its date on `today`: the tasks page marks these. */
export const taskOverdue = (row: TaskRow, today: string) => row.dueOn !== null && isOverdue(row.dueOn, today);
