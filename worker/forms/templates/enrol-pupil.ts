import { html } from "hono/html";
import { choices, dateInput, hidden, page, select, textInput, type FormState } from "../../html";
import type { schools } from "../../../schema/tables";
import { frameworkFor } from "../../workflow/frameworks";
import { needTypeOptions, provisionLabels, yearGroupOptions } from "../labels";

type School = typeof schools.$inferSelect;

/** The framework's stages, each with the census provision code a pupil there is recorded under. */
const stageOptions = (school: School) =>
  Object.entries(frameworkFor(school.framework).stages).map(([value, stage]) => ({
    value,
    label: stage.label,
    hint: `School census: ${provisionLabels[stage.provisionCode]}`,
  }));

/**
 * One pupil typed in by the SENCO or head: who they are, and where their SEN provision stands today. From a parent's
 * concern, the form starts with what the parent gave and goes back to the concern once the pupil is enrolled.
 */
export function enrolPupilPage(school: School, state: FormState, concernId: string | null) {
  return page(
    { title: "Enrol a pupil", form: state, script: null },
    html`<span class="caption">${school.name}</span>
<h1>Enrol a pupil</h1>
<p>Add a pupil to Stepwise at the stage their current SEN provision puts them at.</p>
<form method="post" action="/forms/schools/${school.id}/pupils" novalidate>
${concernId ? hidden("concernId", concernId) : ""}
${textInput({ name: "upn", label: "Unique pupil number (UPN)", hint: "13 characters, starting with a letter, as your MIS records it. A temporary UPN ends in a letter.", width: "10", spellcheck: false, state })}
${textInput({ name: "givenName", label: "First name", hint: "The pupil's legal forename", autocomplete: "off", spellcheck: false, state })}
${textInput({ name: "familyName", label: "Last name", hint: "The pupil's legal surname", autocomplete: "off", spellcheck: false, state })}
${dateInput({ name: "dateOfBirth", label: "Date of birth", hint: "For example, 27 3 2017", state })}
${select({ name: "yearGroup", label: "Year group", hint: "The pupil's national curriculum year", options: yearGroupOptions, state })}
${choices({ name: "stage", kind: "radio", label: "Where the pupil's SEN provision stands today", hint: `The stages of the ${frameworkFor(school.framework).name}. A pupil new to the school's SEN work starts at the first.`, options: stageOptions(school), state })}
${select({ name: "primaryNeed", label: "Primary need (optional for no SEN provision)", hint: "The school census needs one for every pupil with SEN support or an EHC plan", options: needTypeOptions, state })}
${select({ name: "secondaryNeed", label: "Secondary need (optional)", options: needTypeOptions, state })}
<button class="button" type="submit">Enrol the pupil</button>
</form>
<p><a href="${concernId ? `/forms/schools/${school.id}/parent-concerns/${concernId}` : `/dashboard/schools/${school.id}`}">${concernId ? "Back to the parent's concern" : "Back to the SEN register"}</a></p>`,
  );
}
