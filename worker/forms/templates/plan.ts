import { html } from "hono/html";
import { planKinds } from "../../../schema/vocab";
import { choices, dateInput, errorMessage, errorOf, hidden, page, textarea, type FormState } from "../../html";
import { oneTimeKeyField } from "./one-time-key";
import { decisionChoices, type DecisionOption } from "./decision";
import { pupilName, pupilSummary, stageLabel, type PupilRecord } from "./pupil-summary";

const targetSlots = [0, 1, 2, 3, 4];

/** Seed 000 "Strategies (how the child will be taught)": each feature, with the seed's own examples as hints on the first target (the others ask the same). */
const strategyFields = [
  { key: "materials", label: "Teaching materials", hint: "For example, what books, equipment, schemes etc will be used" },
  { key: "methods", label: "Teaching methods", hint: "For example, guided reading and writing, peer tutoring, precision teaching" },
  { key: "deliveredBy", label: "Who will teach or work with the child", hint: "For example, teacher, classroom assistant, parent" },
  { key: "groupSize", label: "Size of teaching group", hint: "For example, one to one, group of four pupils per adult" },
  { key: "frequency", label: "Frequency", hint: "For example, daily, three times a week, ten minutes a day" },
] as const;

function targetFieldset(index: number, state: FormState) {
  const name = (key: string) => `targets.${index}.${key}`;
  return html`<fieldset class="target">
<legend class="legend--l"><h3>Specific target ${index + 1}${index >= 3 ? " (optional)" : ""}</h3></legend>
${textarea({ name: name("target"), label: "Target", rows: 3, state })}
${textarea({ name: name("successCriteria"), label: "Criteria for success", rows: 2, state })}
${strategyFields.map((field) => textarea({ name: name(field.key), label: field.label, ...(index === 0 ? { hint: field.hint } : {}), rows: 2, state }))}
</fieldset>`;
}

/** The targets as one group, so "A plan has 3 to 5 SMART targets" has a place to link to and stand beside. */
function targetsGroup(state: FormState) {
  const error = errorOf(state, "targets");
  return html`<div class="form-group${error ? " form-group--error" : ""}" id="targets" tabindex="-1">
${errorMessage("targets", error)}${targetSlots.map((index) => targetFieldset(index, state))}
</div>`;
}

/** Seed 000 Individual Education Plan (IEP / IBP) with 3 to 5 SMART targets; the one template for every render. */
export function planPage(record: PupilRecord, state: FormState, decisions: DecisionOption[]) {
  const { pupil } = record;
  return page(
    { title: `Individual Education Plan for ${pupilName(record)}`, form: state, script: "staff/plan" },
    html`<span class="caption">For: ${stageLabel(record).toUpperCase()}</span>
<h1>Individual Education Plan (IEP)</h1>
${pupilSummary(record)}
<form method="post" action="/forms/pupils/${pupil.id}/plan" novalidate data-form="plan">
${hidden("expectedVersion", String(pupil.version))}
${oneTimeKeyField(state)}
${choices({ name: "kind", kind: "radio", label: "Kind of plan", options: planKinds.map((kind) => ({ value: kind, label: kind === "iep" ? "Individual Education Plan (IEP)" : "Individual Behaviour Plan (IBP)" })), state })}
${dateInput({ name: "dateWritten", label: "Date plan written", state })}
${dateInput({ name: "reviewDate", label: "Date for review", hint: "Reviewed at least twice a year, ideally termly. For example, 27 3 2027", state })}
${textarea({ name: "objective", label: "Objective", state })}
${textarea({ name: "baseline", label: "Baseline assessment", state })}
<h2>Specific targets and strategies</h2>
<p class="hint">Targets should be specific, measurable, achievable, resourced and within a planned timescale. They should include criteria for success. Write 3 to 5 targets; the outcome of each (with data) is recorded at the review.</p>
${targetsGroup(state)}
${textarea({ name: "supportAtHome", label: "What help parents can give at home (optional)", state })}
${textarea({ name: "pupilViews", label: "The pupil's views (optional)", state })}
${textarea({ name: "parentViews", label: "The parents' views (optional)", state })}
${decisions.length ? decisionChoices(decisions, state, { optional: true, legend: "Decision recorded with this plan (optional)" }) : ""}
<button class="button" type="submit">Save the plan</button>
</form>`,
  );
}
