import { addWeeks, parseISO } from "date-fns";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { assessmentRequests, clocks, drsReferrals, pupils, schools, sqlList } from "../../schema/tables";
import { drsFinalSteps, type FrameworkId } from "../../schema/vocab";
import type { Db } from "../app-env";
import { detailsOf } from "../workflow/clock-kinds";
import { dueWords, isOverdue } from "../workflow/due";
import { frameworkFor } from "../workflow/frameworks";
import { defaultTimescales, type ClockKind } from "../workflow/timescales";
import { decodeCursor, paged, type Table } from "./table";
import { clockLabel, daysFrom, drsClockKinds, fullName, humanise, stageOf } from "./words";
import { dayInWords } from "../calendar/day-words";

export type DrsRow = {
  referralId: string;
  pupilId: string;
  pupil: string;
  schoolId: string;
  school: string;
  referredOn: string;
  currentStep: string;
  nextDeadline: string | null;
  dueOn: string | null;
  status: string;
};

/** Open DRS referrals, oldest first (drs_open_by_la), with the step they are at and their next deadline. */
export async function openDrsReferrals(
  db: Db,
  laId: string,
  today: string,
  after: string | undefined,
  limit: number,
  schoolId?: string,
): Promise<Table<DrsRow>> {
  const cursor = decodeCursor(after, 2);
  const rows = await db
    .select({
      id: drsReferrals.id,
      pupilId: drsReferrals.pupilId,
      schoolId: drsReferrals.schoolId,
      createdAt: drsReferrals.createdAt,
      currentStep: drsReferrals.currentStep,
      givenName: pupils.givenName,
      familyName: pupils.familyName,
      school: schools.name,
    })
    .from(drsReferrals)
    .innerJoin(pupils, eq(pupils.id, drsReferrals.pupilId))
    .innerJoin(schools, eq(schools.id, drsReferrals.schoolId))
    .where(
      and(
        eq(drsReferrals.laId, laId),
        sql`${drsReferrals.currentStep} NOT IN (${sqlList(drsFinalSteps)})`,
        schoolId ? eq(drsReferrals.schoolId, schoolId) : undefined,
        cursor ? sql`(${drsReferrals.createdAt}, ${drsReferrals.id}) > (${cursor[0]}, ${cursor[1]})` : undefined,
      ),
    )
    .orderBy(asc(drsReferrals.createdAt), asc(drsReferrals.id))
    .limit(limit + 1);
  const page = paged(rows, limit, (row) => [row.createdAt, row.id]);
  const pupilIds = page.rows.map((row) => row.pupilId);
  // The running DRS clocks of the page's pupils, on clocks_by_pupil: the earliest is each referral's next deadline.
  const running = pupilIds.length
    ? await db
        .select({ pupilId: clocks.pupilId, kind: clocks.kind, dueOn: clocks.dueOn })
        .from(clocks)
        .where(and(inArray(clocks.pupilId, pupilIds), inArray(clocks.kind, [...drsClockKinds]), isNull(clocks.stoppedAt)))
        .orderBy(asc(clocks.dueOn))
    : [];
  return {
    title: "Open DRS referrals",
    columns: [
      { key: "school", label: "School" },
      { key: "pupil", label: "Pupil" },
      { key: "referredOn", label: "Referred on" },
      { key: "currentStep", label: "Current step" },
      { key: "nextDeadline", label: "Next deadline" },
      { key: "dueOn", label: "Due on" },
      { key: "status", label: "Status" },
    ],
    rows: page.rows.map((row) => {
      const next = running.find((clock) => clock.pupilId === row.pupilId);
      const days = next ? daysFrom(today, next.dueOn) : null;
      return {
        referralId: row.id,
        pupilId: row.pupilId,
        pupil: fullName(row),
        schoolId: row.schoolId,
        school: row.school,
        referredOn: row.createdAt.slice(0, 10),
        currentStep: humanise(row.currentStep),
        nextDeadline: next ? clockLabel(next.kind) : null,
        dueOn: next?.dueOn ?? null,
        status: days === null ? "No deadline running" : days < 0 ? `Missed by ${-days} days` : days === 0 ? "Due today" : `${days} days left`,
      };
    }),
    next: page.next,
  };
}

type Exceptions = { reason: string; recordedOn: string }[];

/**
 * A statutory clock's state: met, missed, or how long is left. One past its date with a recorded exception (reg 10(4))
 * is late with exception, with the latest reason, rather than a breach.
 */
export function clockStatus(dueOn: string | null, doneOn: string | null, today: string, exceptions: Exceptions): string {
  if (!dueOn) return "Not applicable";
  const reason = exceptions.at(-1)?.reason;
  if (doneOn) return doneOn <= dueOn ? "Met" : reason ? `Late with exception: ${reason}` : `Missed by ${daysFrom(dueOn, doneOn)} days`;
  const days = daysFrom(today, dueOn);
  if (days < 0) return reason ? `Late with exception (${-days} days): ${reason}` : `Overdue by ${-days} days`;
  return days === 0 ? "Due today" : `${days} days left`;
}

/** Which statutory timescales run for each kind of request (worker/workflow/timescales.ts names the regulations). */
const clocksFor = {
  ehcNeedsAssessment: { decision: defaultTimescales.ehcAssessmentDecision.amount, finalPlan: defaultTimescales.ehcFinalPlan.amount },
  statutoryAssessment: { decision: defaultTimescales.statutoryAssessmentDecision.amount, finalPlan: null },
  exceptionalActionAssessment: { decision: null, finalPlan: null },
} as const;

const weeksAfter = (day: string, weeks: number | null) => (weeks === null ? null : addWeeks(parseISO(day), weeks).toISOString().slice(0, 10));

export type AssessmentRow = {
  requestId: string;
  pupilId: string;
  pupil: string;
  schoolId: string;
  school: string;
  kind: string;
  requestedOn: string;
  state: string;
  nextDeadline: string | null;
  deadlineDue: string | null;
  deadlineStatus: string;
  decisionDue: string | null;
  decision: string;
  decisionClock: string;
  finalPlanDue: string | null;
  planIssuedOn: string | null;
  finalPlanClock: string;
};

/** The clocks that run for a request until the LA decides on it and, where it agrees, issues the plan. */
const assessmentClockKinds = ["statutoryAssessmentDecision", "ehcAssessmentDecision", "ehcFinalPlan"] as const satisfies readonly ClockKind[];

/** Whether a pupil at this stage still waits for the LA's decision on assessment (the framework's authority moves). */
const awaitsAuthority = (framework: FrameworkId, stage: string) =>
  Object.values(frameworkFor(framework).moves).some(
    (move) => move.decidedBy === "authority" && (move.assessmentDecision !== undefined || move.issuesPlan === true) && move.from.includes(stage),
  );

/** A request's state as it really is: the decision recorded on it, else awaited while the pupil waits, else decided. */
function requestState(request: typeof assessmentRequests.$inferSelect, pupil: { framework: FrameworkId; stage: string }): string {
  if (request.laDecision) {
    const decided = `${humanise(request.laDecision)} on ${request.laDecisionOn ? dayInWords(request.laDecisionOn) : "a date not recorded"}`;
    return request.planIssuedOn ? `${decided}; plan issued on ${dayInWords(request.planIssuedOn)}` : decided;
  }
  if (awaitsAuthority(pupil.framework, pupil.stage)) return "Awaited";
  return `Decided: now at ${stageOf(pupil.framework, pupil.stage).label}`;
}

/** The LA's list has two parts, each on its own partial index: the open requests, then the decided ones. */
export const listParts = ["open", "decided"] as const;
export type ListPart = (typeof listParts)[number];

/** One part of the LA's list, after the cursor where the cursor is in that part. */
export function assessmentListQuery(db: Db, laId: string, part: ListPart, cursor: string[] | null, take: number) {
  const at = cursor && cursor[0] === part ? cursor : null;
  const query = db
    .select({
      request: assessmentRequests,
      givenName: pupils.givenName,
      familyName: pupils.familyName,
      framework: pupils.framework,
      stage: pupils.stage,
      school: schools.name,
    })
    .from(assessmentRequests)
    .innerJoin(pupils, eq(pupils.id, assessmentRequests.pupilId))
    .innerJoin(schools, eq(schools.id, assessmentRequests.schoolId));
  if (part === "open") {
    return query
      .where(
        and(
          eq(assessmentRequests.laId, laId),
          isNotNull(assessmentRequests.openDeadline),
          at ? sql`(${assessmentRequests.openDeadline}, ${assessmentRequests.id}) > (${at[1]}, ${at[2]})` : undefined,
        ),
      )
      .orderBy(asc(assessmentRequests.openDeadline), asc(assessmentRequests.id))
      .limit(take);
  }
  return query
    .where(
      and(
        eq(assessmentRequests.laId, laId),
        isNull(assessmentRequests.openDeadline),
        at ? sql`(${assessmentRequests.requestedOn}, ${assessmentRequests.id}) < (${at[1]}, ${at[2]})` : undefined,
      ),
    )
    .orderBy(desc(assessmentRequests.requestedOn), desc(assessmentRequests.id))
    .limit(take);
}

/**
 * Requests for statutory / EHC assessment: the open ones first, soonest deadline first (so breaches, the earliest,
 * lead), on assessments_open_by_deadline; then the decided ones, newest first, on assessments_decided_by_la. Each row
 * says the request's real state and its next deadline (open_deadline, the soonest of its running clocks, kept by the
 * clocks' triggers: the same clocks the alerts read, stopped by the LA's decision), marked as a breach or its due day.
 * A page reads only its own rows, however many requests the LA has.
 */
export async function assessmentRequestsPage(db: Db, laId: string, today: string, after: string | undefined, limit: number): Promise<Table<AssessmentRow>> {
  const cursor = decodeCursor(after, 3);
  const from: ListPart = cursor?.[0] === "decided" ? "decided" : "open";
  const open = from === "open" ? (await assessmentListQuery(db, laId, "open", cursor, limit + 1)).map((row) => ({ ...row, part: "open" as const })) : [];
  const decided =
    open.length > limit
      ? []
      : (await assessmentListQuery(db, laId, "decided", cursor, limit + 1 - open.length)).map((row) => ({ ...row, part: "decided" as const }));
  const page = paged([...open, ...decided], limit, (row) => [
    row.part,
    row.part === "open" ? (row.request.openDeadline ?? "") : row.request.requestedOn,
    row.request.id,
  ]);
  const pupilIds = [...new Set(page.rows.map((row) => row.request.pupilId))];
  const running = pupilIds.length
    ? await db
        .select({ pupilId: clocks.pupilId, kind: clocks.kind, dueOn: clocks.dueOn })
        .from(clocks)
        .where(and(inArray(clocks.pupilId, pupilIds), inArray(clocks.kind, [...assessmentClockKinds]), isNull(clocks.stoppedAt)))
        .orderBy(asc(clocks.dueOn))
    : [];
  return {
    title: "Requests for statutory and EHC needs assessment",
    columns: [
      { key: "school", label: "School" },
      { key: "pupil", label: "Pupil" },
      { key: "kind", label: "Request" },
      { key: "requestedOn", label: "Requested on" },
      { key: "state", label: "State" },
      { key: "nextDeadline", label: "Next deadline" },
      { key: "deadlineDue", label: "Due on" },
      { key: "deadlineStatus", label: "Deadline" },
      { key: "decisionClock", label: "6-week clock" },
      { key: "finalPlanClock", label: "20-week clock" },
    ],
    rows: page.rows.map(({ request, part: _part, ...row }) => {
      const due = request.openDeadline;
      const weeks = clocksFor[request.kind];
      const decisionDue = weeksAfter(request.requestedOn, weeks.decision);
      const refused = request.laDecision === "refused";
      const finalPlanDue = refused ? null : weeksAfter(request.requestedOn, weeks.finalPlan);
      const next = due ? running.find((clock) => clock.pupilId === request.pupilId && clock.dueOn === due) : undefined;
      const state = requestState(request, row);
      return {
        requestId: request.id,
        pupilId: request.pupilId,
        pupil: fullName(row),
        schoolId: request.schoolId,
        school: row.school,
        kind: humanise(request.kind),
        requestedOn: request.requestedOn,
        state,
        nextDeadline: next ? detailsOf(next.kind).label : null,
        deadlineDue: due,
        deadlineStatus: due ? (isOverdue(due, today) ? dueWords(due, today) : `Due ${dayInWords(due)}`) : "No deadline running",
        decisionDue,
        decision: state,
        decisionClock: clockStatus(decisionDue, request.laDecision ? request.laDecisionOn : null, today, request.exceptions),
        finalPlanDue,
        planIssuedOn: request.planIssuedOn,
        finalPlanClock: clockStatus(finalPlanDue, request.planIssuedOn, today, request.exceptions),
      };
    }),
    next: page.next,
  };
}
