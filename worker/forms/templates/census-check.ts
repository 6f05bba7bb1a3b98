import { html } from "hono/html";
import type { CensusCheck } from "../../dashboards/census-check";
import { page } from "../../html";

/** The census check of the SEN register: what the school census would refuse, pupil by pupil. */
export function censusCheckPage(school: { id: string; name: string }, check: CensusCheck) {
  const clean = check.noPrimaryNeed.length === 0 && check.noProvision.length === 0;
  return page(
    { title: "Census check of the SEN register", script: null },
    html`<span class="caption">${school.name}</span>
<h1>Census check of the SEN register</h1>
<p>The school census needs an SEN provision code for every pupil, and a primary need for every pupil with SEN support (K) or an EHC plan (E).</p>
${clean ? html`<div class="panel panel--confirmation" role="status"><p>Every pupil has a provision code, and every pupil with SEN provision a primary need.</p></div>` : ""}
${
  check.noPrimaryNeed.length
    ? html`<table>
  <caption>Pupils with SEN provision but no primary need (${check.noPrimaryNeed.length})</caption>
  <thead><tr><th scope="col">Pupil</th><th scope="col">UPN</th><th scope="col">Stage</th><th scope="col">Provision code</th></tr></thead>
  <tbody>${check.noPrimaryNeed.map((pupil) => html`<tr><td><a href="/forms/pupils/${pupil.id}">${pupil.givenName} ${pupil.familyName}</a></td><td>${pupil.upn}</td><td>${pupil.stageLabel}</td><td>${pupil.provisionCode}</td></tr>`)}</tbody>
</table>`
    : ""
}
${
  check.noProvision.length
    ? html`<table>
  <caption>Pupils without a provision code (${check.noProvision.length})</caption>
  <thead><tr><th scope="col">Pupil</th><th scope="col">UPN</th><th scope="col">Stage recorded</th></tr></thead>
  <tbody>${check.noProvision.map((pupil) => html`<tr><td><a href="/forms/pupils/${pupil.id}">${pupil.givenName} ${pupil.familyName}</a></td><td>${pupil.upn}</td><td>${pupil.stage}</td></tr>`)}</tbody>
</table>`
    : ""
}
<p><a href="/dashboard/schools/${school.id}">Back to the SEN register</a></p>`,
  );
}
