import { html } from "hono/html";
import type { Evidence } from "../../records/assessment-requests";
import { choices, dateInput, hidden, page, textarea, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { decisionChoices, type DecisionOption } from "./decision";
import { oneTimeKeyField } from "./one-time-key";
import { pupilName, pupilSummary, stageLabel, type PupilRecord } from "./pupil-summary";

/** Each kind of request in its framework's own words. */
export const requestTitles = {
  statutoryAssessment: "Request for Statutory Assessment",
  ehcNeedsAssessment: "Request for an Education, Health and Care needs assessment",
  exceptionalActionAssessment: "Request for an Exceptional Action Assessment",
} as const;

/** The evidence of SEN support a request carries (or would carry), each record linked to its printable view. */
export function evidenceList(
  record: PupilRecord,
  evidence: Evidence,
  words = { heading: "Evidence of SEN support already recorded", intro: "Sent with the request as it stands, so nobody types it twice" },
) {
  const { pupil } = record;
  const none = html`<p class="hint">None recorded.</p>`;
  // Cycle 0 is a plan written before the first Assess, Plan, Do, Review cycle began: it numbers no cycle.
  const cycles = evidence.cycles.filter((cycle) => cycle > 0);
  return html`<section class="inset" aria-labelledby="evidence-title"><h2 id="evidence-title">${words.heading}</h2>
<p>${words.intro} (SEND Code 6.63, 6.73).${cycles.length ? ` Assess, Plan, Do, Review cycles with a plan: ${cycles.join(", ")}.` : ""}</p>
<h3>Plans</h3>${evidence.plans.length ? html`<ul>${evidence.plans.map((p) => html`<li><a href="/print/pupils/${pupil.id}/plans/${p.id}">Plan written ${dayInWords(p.dateWritten)} (${stageLabel(record, p.stage)})</a>: ${p.objective}</li>`)}</ul>` : none}
<h3>Reviews</h3>${evidence.reviews.length ? html`<ul>${evidence.reviews.map((r) => html`<li><a href="/print/pupils/${pupil.id}/reviews/${r.id}">Review of ${dayInWords(r.reviewDate)} (${stageLabel(record, r.stage)})</a>: ${r.evaluation}</li>`)}</ul>` : none}
<h3>Specialist involvement</h3>${evidence.specialistInvolvements.length ? html`<ul>${evidence.specialistInvolvements.map((s) => html`<li>${s.service}, requested ${dayInWords(s.requestedOn)}${s.adviceSummary ? html`: ${s.adviceSummary}` : ""}</li>`)}</ul>` : none}
<h3>Meetings with parents</h3>${evidence.parentMeetings.length ? html`<ul>${evidence.parentMeetings.map((m) => html`<li>${dayInWords(m.heldOn)}: ${m.outcomesAgreed}</li>`)}</ul>` : none}
</section>`;
}

/** A request for statutory / EHC needs / Exceptional Action assessment, showing the evidence it will carry. */
export function assessmentRequestPage(record: PupilRecord, state: FormState, context: { evidence: Evidence; decisions: DecisionOption[]; title: string }) {
  const { pupil } = record;
  return page(
    { title: `${context.title} for ${pupilName(record)}`, form: state, script: "staff/assessment-request" },
    html`<span class="caption">${stageLabel(record)}</span>
<h1>${context.title}</h1>
${pupilSummary(record)}
${evidenceList(record, context.evidence)}
<form method="post" action="/forms/pupils/${pupil.id}/assessment-request" novalidate data-form="assessmentRequest">
${hidden("expectedVersion", String(pupil.version))}
${oneTimeKeyField(state)}
${choices({
  name: "requestedBy",
  kind: "radio",
  label: "Who is asking?",
  options: [
    { value: "school", label: "The school" },
    { value: "parent", label: "The parents/carers" },
  ],
  state,
})}
${dateInput({ name: "requestedOn", label: "Date of the request", state })}
${dateInput({ name: "parentsConsultedOn", label: "Date the parents/carers were consulted (optional)", state })}
${textarea({ name: "reasons", label: "Why the request is made now", hint: "Despite relevant and purposeful action to identify, assess and meet the pupil's needs, what progress has not been made?", rows: 6, state })}
${context.decisions.length ? decisionChoices(context.decisions, state, { legend: "Decision recorded with this request (optional)", optional: true }) : ""}
<button class="button" type="submit">Send the request</button>
</form>`,
  );
}
