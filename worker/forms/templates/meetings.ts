import { html } from "hono/html";
import type { parentMeetings, specialistInvolvements } from "../../../schema/tables";
import { dateInput, hidden, page, table, textarea, textInput, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { contributorRows } from "./contributors";
import { decisionChoices, type DecisionOption } from "./decision";
import { oneTimeKeyField } from "./one-time-key";
import { pupilName, pupilSummary, type PupilRecord } from "./pupil-summary";

/** The pupil's page's "Record" section: the records the caller may add, and those kept so far. */
export type RecordSection = {
  links: { href: string; label: string }[];
  meetings: (typeof parentMeetings.$inferSelect)[];
  involvements: (typeof specialistInvolvements.$inferSelect)[];
};

const dated = (date: string | null) => (date ? dayInWords(date) : "Not recorded");

export function recordSection({ links, meetings, involvements }: RecordSection) {
  return html`<h2>Record</h2>
${links.length ? html`<ul>${links.map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}</ul>` : html`<p>Your role keeps no records for this pupil.</p>`}
${table({
  caption: "Meetings with the parents",
  columns: [{ label: "Held" }, { label: "Who attended" }, { label: "Outcomes agreed" }],
  rows: meetings.map((m) => [dated(m.heldOn), m.attendees.map((a) => `${a.name} (${a.position})`).join(", ") || "Not recorded", m.outcomesAgreed]),
  empty: "None recorded",
})}
${table({
  caption: "Specialists involved",
  columns: [{ label: "Advice requested" }, { label: "Service" }, { label: "Seen" }, { label: "Advice" }],
  rows: involvements.map((i) => [
    dated(i.requestedOn),
    i.specialistName ? `${i.service}: ${i.specialistName}` : i.service,
    dated(i.seenOn),
    i.adviceSummary ?? "Not yet given",
  ]),
  empty: "None recorded",
})}`;
}

/** The decisions the form may record now (Jersey's "meet with parents"), or nothing where the framework puts none on it. */
const decisionsOf = (decisions: DecisionOption[], state: FormState) =>
  decisions.length ? decisionChoices(decisions, state, { optional: true, legend: "Decision recorded with this form (optional)" }) : "";

/** SEND Code 6.65-6.71 (three meetings a year, their record given to parents); Jersey's meeting to discuss concerns (seed 001). */
export function parentMeetingPage(record: PupilRecord, state: FormState, decisions: DecisionOption[]) {
  const { pupil } = record;
  return page(
    { title: `Meeting with the parents of ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">Record</span>
<h1>Meeting with the parents</h1>
${pupilSummary(record)}
<form method="post" action="/forms/pupils/${pupil.id}/parent-meeting" novalidate>
${hidden("expectedVersion", String(pupil.version))}
${oneTimeKeyField(state)}
${dateInput({ name: "heldOn", label: "Date of the meeting", state })}
${contributorRows(state, { rows: 4, field: "attendees", legend: "Who attended", hint: "For example, the parents, the class teacher, the SENCO. Leave rows you do not need blank." })}
${textarea({ name: "outcomesAgreed", label: "Outcomes agreed", hint: "The outcomes sought for the child, as agreed with the parents", state })}
${textarea({ name: "actionsAgreed", label: "Actions and support agreed (optional)", hint: "Who will do what, and by when", state })}
${textarea({ name: "pupilViews", label: "The pupil's views (optional)", state })}
${decisionsOf(decisions, state)}
<button class="button" type="submit" data-prevent-double-click>Save the meeting</button>
</form>`,
  );
}

/** SEND Code 6.58-6.59: specialists involved where progress stays below expectations, with the parents' agreement. */
export function specialistInvolvementPage(record: PupilRecord, state: FormState, decisions: DecisionOption[]) {
  const { pupil } = record;
  return page(
    { title: `Specialist involvement for ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">Record</span>
<h1>Specialist involvement</h1>
${pupilSummary(record)}
<form method="post" action="/forms/pupils/${pupil.id}/specialist-involvement" novalidate>
${hidden("expectedVersion", String(pupil.version))}
${oneTimeKeyField(state)}
${textInput({ name: "service", label: "Specialist service", hint: "For example, educational psychology, speech and language therapy", state })}
${textInput({ name: "specialistName", label: "The specialist's name (optional)", state })}
${dateInput({ name: "parentsAgreedOn", label: "Date the parents agreed (optional)", state })}
${dateInput({ name: "requestedOn", label: "Date advice was requested", state })}
${dateInput({ name: "seenOn", label: "Date the specialist saw the pupil (optional)", state })}
${textarea({ name: "adviceSummary", label: "The advice given (optional)", state })}
${dateInput({ name: "sharedWithParentsOn", label: "Date the advice was shared with the parents (optional)", state })}
${decisionsOf(decisions, state)}
<button class="button" type="submit" data-prevent-double-click>Save the specialist involvement</button>
</form>`,
  );
}
