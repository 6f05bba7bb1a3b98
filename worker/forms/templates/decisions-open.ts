import { html } from "hono/html";
import { dateInput, hidden, notificationBanner, page, textarea, type FormState } from "../../html";
import type { OpenDecision } from "../../workflow/open-decisions";
import { dayInWords } from "../../calendar/day-words";
import { pupilName, pupilSummary, stageLabel, type PupilRecord } from "./pupil-summary";

/** An open decision as the pupil's page offers it: where it is recorded, or null where no page records it yet. */
export type DecisionLink = OpenDecision & { href: string | null; formName: string | null };

/** The pupil's page's own section: every decision open now to the caller, each linked to the page that records it. */
export function decisionsOpenSection(record: PupilRecord, decisions: DecisionLink[]) {
  const stage = stageLabel(record);
  return html`<h2 id="decisions-open">Decisions open now</h2>
${
  decisions.length
    ? html`<p>At ${stage}, the framework leaves these decisions to you:</p>
<ul class="list decisions-open">${decisions.map(
        (d) =>
          html`<li data-move="${d.move}">${d.href ? html`<a href="${d.href}">${d.label}</a>` : d.label}${d.formName ? html` <span class="hint">(recorded on the ${d.formName}${d.href ? "" : ", which has no page yet"})</span>` : ""}</li>`,
      )}</ul>`
    : html`<p>No decision about ${pupilName(record)} at ${stage} is yours to make now.</p>`
}`;
}

/** After a save: what was saved, where the pupil stands now, and what comes next. */
export function savedBanner(saved: { what: string; pupil: string; stage: string; next: string | null; printHref: string | null }) {
  return notificationBanner({
    success: true,
    heading: `${saved.what}. ${saved.pupil} is now at ${saved.stage}.${saved.next ? ` Next: ${saved.next}` : ""}`,
    body: saved.printHref ? html`<p><a href="${saved.printHref}">See or print what was saved</a></p>` : undefined,
  });
}

/** A decision recorded by its date and reason alone (no form of its own, or following the review named), against the version of the record seen. */
export function moveConfirmationPage(
  record: PupilRecord,
  decision: OpenDecision,
  version: number,
  state: FormState,
  review: { reviewDate: string } | null = null,
) {
  const { pupil } = record;
  const to = decision.toStage ? stageLabel(record, decision.toStage) : stageLabel(record);
  return page(
    { title: `${decision.label}: ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">${stageLabel(record)}</span>
<h1>${decision.label}</h1>
${pupilSummary(record)}
${review ? html`<p>This decision follows the review of progress of ${dayInWords(review.reviewDate)}.</p>` : ""}
<p>Confirming this moves ${pupilName(record)} to ${to}.</p>
<p class="hint">${decision.source}</p>
<form method="post" action="/forms/pupils/${pupil.id}/decisions/${decision.move}" novalidate>
${hidden("expectedVersion", String(version))}
${dateInput({ name: "occurredOn", label: "The date it happened", hint: "For example, 27 3 2026", state })}
${textarea({ name: "reason", label: "Reason (optional)", rows: 3, state })}
<button class="button" type="submit">Confirm the decision</button>
</form>
<p><a href="/forms/pupils/${pupil.id}">Back to ${pupilName(record)}'s record</a></p>`,
  );
}

/**
 * The decision cannot be saved as seen: the record changed since the person looked, or the decision is not open at
 * the pupil's stage. Nothing was saved; the way back shows what is open now.
 */
export function decisionNotSavedPage(record: PupilRecord, why: "changed" | "notOpen") {
  const title = why === "changed" ? "The record changed before your decision was saved" : "This decision is not open now";
  return page(
    { title, script: null },
    html`<h1>${title}</h1>
<p>${
      why === "changed"
        ? `Someone else changed ${pupilName(record)}'s record while you were looking at it, so your decision was not saved. Nothing else was lost.`
        : `This decision is not one you can make for ${pupilName(record)} at the stage they are at now. Nothing was saved.`
    }</p>
<p>${pupilName(record)} is now at ${stageLabel(record)}.</p>
<p><a href="/forms/pupils/${record.pupil.id}#decisions-open">See the decisions open now</a></p>`,
  );
}
