import { html } from "hono/html";
import type { referralView } from "../../drs/queries";
import { clockLabel } from "../../dashboards/words";
import { dateInput, hidden, notificationBanner, page, radios, table, textarea, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { pupilName, pupilSummary, type PupilRecord } from "./pupil-summary";

export type ReferralView = NonNullable<Awaited<ReturnType<typeof referralView>>>;
/** A step that may follow now, as the procedure defines it, and whether it takes the referral form's answers. */
export type OpenStep = { step: string; label: string; source: string; takesAgreement: boolean };

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;
const referralPath = (referral: ReferralView) => `/forms/drs-referrals/${referral.id}`;

function deadlineStatus(deadline: ReferralView["deadlines"][number]) {
  if (deadline.running) return deadline.missed ? `Overdue by ${days(deadline.daysOverdue)}` : "Running";
  return deadline.missed ? `Met ${days(deadline.daysOverdue)} late` : "Met";
}

/**
 * A DRS referral as its parties read it: the steps so far, each dated the day it happened, the deadlines, where an
 * appeal goes, and the steps that may follow now that are the caller's to record.
 */
export function drsReferralStepsPage(record: PupilRecord, referral: ReferralView, open: OpenStep[], saved: string | null) {
  const base = referralPath(referral);
  return page(
    { title: `Disagreement Resolution Service referral for ${pupilName(record)}`, script: null },
    html`${saved ? notificationBanner({ success: true, heading: saved }) : ""}<span class="caption">Disagreement Resolution Service</span>
<h1>DRS referral for ${pupilName(record)}</h1>
${pupilSummary(record)}
<p>Now at: ${referral.currentStepLabel}</p>
${table({
  caption: "Steps so far",
  columns: [{ label: "Date" }, { label: "Step" }, { label: "Note" }],
  rows: referral.steps.map((step) => [dayInWords(step.happenedOn), step.label, step.note ?? ""]),
})}
${table({
  caption: "Deadlines",
  columns: [{ label: "Deadline" }, { label: "Due by" }, { label: "Status" }],
  rows: referral.deadlines.map((deadline) => [clockLabel(deadline.clock), dayInWords(deadline.dueOn), deadlineStatus(deadline)]),
  empty: "No deadline runs",
})}
<p>An appeal against the LA's decision goes to ${referral.appeal.to}; the DRS does not affect that right.</p>
<h2 id="next-steps">Record the next step</h2>
${
  open.length
    ? html`<ul class="list">${open.map((step) => html`<li><a href="${base}/steps/${step.step}">${step.label}</a></li>`)}</ul>`
    : html`<p>No step that may follow now is yours to record.</p>`
}
<p><a href="/print/pupils/${record.pupil.id}/drs-referrals/${referral.id}">See or print the referral form</a></p>
<p><a href="/forms/pupils/${record.pupil.id}">Back to ${pupilName(record)}'s record</a></p>`,
  );
}

const answerOptions = [
  { value: "agreed", label: "Agreed to mediation through the DRS" },
  { value: "declined", label: "Declined mediation" },
];

/** One step, recorded by its party on the day it happened; the referral form's answers where the step takes them. */
export function drsStepPage(record: PupilRecord, referral: ReferralView, step: OpenStep, state: FormState) {
  const base = referralPath(referral);
  return page(
    { title: `${step.label}: ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">DRS referral for ${pupilName(record)}</span>
<h1>${step.label}</h1>
<p class="hint">${step.source}</p>
<p>Now at: ${referral.currentStepLabel}</p>
<form method="post" action="${base}/steps/${step.step}" novalidate>
${hidden("stepSeen", referral.currentStep)}
${dateInput({ name: "happenedOn", label: "The date of the step", hint: "The day it happened: not before the last step and not in the future. For example, 27 3 2026", state })}
${
  step.takesAgreement
    ? html`<h2>The referral form's answers and signatures</h2><p>Only those the referral form did not carry when it was made.</p>
${referral.parentMediation ? "" : html`${radios({ name: "parentMediation", label: "The parents/carers' answer", options: answerOptions, state })}${dateInput({ name: "parentMediationOn", label: "Date the parents/carers answered (optional)", state })}`}
${referral.signedByParentOn ? "" : dateInput({ name: "signedByParentOn", label: "Date signed by the parents/carers (optional)", state })}
${referral.signedBySchoolOn ? "" : dateInput({ name: "signedBySchoolOn", label: "Date signed by the school (optional)", state })}`
    : ""
}
${textarea({ name: "note", label: "Note (optional)", rows: 3, state })}
<button class="button" type="submit">Record the step</button>
</form>
<p><a href="${base}">Back to the referral</a></p>`,
  );
}

/** The step cannot be recorded as seen: the referral moved on, or the step is not one that may follow now. */
export function drsStepNotOpenPage(record: PupilRecord, referral: ReferralView, why: "changed" | "notOpen") {
  const title = why === "changed" ? "The referral changed before your step was saved" : "This step is not open now";
  return page(
    { title, script: null },
    html`<h1>${title}</h1>
<p>${
      why === "changed"
        ? "Someone else recorded a step of this referral while you were filling in the form, so your step was not saved."
        : "This step cannot follow the referral's current step. Nothing was saved."
    }</p>
<p>The referral is now at: ${referral.currentStepLabel}</p>
<p><a href="${referralPath(referral)}#next-steps">See the steps open now</a></p>`,
  );
}
