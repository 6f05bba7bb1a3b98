import { html } from "hono/html";
import { yearGroups, type FrameworkId } from "../../../schema/vocab";
import { choices, dateInput, hidden, select, textarea, textInput, type FormState } from "../../html";
import { plainAreaOptions, yearGroupLabel } from "../labels";
import { page } from "../../html";

export type ParentConcernPage = {
  school: { name: string; publicSlug: string; framework: FrameworkId };
  state: FormState;
  idempotencyKey: string;
  embedOrigin: string | null;
};

/** The parent's Record of Concern (seed 000 in plain words): the one template for the first view and every re-render. */
export function parentConcernPage({ school, state, idempotencyKey, embedOrigin }: ParentConcernPage) {
  return page(
    { title: `Tell ${school.name} about a concern`, form: state, embedOrigin },
    html`<span class="caption">${school.name}</span>
<h1>Tell the school you are worried about your child's learning or development</h1>
<p>The school's special educational needs co-ordinator (SENCO) will read this, and will contact you to talk about it.
You do not need an account. Questions marked optional can be left blank.</p>
<form method="post" action="/s/${school.publicSlug}/concern" novalidate data-form="parentConcern">
${hidden("idempotencyKey", idempotencyKey)}${embedOrigin ? hidden("embedOrigin", embedOrigin) : ""}
<div class="honeypot" aria-hidden="true"><label for="website">Leave this field empty</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<fieldset>
<legend class="legend--l"><h2>About your child</h2></legend>
${textInput({ name: "childName", label: "Your child's full name", state, autocomplete: "off", spellcheck: false })}
${dateInput({ name: "childDateOfBirth", label: "Your child's date of birth", hint: "For example, 27 3 2017", state })}
${select({ name: "childYearGroup", label: "Your child's year group", state, options: yearGroups.map((year) => ({ value: year, label: yearGroupLabel(year) })) })}
</fieldset>
<fieldset>
<legend class="legend--l"><h2>About you</h2></legend>
${textInput({ name: "parentName", label: "Your full name", state, autocomplete: "name", spellcheck: false })}
${textInput({ name: "parentRelationship", label: "Your relationship to the child", hint: "For example, mother, father, grandparent, foster carer", state })}
${textInput({ name: "parentEmail", label: "Your email address (optional if you give a telephone number)", hint: "We will send you a reference and tell you what happens next", type: "email", autocomplete: "email", spellcheck: false, state })}
${textInput({ name: "parentPhone", label: "Your telephone number (optional if you give an email address)", type: "tel", autocomplete: "tel", width: "10", state })}
</fieldset>
<h2>Your concern</h2>
${choices({ name: "areasOfConcern", kind: "checkbox", label: "What is your concern about? (optional)", hint: "Select all that apply. If you are not sure, leave these blank.", options: plainAreaOptions(school.framework), state })}
${textarea({ name: "description", label: "What are you worried about?", hint: "Tell us what your child finds hard, and since when. Examples help.", rows: 6, state })}
${textarea({ name: "strategiesUsed", label: "What has been tried so far, at home or at school? (optional)", state })}
${textarea({ name: "strategyOutcomes", label: "What helped, and what did not? (optional)", state })}
${textarea({ name: "pupilDiscussion", label: "What does your child say about it? (optional)", state })}
${textarea({ name: "parentDiscussion", label: "Have you talked to anyone at the school about this? (optional)", hint: "For example, the class teacher, and when", state })}
${textarea({ name: "externalAgencies", label: "Is anyone else helping your child? (optional)", hint: "For example, a doctor, health visitor, speech and language therapist or social worker", state })}
<button class="button" type="submit" data-prevent-double-click>Send to the school</button>
</form>`,
  );
}
