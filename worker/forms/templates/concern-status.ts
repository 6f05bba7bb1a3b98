import { html } from "hono/html";
import type { recordsOfConcern, schools } from "../../../schema/tables";
import { dayInWords } from "../../calendar/day-words";
import { page } from "../../html";

export type ConcernStatusPage = {
  concern: typeof recordsOfConcern.$inferSelect;
  school: typeof schools.$inferSelect;
  statusUrl: string;
  justSent: boolean;
  timescaleSource: string;
  embedOrigin: string | null;
};

/** The parent's private status page: the reference, what happens next and by when. */
export function concernStatusPage({ concern, school, statusUrl, justSent, timescaleSource, embedOrigin }: ConcernStatusPage) {
  const respondBy = concern.respondBy ? dayInWords(concern.respondBy, "long") : null;
  return page(
    { title: justSent ? "Concern sent" : "Your concern", embedOrigin },
    html`${
      justSent
        ? html`<div class="panel panel--confirmation"><h1>Concern sent</h1><p>Your reference is<strong data-reference>${concern.reference}</strong></p></div>`
        : html`<span class="caption">${school.name}</span><h1>Your concern about ${concern.childName}</h1><p>Reference: <strong data-reference>${concern.reference}</strong></p>`
    }
<h2>What happens next</h2>
<ol>
  <li>Sent to ${school.name} on ${dayInWords(concern.createdAt)}.</li>
  <li>${
    concern.acknowledgedAt
      ? html`The school read your concern on ${dayInWords(concern.acknowledgedAt)}.`
      : html`The school's special educational needs co-ordinator (SENCO) reads it.`
  }</li>
  <li>${
    concern.respondedOn
      ? html`The school contacted you on ${dayInWords(concern.respondedOn)} to talk about it.`
      : respondBy
        ? html`The school will contact you by <strong>${respondBy}</strong> to talk about it.`
        : "The school will contact you to talk about it."
  }</li>
</ol>
<details class="details"><summary>Why this date</summary><p>${timescaleSource}</p></details>
${concern.parentEmail ? html`<p>We have sent a confirmation to ${concern.parentEmail}.</p>` : ""}
<h2>Keep this private link</h2>
<p>This page's address lets you see what happens to your concern. Keep it private: anyone with it can see this page.</p>
<p class="status-link" data-status-url>${statusUrl}</p>
<p>If anything is urgent, contact the school directly and quote your reference.</p>`,
  );
}
