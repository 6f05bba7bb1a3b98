import { html } from "hono/html";
import type { assessmentRequests } from "../../../schema/tables";
import type { TimeLimitException } from "../../../schema/staff-forms/authority-decision";
import { clockLabel } from "../../dashboards/words";
import { button, dateInput, hidden, notificationBanner, page, radios, summaryList, table, textarea, type FormState } from "../../html";
import type { Evidence } from "../../records/assessment-requests";
import { dayInWords } from "../../calendar/day-words";
import { textOrBlank } from "./print-parts";
import { evidenceList, requestTitles } from "./assessment-request";
import { decisionChoices, type DecisionOption } from "./decision";
import { pupilName, pupilSummary, stageLabel, type PupilRecord } from "./pupil-summary";

export type AssessmentRequestRow = typeof assessmentRequests.$inferSelect;

/** A statutory clock of the request as read: running or stopped, and missed where it passed before it stopped. */
export type RequestDeadline = { clock: string; dueOn: string; running: boolean; missed: boolean; daysOverdue: number };

/** SEND Regulations 2014, reg 10(4) (reg 5(4), 8(2) and 13(3) give the same grounds), as a person reads them. */
export const timeLimitExceptionLabels: Record<TimeLimitException, { label: string; hint: string }> = {
  schoolClosure: {
    label: "The school was closed when the LA asked it for advice",
    hint: "The LA asked the head teacher for advice from one week before the school closed for 4 weeks or more until one week before it reopened (reg 10(4)(a))",
  },
  exceptionalPersonalCircumstances: {
    label: "Exceptional personal circumstances affect the child or their parent, or the young person",
    hint: "Reg 10(4)(b)",
  },
  absentFromArea: {
    label: "The child or their parent, or the young person, is away from the LA's area for 4 weeks or more",
    hint: "Away for a continuous period of not less than 4 weeks (reg 10(4)(c))",
  },
};

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

function deadlineStatus(deadline: RequestDeadline, excepted: boolean) {
  const exception = excepted ? ", with an exception recorded" : "";
  if (deadline.running) return deadline.missed ? `Overdue by ${days(deadline.daysOverdue)}${exception}` : "Running";
  return deadline.missed ? `Met ${days(deadline.daysOverdue)} late${exception}` : "Met";
}

function decisionText(request: AssessmentRequestRow) {
  if (!request.laDecision) return request.laDecisionOn ? `Decided on ${dayInWords(request.laDecisionOn)}` : "Awaiting the LA's decision";
  const decided = request.laDecision === "agreed" ? "The LA agreed to assess" : "The LA decided not to assess";
  return request.laDecisionOn ? `${decided} on ${dayInWords(request.laDecisionOn)}` : decided;
}

export type RequestPageContext = {
  request: AssessmentRequestRow;
  evidence: Evidence;
  deadlines: RequestDeadline[];
  /** The LA's decisions open on the request now, if the caller makes them. */
  decisions: DecisionOption[];
  mayRecordExceptions: boolean;
  saved: string | null;
};

const requestPath = (record: PupilRecord, request: AssessmentRequestRow) => `/forms/pupils/${record.pupil.id}/assessment-requests/${request.id}`;
const requestTitle = (request: AssessmentRequestRow) => requestTitles[request.kind];

/** An assessment request as the LA reads it: who asked and why, the evidence it carries, its state and its deadlines. */
export function assessmentRequestViewPage(record: PupilRecord, context: RequestPageContext) {
  const { request } = context;
  const base = requestPath(record, request);
  const title = requestTitle(request);
  return page(
    { title: `${title} for ${pupilName(record)}`, script: null },
    html`${context.saved ? notificationBanner({ success: true, heading: context.saved }) : ""}<span class="caption">${stageLabel(record)}</span>
<h1>${title}</h1>
${pupilSummary(record)}
<h2>The request</h2>
${summaryList([
  { key: "Requested by", value: request.requestedBy === "school" ? "The school" : "The parents/carers" },
  { key: "Date of the request", value: dayInWords(request.requestedOn) },
  { key: "Parents/carers consulted on", value: request.parentsConsultedOn ? dayInWords(request.parentsConsultedOn) : "Not recorded" },
  { key: "Decision", value: decisionText(request) },
  request.planIssuedOn ? { key: "Plan issued on", value: dayInWords(request.planIssuedOn) } : null,
])}
<h2>Why the request is made now</h2>
${textOrBlank(request.reasons)}
${evidenceList(record, context.evidence, { heading: "Evidence of SEN support sent with the request", intro: "The records the school had made when it asked" })}
${table({
  caption: "Deadlines",
  columns: [{ label: "Deadline" }, { label: "Due by" }, { label: "Status" }],
  rows: context.deadlines.map((deadline) => [clockLabel(deadline.clock), dayInWords(deadline.dueOn), deadlineStatus(deadline, request.exceptions.length > 0)]),
  empty: "No statutory deadline runs for this request",
})}
${table({
  caption: "Exceptions to the time limits",
  columns: [{ label: "Date" }, { label: "Reason" }],
  rows: request.exceptions.map((exception) => [dayInWords(exception.recordedOn), exception.reason]),
  empty: "None recorded",
})}
${context.decisions.length ? html`<p>${button({ text: "Record the LA's decision", href: `${base}/decision` })}</p>` : ""}
${context.mayRecordExceptions ? html`<p><a href="${base}/exception">Record an exception to the time limits</a></p>` : ""}
<p><a href="/forms/pupils/${record.pupil.id}">Back to ${pupilName(record)}'s record</a></p>`,
  );
}

/** The LA's decision on a request: the framework's decisions open now, the day it was decided, against the version seen. */
export function authorityDecisionPage(record: PupilRecord, request: AssessmentRequestRow, decisions: DecisionOption[], version: number, state: FormState) {
  const base = requestPath(record, request);
  return page(
    { title: `The LA's decision: ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">${requestTitle(request)}, ${dayInWords(request.requestedOn)}</span>
<h1>The LA's decision</h1>
${pupilSummary(record)}
<form method="post" action="${base}/decision" novalidate>
${hidden("expectedVersion", String(version))}
${decisionChoices(decisions, state, { legend: "What has the LA decided?" })}
${dateInput({ name: "decidedOn", label: "Date of the decision", hint: `The date on the decision letter: not before the request (${dayInWords(request.requestedOn)}) and not in the future. For example, 27 3 2026`, state })}
<button class="button" type="submit">Record the decision</button>
</form>
<p><a href="${base}">Back to the request</a></p>`,
  );
}

/** An exception to the time limits: the regulation's ground, what happened, and the day. */
export function assessmentExceptionPage(record: PupilRecord, request: AssessmentRequestRow, state: FormState) {
  const base = requestPath(record, request);
  const grounds = Object.entries(timeLimitExceptionLabels).map(([value, words]) => ({ value, ...words }));
  return page(
    { title: `Exception to the time limits: ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">${requestTitle(request)}, ${dayInWords(request.requestedOn)}</span>
<h1>Record an exception to the time limits</h1>
${pupilSummary(record)}
<p>The deadlines stay as they are; a deadline missed is then reported as late with an exception rather than as a breach.</p>
<form method="post" action="${base}/exception" novalidate>
${radios({ name: "ground", label: "Why can the time limit not be met?", options: grounds, state })}
${textarea({ name: "details", label: "What happened (optional)", rows: 3, state })}
${dateInput({ name: "recordedOn", label: "Date of the exception", hint: "Not before the request and not in the future. For example, 27 3 2026", state })}
<button class="button" type="submit">Record the exception</button>
</form>
<p><a href="${base}">Back to the request</a></p>`,
  );
}
