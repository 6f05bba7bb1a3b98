import { html } from "hono/html";
import { dateInput, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import type { Contributor } from "../../../schema/tables";

export const dateOrBlank = (date: string | null | undefined) => (date ? dayInWords(date) : "____________");
export const textOrBlank = (text: string | null | undefined) =>
  text ? html`<p class="print-text">${text}</p>` : html`<p class="print-text print-text--blank">None recorded</p>`;

/** A choice as the seed prints it: every option, the chosen one marked. */
export function markedOptions(options: readonly { value: string; label: string }[], chosen: readonly string[]) {
  return html`<ul class="marked">${options.map((option) =>
    chosen.includes(option.value)
      ? html`<li class="marked--yes"><span aria-hidden="true">☒</span> <span class="visually-hidden">Selected: </span>${option.label}</li>`
      : html`<li><span aria-hidden="true">☐</span> ${option.label}</li>`,
  )}</ul>`;
}

export function contributorsTable(contributors: Contributor[], caption: string) {
  return html`<table class="print-table"><caption>${caption}</caption><thead><tr><th scope="col">Name</th><th scope="col">Position</th></tr></thead>
<tbody>${contributors.length ? contributors.map((p) => html`<tr><td>${p.name}</td><td>${p.position}</td></tr>`) : html`<tr><td colspan="2">None recorded</td></tr>`}</tbody></table>`;
}

/** "Copy given to parent on" (seed 000), and below it, for staff on screen only, the form that records it. */
export function copyToParents(label: string, on: string | null, action: string, state: FormState) {
  return html`<p class="copy-line">${label} <strong data-copy-on>${dateOrBlank(on)}</strong></p>
<form class="no-print panel" method="post" action="${action}" novalidate data-form="copyToParents">
${dateInput({ name: "on", label: on ? "Change the date the copy was given or sent to the parents" : "Record the date a copy was given or sent to the parents", state })}
<button class="button button--secondary" type="submit">Record the date</button>
</form>
<p class="no-print" hidden data-print><button class="button button--secondary" type="button">Print or save as PDF</button></p>`;
}

/** On screen only: the way back from a print view to the pupil's page. */
export function backToPupil(pupilId: string, name: string) {
  return html`<p class="no-print"><a href="/forms/pupils/${pupilId}">Back to ${name}'s record</a></p>`;
}
