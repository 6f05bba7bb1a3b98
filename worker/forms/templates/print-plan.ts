import { html } from "hono/html";
import type { FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { page } from "../../html";
import { copyToParents, textOrBlank, backToPupil } from "./print-parts";
import { pupilName, stageLabel, type PupilRecord } from "./pupil-summary";
import type { PlanUnderReview } from "./review";

const outcomeWords = { achieved: "Achieved", partlyAchieved: "Partly achieved", notAchieved: "Not achieved" } as const;

/** Seed 000 IEP as printed: the heading row, objective and baseline, then targets | strategies | outcome (including data). */
export function planPrint(record: PupilRecord, plan: PlanUnderReview, copyForm: FormState) {
  const { pupil, school } = record;
  return page(
    { title: `Individual Education Plan for ${pupilName(record)}`, form: copyForm, script: "staff/print", print: true },
    html`<h1>${plan.kind === "ibp" ? "Individual Education Plan (IBP)" : "Individual Education Plan (IEP)"}</h1>
<p class="caption">For: ${stageLabel(record, plan.stage).toUpperCase()} &middot; Unique pupil number ${pupil.upn}</p>
<table class="print-table"><caption class="visually-hidden">The pupil and the plan's dates</caption>
<thead><tr><th scope="col">Name</th><th scope="col">DOB</th><th scope="col">School</th><th scope="col">Date plan written</th><th scope="col">Date for review</th></tr></thead>
<tbody><tr><td>${pupilName(record)}</td><td>${dayInWords(pupil.dateOfBirth)}</td><td>${school.name}</td><td>${dayInWords(plan.dateWritten)}</td><td>${dayInWords(plan.reviewDate)}</td></tr></tbody></table>
<div class="print-columns"><section><h2>Objective</h2>${textOrBlank(plan.objective)}</section><section><h2>Baseline assessment</h2>${textOrBlank(plan.baseline)}</section></div>
<table class="print-table print-targets"><caption>Specific targets, strategies and outcomes</caption>
<thead><tr><th scope="col">Specific targets</th><th scope="col">Strategies</th><th scope="col">Outcome (including data)</th></tr></thead>
<tbody>${plan.targets.map(
      (target) => html`<tr>
<td><p class="print-text">${target.target}</p><p class="print-text"><strong>Criteria for success:</strong> ${target.successCriteria}</p></td>
<td><dl class="strategies"><dt>Teaching materials</dt><dd>${target.materials}</dd><dt>Teaching methods</dt><dd>${target.methods}</dd><dt>Who</dt><dd>${target.deliveredBy}</dd><dt>Size of teaching group</dt><dd>${target.groupSize}</dd><dt>Frequency</dt><dd>${target.frequency}</dd></dl></td>
<td>${target.outcome ? html`<strong>${outcomeWords[target.outcome]}</strong>` : ""}${target.outcomeData ? html`<p class="print-text">${target.outcomeData}</p>` : ""}</td>
</tr>`,
    )}</tbody></table>
<p class="hint">Targets should be specific, measurable, achievable, resourced and within a planned timescale. They should include criteria for success.</p>
${plan.supportAtHome ? html`<h2>Help at home</h2>${textOrBlank(plan.supportAtHome)}` : ""}
${plan.pupilViews ? html`<h2>The pupil's views</h2>${textOrBlank(plan.pupilViews)}` : ""}
${plan.parentViews ? html`<h2>The parents' views</h2>${textOrBlank(plan.parentViews)}` : ""}
${copyToParents("Copy given to parent on", plan.copyGivenToParentOn, `/print/pupils/${pupil.id}/plans/${plan.id}/copy-to-parents`, copyForm)}
${backToPupil(pupil.id, pupilName(record))}`,
  );
}
