import { html } from "hono/html";
import type { recordsOfConcern } from "../../../schema/tables";
import type { YearGroup } from "../../../schema/vocab";
import { frameworkFor } from "../../workflow/frameworks";
import { decisionsOnForm } from "../../workflow/transition";
import { choices, hidden, textarea, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { areaOptions, yearGroupLabel } from "../labels";
import { page } from "../../html";
import { contributorsTable, copyToParents, dateOrBlank, markedOptions, textOrBlank, backToPupil } from "./print-parts";
import { pupilName, type PupilRecord } from "./pupil-summary";

/** Age in whole years and months on a date, as the seed's "Age: Years Months". */
function ageOn(dateOfBirth: string, on: string) {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.slice(0, 10).split("-").map(Number) as [number, number, number];
  const months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
  return `${Math.floor(months / 12)} years ${months % 12} months`;
}

/** Seed 000 SEN Record of Concern as printed: every section, the SENCO's action with the options of the framework. */
export type SencoActionForm = { version: number; state: FormState };

/** The SENCO records the action on screen (not in print) while the pupil waits at the stage a concern leads to. */
function sencoActionForm(action: string, options: { value: string; label: string }[], form: SencoActionForm) {
  return html`<form class="no-print panel" id="senco-action" method="post" action="${action}" novalidate data-form="move">
${hidden("expectedVersion", String(form.version))}
${choices({ name: "move", kind: "radio", label: "Record the action following discussion with the SEN Co-ordinator", options, state: form.state })}
${textarea({ name: "reason", label: "Reason (optional)", rows: 2, state: form.state })}
<button class="button" type="submit">Record the action</button>
</form>`;
}

export function concernPrint(record: PupilRecord, concern: typeof recordsOfConcern.$inferSelect, copyForm: FormState, actionForm?: SencoActionForm) {
  const { pupil, school } = record;
  const framework = frameworkFor(pupil.framework);
  const stageAfterConcern = framework.moves.raiseConcern?.to;
  const actions = (typeof stageAfterConcern === "string" ? decisionsOnForm(framework, stageAfterConcern, "recordOfConcern", "school") : []).map((id) => ({
    value: id,
    label: framework.moves[id]!.label,
  }));
  // The concern's own move (raiseConcern) is recorded on it too: only one of the SENCO's actions counts as taken.
  const taken = actions.some((action) => action.value === concern.sencoAction);
  const actionOpen = actionForm && !taken && pupil.stage === stageAfterConcern;
  return page(
    {
      title: `Record of Concern for ${pupilName(record)}`,
      errors: [...copyForm.errors, ...(actionForm?.state.errors ?? [])],
      script: "staff/print",
      print: true,
    },
    html`<h1>SEN Record of Concern</h1>
<dl class="summary-list"><dt>Name of pupil</dt><dd>${pupilName(record)}</dd>
<dt>D.O.B.</dt><dd>${dayInWords(pupil.dateOfBirth)} (age ${ageOn(pupil.dateOfBirth, concern.createdAt)})</dd>
<dt>Year group</dt><dd>${yearGroupLabel(pupil.yearGroup as YearGroup)}</dd><dt>Name of school</dt><dd>${school.name}</dd>
<dt>Raised</dt><dd>${dayInWords(concern.createdAt)}${concern.raisedBy === "parent" ? html` by the parent/carer (reference ${concern.reference})` : ""}</dd></dl>
${contributorsTable(concern.contributors, "Persons contributing to this Record of Concern")}
<h2>Area(s) of concern</h2>${markedOptions(areaOptions(pupil.framework), concern.areasOfConcern)}
<h2>Brief description of difficulty</h2>${textOrBlank(concern.description)}
<h2>Evidence of the pupil's performance with reference to criteria</h2>${textOrBlank(concern.evidence)}
<h2>Details of strategies which have been used with this pupil within ordinary differentiated provision</h2>${textOrBlank(concern.strategiesUsed)}
<h2>Details of outcomes and successes in response to these strategies</h2>${textOrBlank(concern.strategyOutcomes)}
<h2>Note of discussion with pupil (where appropriate)</h2>${textOrBlank(concern.pupilDiscussion)}
<h2>Note of contact/discussion with parents/carers</h2>${textOrBlank(concern.parentDiscussion)}
<h2>External agencies involved (if any)</h2>${textOrBlank(concern.externalAgencies)}
${actions.length ? html`<h2>Action following discussion with the SEN Co-ordinator</h2>${markedOptions(actions, concern.sencoAction ? [concern.sencoAction] : [])}` : ""}
${actionOpen && actions.length ? sencoActionForm(`/print/pupils/${pupil.id}/concerns/${concern.id}/senco-action`, actions, actionForm) : ""}
${actionForm && !actions.length ? html`<p class="no-print">Under this framework the action is not recorded on the Record of Concern: <a href="/forms/pupils/${pupil.id}#decisions-open">see the decisions open now</a>.</p>` : ""}
<p class="signature"><strong>Signed:</strong> (SENCO) ${dateOrBlank(concern.sencoSignedAt)} &middot; (Teacher) ${dateOrBlank(concern.teacherSignedAt)} &middot; Parent/Carer ${dateOrBlank(concern.parentSignedAt)}</p>
<p class="hint"><strong>NB</strong> It should not necessarily be expected that the child will "catch up" in his or her attainments since some children will always have learning difficulties. What is significant is the extent of their learning difficulties and their rate of progress.</p>
${copyToParents("Copy given to parents/carers on", concern.copyGivenToParentsOn, `/print/pupils/${pupil.id}/concerns/${concern.id}/copy-to-parents`, copyForm)}
${backToPupil(pupil.id, pupilName(record))}`,
  );
}
