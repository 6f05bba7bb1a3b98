import { html } from "hono/html";
import { dateInput, hidden, notificationBanner, page, radios, type FormState } from "../../html";
import type { OpenEhcStep } from "../../workflow/ehc-cycle";
import { dayInWords } from "../../calendar/day-words";
import { pupilName, pupilSummary, stageLabel, type PupilRecord } from "./pupil-summary";

const stepPath = (record: PupilRecord, step: string) => `/forms/pupils/${record.pupil.id}/ehc-steps/${step}`;

/** The pupil's page's own section: each step of the statutory process awaited now that is the caller's to record. */
export function ehcStepsOpenSection(record: PupilRecord, steps: OpenEhcStep[], process: string) {
  if (steps.length === 0) return "";
  return html`<h2 id="ehc-steps-open">${process}: steps to record</h2>
<p>These steps are awaited for ${pupilName(record)} now and are yours to record, on the day they happened:</p>
<ul class="list ehc-steps-open">${steps.map((step) => html`<li data-step="${step.step}"><a href="${stepPath(record, step.step)}">${step.label}</a></li>`)}</ul>`;
}

/** After a step is saved: what was recorded on which day, and each clock it started with the day it is due. */
export function ehcStepSavedBanner(label: string, happenedOn: string | null, due: { label: string; dueOn: string }[]) {
  const on = happenedOn ? ` on ${dayInWords(happenedOn, "long")}` : "";
  return notificationBanner({
    success: true,
    heading: `Recorded: ${label}${on}.`,
    body: due.length
      ? html`<p>Now due:</p><ul class="list">${due.map((clock) => html`<li>${clock.label}: by ${dayInWords(clock.dueOn, "long")}</li>`)}</ul>`
      : html`<p>Nothing new falls due from this step.</p>`,
  });
}

const moveOptions = [
  { value: "no", label: "No, to another school (the plan is amended by 15 February of the year of the move)" },
  { value: "yes", label: "Yes, to post-16 education (the plan is amended by 31 March of the year of the move)" },
];

/** One step, dated the day it happened, against what the person saw of the case; a phase transfer's move as well. */
export function ehcStepPage(record: PupilRecord, step: OpenEhcStep, seen: string, state: FormState) {
  return page(
    { title: `${step.label}: ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">${stageLabel(record)}</span>
<h1>${step.label}</h1>
${pupilSummary(record)}
<p class="hint">${step.source}</p>
<form method="post" action="${stepPath(record, step.step)}" novalidate>
${hidden("seen", seen)}
${dateInput({ name: "happenedOn", label: step.dateLabel, hint: "The day it happened: today or in the past, not before the step it follows. For example, 27 3 2026", state })}
${
  step.takesTransfer
    ? html`${dateInput({ name: "transferOn", label: "The date the child moves school", hint: "After the review and within two years of it. For example, 1 9 2027", state })}
${radios({ name: "toPostSixteen", label: "Is the move to post-16 education?", options: moveOptions, state })}`
    : ""
}
<button class="button" type="submit">Record the step</button>
</form>
<p><a href="/forms/pupils/${record.pupil.id}">Back to ${pupilName(record)}'s record</a></p>`,
  );
}

/** The step cannot be saved as seen: someone recorded a step meanwhile, or it is not awaited now. Nothing was saved. */
export function ehcStepNotSavedPage(record: PupilRecord, why: "changed" | "notOpen") {
  const title = why === "changed" ? "The record changed before your step was saved" : "This step is not awaited now";
  return page(
    { title, script: null },
    html`<h1>${title}</h1>
<p>${
      why === "changed"
        ? `Someone else recorded a step for ${pupilName(record)} while you were filling in the form, so your step was not saved.`
        : `This step is not awaited for ${pupilName(record)} now, or is not yours to record. Nothing was saved.`
    }</p>
<p><a href="/forms/pupils/${record.pupil.id}#ehc-steps-open">See the steps to record now</a></p>`,
  );
}
