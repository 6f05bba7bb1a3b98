import { html } from "hono/html";
import type { recordsOfConcern, schools } from "../../../schema/tables";
import type { YearGroup } from "../../../schema/vocab";
import { areaLabel } from "../../dashboards/words";
import type { MatchCandidate } from "../../concerns/school-inbox";
import { choices, dateInput, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { yearGroupLabel } from "../labels";
import { page } from "../../html";

type ParentConcern = typeof recordsOfConcern.$inferSelect;

const row = (label: string, value: string | null | undefined) => html`<dt>${label}</dt><dd>${value || "Not given"}</dd>`;

/**
 * A parent's concern as the school reads it: the child and parent as the parent gave them, what they are worried
 * about, the date the parent was told to expect contact, and where the SENCO records that contact.
 */
export function parentConcernInboxPage(school: typeof schools.$inferSelect, concern: ParentConcern, state: FormState, candidates: MatchCandidate[]) {
  const base = `/forms/schools/${school.id}/parent-concerns/${concern.id}`;
  const enrolFromHere = `/forms/schools/${school.id}/pupils/new?concern=${concern.id}`;
  return page(
    { title: `A parent's concern: ${concern.reference}`, form: state, script: null },
    html`<span class="caption">${school.name}: a concern from a parent</span>
<h1>Concern about ${concern.childName ?? "a child"}</h1>
<dl class="summary-list">
  ${row("Reference", concern.reference)}
  ${row("Received", dayInWords(concern.createdAt.slice(0, 10)))}
  ${row("The parent was told to expect contact by", concern.respondBy ? dayInWords(concern.respondBy, "long") : null)}
  ${row("Child's name", concern.childName)}
  ${row("Child's date of birth", concern.childDateOfBirth ? dayInWords(concern.childDateOfBirth) : null)}
  ${row("Year group", concern.childYearGroup ? yearGroupLabel(concern.childYearGroup as YearGroup) : null)}
  ${row("Parent or carer", concern.parentName)}
  ${row("Relationship to the child", concern.parentRelationship)}
  ${row("Email", concern.parentEmail)}
  ${row("Telephone", concern.parentPhone)}
  ${row("Areas of concern", concern.areasOfConcern.map(areaLabel).join(", "))}
</dl>
<h2>What the parent says</h2>
<p class="print-text">${concern.description}</p>
<h2>Contact with the parent</h2>
${concern.respondedOn ? html`<p>The school contacted the parent on ${dayInWords(concern.respondedOn, "long")}.</p>` : html`<p>Not yet recorded.</p>`}
<form method="post" action="${base}/contacted" novalidate class="no-print">
${dateInput({ name: "on", label: concern.respondedOn ? "Change the date the school contacted the parent" : "Record the date the school contacted the parent", state })}
<button class="button" type="submit">Record the contact</button>
</form>
<h2>The pupil's record</h2>
${
  concern.pupilId
    ? html`<p>This concern is on <a href="/forms/pupils/${concern.pupilId}">the pupil's record</a>.</p>`
    : candidates.length
      ? html`<form method="post" action="${base}/match" novalidate class="no-print">
${choices({
  name: "pupilId",
  kind: "radio",
  label: "Which pupil is this concern about?",
  hint: "Pupils at the school born on the day the parent gave, or with the same family name. The concern becomes the pupil's Record of Concern.",
  options: candidates.map((pupil) => ({
    value: pupil.id,
    label: `${pupil.givenName} ${pupil.familyName}`,
    hint: `Born ${dayInWords(pupil.dateOfBirth)}, ${yearGroupLabel(pupil.yearGroup as YearGroup)}, UPN ${pupil.upn}`,
  })),
  state,
})}
<button class="button" type="submit">Add to this pupil's record</button>
</form>
<p class="no-print">Not one of these? <a href="${enrolFromHere}">Enrol the pupil</a>, then add this concern to their record.</p>`
      : html`<p>No pupil at the school was born on the day the parent gave or has the same family name.</p>
<p class="no-print"><a class="button" href="${enrolFromHere}">Enrol the pupil</a></p>
<p>Once the pupil is enrolled you come back here to add this concern to their record.</p>`
}
<p class="no-print"><a href="/dashboard/schools/${school.id}#parent-concerns">Back to the SEN register</a></p>`,
  );
}
