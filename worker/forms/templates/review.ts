import { html } from "hono/html";
import type { parentViews, planTargets, plans } from "../../../schema/tables";
import { targetOutcomes } from "../../../schema/vocab";
import { choices, dateInput, hidden, textarea, textInput, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { areaOptions } from "../labels";
import { page } from "../../html";
import { contributorRows } from "./contributors";
import { oneTimeKeyField } from "./one-time-key";
import { decisionChoices, type DecisionOption } from "./decision";
import { pupilName, pupilSummary, stageLabel, type PupilRecord } from "./pupil-summary";

export type PlanUnderReview = typeof plans.$inferSelect & { targets: (typeof planTargets.$inferSelect)[] };

const outcomeLabels: Record<(typeof targetOutcomes)[number], string> = { achieved: "Achieved", partlyAchieved: "Partly achieved", notAchieved: "Not achieved" };

function targetOutcome(plan: PlanUnderReview, state: FormState) {
  return plan.targets.map(
    (target, index) => html`<fieldset class="target">
<legend class="legend--l"><h3>Target ${index + 1}: ${target.target}</h3></legend>
${hidden(`targetOutcomes.${index}.targetId`, target.id)}
${choices({ name: `targetOutcomes.${index}.outcome`, kind: "radio", label: "Outcome", options: targetOutcomes.map((o) => ({ value: o, label: outcomeLabels[o] })), state })}
${textarea({ name: `targetOutcomes.${index}.outcomeData`, label: "Outcome (including data)", rows: 2, state })}
</fieldset>`,
  );
}

function parentViewsGiven(views: (typeof parentViews.$inferSelect)[]) {
  if (!views.length) return "";
  return html`<div class="inset"><h2>The parents' views given before this review</h2>${views.map(
    (view) => html`<dl class="summary-list">
<dt>Given on</dt><dd>${dayInWords(view.submittedAt)}</dd>
${view.whatIsGoingWell ? html`<dt>What is going well</dt><dd>${view.whatIsGoingWell}</dd>` : ""}
${view.concerns ? html`<dt>Concerns</dt><dd>${view.concerns}</dd>` : ""}
${view.childViews ? html`<dt>The child's views</dt><dd>${view.childViews}</dd>` : ""}
${view.questionsForReview ? html`<dt>Questions for the review</dt><dd>${view.questionsForReview}</dd>` : ""}
</dl>`,
  )}</div>`;
}

/** Seed 000 Review of Progress: its sections in order, and exactly the decisions the pupil's framework and stage allow. */
export function reviewPage(
  record: PupilRecord,
  state: FormState,
  context: { plan: PlanUnderReview | null; decisions: DecisionOption[]; views: (typeof parentViews.$inferSelect)[] },
) {
  const { pupil } = record;
  const stage = stageLabel(record);
  return page(
    { title: `${stage} review of progress for ${pupilName(record)}`, form: state, script: "staff/review" },
    html`<span class="caption">${stage.toUpperCase()}</span>
<h1>Review of progress</h1>
${pupilSummary(record)}
${context.plan ? html`<p>Plan under review: written ${dayInWords(context.plan.dateWritten)}, due for review ${dayInWords(context.plan.reviewDate)}. <a href="/print/pupils/${pupil.id}/plans/${context.plan.id}">See the plan</a></p>` : html`<p>No plan has been written for this pupil yet.</p>`}
${parentViewsGiven(context.views)}
<form method="post" action="/forms/pupils/${pupil.id}/review" novalidate data-form="review">
${hidden("expectedVersion", String(pupil.version))}${context.plan ? hidden("planId", context.plan.id) : ""}
${oneTimeKeyField(state)}
${dateInput({ name: "reviewDate", label: "Date of review", state })}
${contributorRows(state, { rows: 6, legend: "Persons contributing to this review", hint: "It is essential to invite parents/carers and the pupil, where possible, to contribute." })}
${choices({ name: "areasOfConcern", kind: "checkbox", label: "Area(s) of concern", hint: "Select all that apply.", options: areaOptions(pupil.framework), state })}
${textarea({ name: "evaluation", label: "Evaluation of the pupil's performance and progress in relation to SEN criteria", hint: "How much progress has the pupil made against the targets set? Which strategies have been successful and which not? How does the pupil's performance compare with the SEN criteria?", rows: 6, state })}
${context.plan ? html`<h2>Outcome of each target</h2>${targetOutcome(context.plan, state)}` : ""}
${textarea({ name: "pupilViews", label: "Note of discussion with pupil (where appropriate)", rows: 3, state })}
${textarea({ name: "parentViews", label: "Note of contact/discussion with parents/carers", rows: 3, state })}
${textarea({ name: "externalAgencies", label: "External agencies involved (if any)", rows: 2, state })}
${
  context.decisions.length
    ? decisionChoices(context.decisions, state, { legend: "Decision following this review" })
    : html`<h2>Decision</h2><p>No decision is open at ${stage}: the review is saved without one.</p>`
}
<fieldset><legend class="legend--l"><h2>Signed</h2></legend>
${textInput({ name: "signedBy", label: "Signed by", state })}
${textInput({ name: "signedPosition", label: "Position", state })}
${dateInput({ name: "signedOn", label: "Date", state })}
</fieldset>
<button class="button" type="submit">${context.decisions.length ? "Save the review and its decision" : "Save the review"}</button>
</form>`,
  );
}
