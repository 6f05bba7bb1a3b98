import { html } from "hono/html";
import { button, dateInput, notificationBanner, page, summaryList, textInput, type FormState } from "../../html";
import type { closureOf } from "../../records/leaving";
import { dayInWords } from "../../calendar/day-words";

type Pupil = { id: string; givenName: string; familyName: string; schoolId: string };
type Closure = NonNullable<Awaited<ReturnType<typeof closureOf>>>;

/**
 * Issue 18: a pupil leaving for a school or setting not on Stepwise. First the CTF for the receiving school, then the
 * day they left and where to, which closes the record; once closed, the page says so and when it is erased.
 */
export function leavingPage(pupil: Pupil, state: FormState, closure: Closure | null) {
  const name = `${pupil.givenName} ${pupil.familyName}`;
  const back = html`<p><a href="/dashboard/schools/${pupil.schoolId}">Back to the SEN register</a></p>`;
  if (closure) {
    return page(
      { title: `${name} has left`, script: null },
      html`<span class="caption">${name}</span>
<h1>${name} has left</h1>
${notificationBanner({ heading: "The record is closed", success: true, body: html`<p>${closure.reason ?? "Record closed"}.</p>` })}
${summaryList([
  { key: "Closed on", value: dayInWords(closure.closedAt.slice(0, 10)) },
  { key: "Kept until", value: dayInWords(closure.erasedOn) },
])}
<p>No more changes can be made to the record. It is kept, as the data protection rules require, until the pupil's date of birth plus your LA's retention period, and then erased.</p>
${back}`,
    );
  }
  return page(
    { title: "Record that the pupil has left", form: state, script: null },
    html`<span class="caption">${name}</span>
<h1>Record that the pupil has left</h1>
<p>For a pupil moving to a school or setting that does not use Stepwise. If the new school uses Stepwise, <a href="/forms/pupils/${pupil.id}/transfer">transfer the record</a> instead.</p>
<h2>1. Send the Common Transfer File</h2>
<p>Download the pupil's Common Transfer File (CTF) with their SEN provision, needs and SEN history, and send it to the new school the way your school sends CTFs (the DfE's School to School service).</p>
<p><a href="/forms/pupils/${pupil.id}/ctf" download>Download the Common Transfer File</a></p>
<h2>2. Record that they left</h2>
<p>This closes the record: no more changes can be made, running deadlines stop, and the record is kept until the pupil's date of birth plus your LA's retention period, then erased.</p>
<form method="post" action="/forms/pupils/${pupil.id}/leaving" novalidate>
${dateInput({ name: "leftOn", label: "The date the pupil left", hint: "For example, 17 7 2026", state })}
${textInput({ name: "destination", label: "The school or setting they went to (optional)", hint: "Its name and URN if you know them. Leave blank if not known", state })}
${button({ text: "Record that they left and close the record", variant: "warning", preventDoubleClick: true })}
</form>
<p><a href="/forms/pupils/${pupil.id}">Back to ${name}'s record</a></p>`,
  );
}
