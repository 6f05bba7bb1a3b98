import { html } from "hono/html";
import { select, textInput, textarea, type FormState, page } from "../../html";
import { frameworkIds, regions, schoolPhases } from "../../../schema/vocab";
import type { localAuthorities, outbox, schools } from "../../../schema/tables";
import { dayInWords } from "../../calendar/day-words";
import { frameworkLabels, optionsOf, phaseLabels, regionLabels } from "../labels";

/** The admin's pages (issue 17): the directory of LAs and schools, each school's embedding snippets, the outbox. */

type La = typeof localAuthorities.$inferSelect;
type School = typeof schools.$inferSelect;
type Message = Pick<
  typeof outbox.$inferSelect,
  "id" | "template" | "recipientEmail" | "status" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt" | "createdAt"
>;

const when = (at: string) => `${dayInWords(at)} at ${at.slice(11, 16)} UTC`;
const back = html`<p><a href="/staff/admin">Back to local authorities and schools</a></p>`;

export function directoryPage(las: La[], schoolRows: School[], notice?: string) {
  const laName = new Map(las.map((la) => [la.id, la.name]));
  return page(
    { title: "Local authorities and schools", script: null },
    html`<h1>Local authorities and schools</h1>
${notice ? html`<div class="panel panel--confirmation" role="status"><p>${notice}</p></div>` : ""}
<p><a href="/staff/admin/outbox">The outbox: mail failed, waiting and sent</a></p>
<h2>Local authorities</h2>
<p><a class="button" href="/staff/admin/las/new">Add a local authority</a></p>
<table>
<caption class="visually-hidden">Local authorities</caption>
<thead><tr><th scope="col">Name</th><th scope="col">LA number</th><th scope="col">Region</th><th scope="col">Records kept</th></tr></thead>
<tbody>${
      las.length
        ? las.map(
            (la) =>
              html`<tr><th scope="row"><a href="/staff/admin/las/${la.id}">${la.name}</a></th><td>${la.code}</td><td>${regionLabels[la.region]}</td><td>${la.retentionYearsAfterBirth} years after birth</td></tr>`,
          )
        : html`<tr><td colspan="4">No local authorities yet</td></tr>`
    }</tbody>
</table>
<h2>Schools</h2>
${las.length ? html`<p><a class="button" href="/staff/admin/schools/new">Add a school</a></p>` : html`<p>Add a local authority before its schools.</p>`}
<table>
<caption class="visually-hidden">Schools</caption>
<thead><tr><th scope="col">Name</th><th scope="col">URN</th><th scope="col">Local authority</th><th scope="col">Framework</th><th scope="col">Concern link</th></tr></thead>
<tbody>${
      schoolRows.length
        ? schoolRows.map(
            (school) =>
              html`<tr><th scope="row"><a href="/staff/admin/schools/${school.id}">${school.name}</a></th><td>${school.urn}</td><td>${laName.get(school.laId) ?? ""}</td><td>${frameworkLabels[school.framework]}</td><td>/s/${school.publicSlug}/concern</td></tr>`,
          )
        : html`<tr><td colspan="5">No schools yet</td></tr>`
    }</tbody>
</table>`,
  );
}

export function laFormPage(form: FormState, la: La | null) {
  const title = la ? `Change ${la.name}` : "Add a local authority";
  return page(
    { title, form, script: null },
    html`<h1>${title}</h1>
<form method="post" action="${la ? `/staff/admin/las/${la.id}` : "/staff/admin/las/new"}" novalidate>
${textInput({ name: "name", label: "Name", hint: "For example, Wirral Council", state: form })}
${textInput({ name: "code", label: "LA number", hint: "The DfE three-digit local authority number, for example 344", width: "4", state: form })}
${select({ name: "region", label: "Region", hint: "Its public holidays decide the working days of the LA's clocks", options: optionsOf(regionLabels, regions), state: form })}
${textInput({ name: "retentionYearsAfterBirth", label: "Years a closed SEN file is kept after the pupil's date of birth", hint: "Leave blank for 31 years", width: "4", state: form })}
<button class="button" type="submit">${la ? "Save changes" : "Add local authority"}</button>
</form>
${back}`,
  );
}

/** The two ways a school's website shows the concern form (README, "For school web managers"). */
export function embedSnippets(host: string, slug: string, origin: string) {
  return {
    script: `<script src="${host}/js/embed.js" data-school="${slug}" async></script>`,
    iframe: `<iframe src="${host}/s/${slug}/concern?embed=${origin}"\n        title="Tell the school about a concern" style="width:100%;height:2200px;border:0"></iframe>`,
  };
}

export function schoolFormPage(form: FormState, las: La[], school: School | null, host: string) {
  const title = school ? `Change ${school.name}` : "Add a school";
  const la = school ? las.find((candidate) => candidate.id === school.laId) : null;
  return page(
    { title, form, script: null },
    html`<h1>${title}</h1>
${
  school
    ? html`<h2>Concern link</h2><p>Parents can always use <a href="/s/${school.publicSlug}/concern">${host}/s/${school.publicSlug}/concern</a>.</p>
${
  school.embedOrigins.length
    ? html`<h2>To paste into the school's website</h2>
${school.embedOrigins.map((origin) => {
  const snippet = embedSnippets(host, school.publicSlug, origin);
  return html`<h3>${origin}</h3>
<p>The script tag (the form grows and shrinks with its content):</p>
<pre data-snippet="script"><code>${snippet.script}</code></pre>
<p>Or, where the website allows no scripts, the frame:</p>
<pre data-snippet="iframe"><code>${snippet.iframe}</code></pre>`;
})}`
    : html`<p>No website is registered to embed the form yet.</p>`
}`
    : ""
}
<form method="post" action="${school ? `/staff/admin/schools/${school.id}` : "/staff/admin/schools/new"}" novalidate>
${school ? html`<p>Local authority: ${la?.name ?? ""}</p>` : select({ name: "laId", label: "Local authority", options: las.map((option) => ({ value: option.id, label: option.name })), state: form })}
${textInput({ name: "name", label: "Name", state: form })}
${textInput({ name: "urn", label: "Unique reference number (URN)", hint: "6 digits, from Get Information About Schools", width: "10", state: form })}
${select({ name: "phase", label: "Phase", options: optionsOf(phaseLabels, schoolPhases), state: form })}
${select({ name: "framework", label: "Framework", hint: "The code of practice the school's pupils' records follow", options: optionsOf(frameworkLabels, frameworkIds), state: form })}
${select({ name: "region", label: "Region", options: optionsOf(regionLabels, regions), state: form })}
${textInput({ name: "publicSlug", label: "Public address name", hint: "Lower-case letters, digits and hyphens: the concern link is /s/this-name/concern", spellcheck: false, state: form })}
${textarea({ name: "embedOrigins", label: "Websites that may embed the concern form (optional)", hint: "One origin a line, like https://www.school.example, with no path. Up to 10.", rows: 3, state: form })}
<button class="button" type="submit">${school ? "Save changes" : "Add school"}</button>
</form>
${back}`,
  );
}

export function outboxPage(groups: { status: Message["status"]; title: string; messages: Message[] }[], notice?: string) {
  return page(
    { title: "Outbox", script: null },
    html`<h1>Outbox</h1>
${notice ? html`<div class="panel panel--confirmation" role="status"><p>${notice}</p></div>` : ""}
<p>Who each message went to and how it went; never what it said, which may name a pupil.</p>
${groups.map(
  (group) => html`<h2>${group.title}</h2>
<table class="table--wide">
<caption class="visually-hidden">${group.title}</caption>
<thead><tr><th scope="col">To</th><th scope="col">Message</th><th scope="col">Attempts</th><th scope="col">${group.status === "sent" ? "Sent" : "Next attempt"}</th>${group.status === "failed" ? html`<th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Action</span></th>` : ""}</tr></thead>
<tbody>${
    group.messages.length
      ? group.messages.map(
          (message) =>
            html`<tr><th scope="row">${message.recipientEmail ?? "By role"}</th><td>${message.template}</td><td>${message.attempts}</td><td>${when(group.status === "sent" && message.sentAt ? message.sentAt : message.nextAttemptAt)}</td>${
              group.status === "failed"
                ? html`<td>${message.lastError ?? ""}</td><td><form method="post" action="/staff/admin/outbox/${message.id}/retry"><button class="button button--secondary" type="submit">Retry<span class="visually-hidden"> the message to ${message.recipientEmail ?? "its recipients"}</span></button></form></td>`
                : ""
            }</tr>`,
        )
      : html`<tr><td colspan="${group.status === "failed" ? 6 : 4}">None</td></tr>`
  }</tbody>
</table>`,
)}
${back}`,
  );
}
