import { html } from "hono/html";
import { choices, dateInput, textarea, type FormState } from "../../html";
import { areaOptions } from "../labels";
import { page } from "../../html";
import { oneTimeKeyField } from "./one-time-key";
import { contributorRows } from "./contributors";
import { pupilName, pupilSummary, type PupilRecord } from "./pupil-summary";

/** Seed 000 SEN Record of Concern, the staff version: every section in the seed's order and words. */
export function staffConcernPage(record: PupilRecord, state: FormState) {
  const { pupil } = record;
  return page(
    { title: `Record of Concern for ${pupilName(record)}`, form: state, script: "staff/concern" },
    html`<span class="caption">SEN Record of Concern</span>
<h1>Record a concern</h1>
${pupilSummary(record)}
<form method="post" action="/forms/pupils/${pupil.id}/concern" novalidate data-form="recordOfConcern">
${oneTimeKeyField(state)}
${contributorRows(state, { rows: 6, legend: "Persons contributing to this Record of Concern" })}
${choices({ name: "areasOfConcern", kind: "checkbox", label: "Area(s) of concern", hint: "Select all that apply.", options: areaOptions(pupil.framework), state })}
${textarea({ name: "description", label: "Brief description of difficulty", state })}
${textarea({ name: "evidence", label: "Evidence of the pupil's performance with reference to criteria", state })}
${textarea({ name: "strategiesUsed", label: "Details of strategies which have been used with this pupil within ordinary differentiated provision", hint: "These might include individual and group support within the ordinary classroom from staff/other adults, reward systems, alternative resources for this pupil, teaching styles matched to need.", state })}
${textarea({ name: "strategyOutcomes", label: "Details of outcomes and successes in response to these strategies", state })}
${textarea({ name: "pupilDiscussion", label: "Note of discussion with pupil (where appropriate)", rows: 3, state })}
${textarea({ name: "parentDiscussion", label: "Note of contact/discussion with parents/carers", rows: 3, state })}
${textarea({ name: "externalAgencies", label: "External agencies involved (if any)", rows: 2, state })}
<fieldset><legend class="legend--l"><h2>Signed (optional)</h2></legend>
${dateInput({ name: "sencoSignedAt", label: "Date signed by the SENCO", state })}
${dateInput({ name: "teacherSignedAt", label: "Date signed by the teacher", state })}
${dateInput({ name: "parentSignedAt", label: "Date signed by the parent/carer", state })}
</fieldset>
<p>The action following discussion with the SEN Co-ordinator is recorded on the saved Record of Concern.</p>
<button class="button" type="submit">Save the Record of Concern</button>
</form>`,
  );
}
