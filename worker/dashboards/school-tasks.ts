import { addDays, parseISO } from "date-fns";
import { and, asc, eq, inArray, isNull, lte, max, sql } from "drizzle-orm";
import { clocks, parentMeetings, plans, pupils, recordsOfConcern, reviews, type schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { fromParentsOf } from "../concerns/school-inbox";
import { defaultTimescales } from "../workflow/timescales";
import { runningReview } from "./la-figures";
import type { Table } from "./table";
import { daysFrom, fullName, monthsBefore, registerStages, reviewKindLabels } from "./words";

/** A parent's concern not yet matched to a pupil has no pupil id: the pupil is the child as the parent named them. */
export type TaskRow = { pupilId: string | null; pupil: string; task: string; dueOn: string | null; when: string };

/** How far ahead "my tasks" looks for reviews falling due. */
const lookAheadDays = 14;
/** Each list is bounded: the SENCO works the top of it. */
const taskLimit = 50;

const whenText = (dueOn: string | null, today: string) => {
  if (!dueOn) return "";
  const days = daysFrom(today, dueOn);
  return days < 0 ? `${-days} days overdue` : days === 0 ? "Today" : `In ${days} days`;
};

/**
 * The SENCO's tasks: parents' concerns to answer by the date they were given, reviews due, meetings with parents to
 * hold (6.65), and copies not yet given to parents (6.71).
 */
export async function sencoTasks(db: Db, school: typeof schools.$inferSelect, today: string): Promise<Table<TaskRow>> {
  const horizon = addDays(parseISO(today), lookAheadDays).toISOString().slice(0, 10);
  const meetingGap = defaultTimescales.parentMeetingsThreeAYear.amount;
  const lastMeeting = max(parentMeetings.heldOn);
  const [parentConcerns, dueReviews, meetingsDue, planCopies, reviewCopies] = await db.batch([
    db
      .select({ pupilId: recordsOfConcern.pupilId, reference: recordsOfConcern.reference, childName: recordsOfConcern.childName, respondBy: recordsOfConcern.respondBy })
      .from(recordsOfConcern)
      .where(and(fromParentsOf(school.id), isNull(recordsOfConcern.respondedOn)))
      .orderBy(asc(recordsOfConcern.respondBy))
      .limit(taskLimit),
    db
      .select({ pupilId: clocks.pupilId, kind: clocks.kind, dueOn: clocks.dueOn, givenName: pupils.givenName, familyName: pupils.familyName })
      .from(clocks)
      .innerJoin(pupils, eq(pupils.id, clocks.pupilId))
      .where(and(eq(clocks.schoolId, school.id), runningReview, lte(clocks.dueOn, horizon), isNull(pupils.closedAt)))
      .orderBy(asc(clocks.dueOn), asc(clocks.id))
      .limit(taskLimit),
    db
      .select({ pupilId: pupils.id, givenName: pupils.givenName, familyName: pupils.familyName, lastMeeting })
      .from(pupils)
      .leftJoin(parentMeetings, eq(parentMeetings.pupilId, pupils.id))
      .where(and(eq(pupils.schoolId, school.id), inArray(pupils.stage, registerStages(school.framework)), isNull(pupils.closedAt)))
      .groupBy(pupils.id)
      .having(sql`${lastMeeting} IS NULL OR ${lastMeeting} < ${monthsBefore(today, meetingGap)}`)
      .orderBy(sql`${lastMeeting} NULLS FIRST`, asc(pupils.familyName))
      .limit(taskLimit),
    db
      .select({ pupilId: plans.pupilId, dateWritten: plans.dateWritten, givenName: pupils.givenName, familyName: pupils.familyName })
      .from(plans)
      .innerJoin(pupils, eq(pupils.id, plans.pupilId))
      .where(and(eq(plans.schoolId, school.id), isNull(plans.copyGivenToParentOn)))
      .orderBy(asc(plans.dateWritten))
      .limit(taskLimit),
    db
      .select({ pupilId: reviews.pupilId, reviewDate: reviews.reviewDate, givenName: pupils.givenName, familyName: pupils.familyName })
      .from(reviews)
      .innerJoin(pupils, eq(pupils.id, reviews.pupilId))
      .where(and(eq(reviews.schoolId, school.id), isNull(reviews.copySentToParentsOn)))
      .orderBy(asc(reviews.reviewDate))
      .limit(taskLimit),
  ]);
  const rows: TaskRow[] = [
    ...parentConcerns.map((r) => ({
      pupilId: r.pupilId,
      pupil: r.childName ?? "A child",
      task: `Contact the parent about their concern (reference ${r.reference})`,
      dueOn: r.respondBy,
      when: whenText(r.respondBy, today),
    })),
    ...dueReviews.map((r) => ({ pupilId: r.pupilId, pupil: fullName(r), task: `Hold the review: ${reviewKindLabels[r.kind as keyof typeof reviewKindLabels] ?? r.kind}`, dueOn: r.dueOn, when: whenText(r.dueOn, today) })),
    ...meetingsDue.map((r) => ({
      pupilId: r.pupilId,
      pupil: fullName(r),
      task: r.lastMeeting ? `Meet the parents (last met ${r.lastMeeting})` : "Meet the parents (no meeting recorded)",
      dueOn: null,
      when: `At least every ${meetingGap} months`,
    })),
    ...planCopies.map((r) => ({ pupilId: r.pupilId, pupil: fullName(r), task: `Give the parents a copy of the plan written ${r.dateWritten}`, dueOn: null, when: "Now" })),
    ...reviewCopies.map((r) => ({ pupilId: r.pupilId, pupil: fullName(r), task: `Send the parents the record of the review of ${r.reviewDate}`, dueOn: null, when: "Now" })),
  ];
  return {
    title: "My tasks",
    columns: [
      { key: "pupil", label: "Pupil" },
      { key: "task", label: "Task" },
      { key: "dueOn", label: "Due on" },
      { key: "when", label: "When" },
    ],
    rows,
    next: null,
  };
}
