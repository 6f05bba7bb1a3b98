import { html } from "hono/html";
import { hidden, page } from "../../html";
import type { schools } from "../../../schema/tables";
import type { ImportPlan } from "../../pupils/register-import";
import type { RowProblem } from "../../pupils/register-file";
import { frameworkFor } from "../../workflow/frameworks";

type School = typeof schools.$inferSelect;
type Done = { added: number; updated: number; unchanged: number };

const fileField = "registerFile";

function problemsTable(problems: RowProblem[]) {
  return html`<table>
  <caption>Rows to fix (${problems.length})</caption>
  <thead><tr><th scope="col">Line</th><th scope="col">Column</th><th scope="col">What is wrong</th></tr></thead>
  <tbody>${problems.map((problem) => html`<tr><td>${problem.line}</td><td>${problem.column}</td><td>${problem.reason}</td></tr>`)}</tbody>
</table>`;
}

const uploadForm = (
  school: School,
  error: string | null,
) => html`<form method="post" action="/forms/schools/${school.id}/register-import" enctype="multipart/form-data" novalidate>
<div class="form-group${error ? " form-group--error" : ""}">
  <label class="label" for="${fileField}">Upload the register (CSV)</label>
  <div id="${fileField}-hint" class="hint">Export it from SIMS, Arbor, Bromcom or ScholarPack as CSV with one row a pupil: UPN, legal surname, forename, date of birth, NC year, SEN provision (N, K or E), primary and secondary need (census codes such as SPLD or ASD), and optionally each pupil's class teacher (their name or email).</div>
  ${error ? html`<p id="${fileField}-error" class="error-message">${error}</p>` : ""}
  <input class="file-upload${error ? " input--error" : ""}" id="${fileField}" name="${fileField}" type="file" accept=".csv,text/csv" aria-describedby="${fileField}-hint${error ? ` ${fileField}-error` : ""}">
</div>
<button class="button" type="submit">Check the file</button>
</form>`;

/** Where the import starts: the file, and after a confirmed import what it did. */
export function registerImportPage(school: School, done: Done | null, problems: RowProblem[] = []) {
  const error = problems.length ? `The file has ${problems.length} ${problems.length === 1 ? "row" : "rows"} to fix: nothing was imported` : null;
  return page(
    { title: "Import the SEN register", errors: error ? [{ field: fileField, message: error }] : [], script: null },
    html`<span class="caption">${school.name}</span>
<h1>Import the register from your MIS</h1>
${done ? html`<div class="panel panel--confirmation" role="status"><p>Imported: ${done.added} pupils added, ${done.updated} updated, ${done.unchanged} left alone.</p></div>` : ""}
<p>Pupils new to Stepwise are added at the stage of the ${frameworkFor(school.framework).name} their SEN provision code puts them at. Pupils already on Stepwise keep their stage; their names, date of birth, year, needs and teacher are updated from the file. Nothing is stored until you have seen what the import will do and confirmed it.</p>
${problems.length ? problemsTable(problems) : ""}
${uploadForm(school, error)}
<p><a href="/dashboard/schools/${school.id}">Back to the SEN register</a></p>`,
  );
}

/** What the import will do, with the file carried to the confirmation so nothing is stored before it. */
export function registerPreviewPage(school: School, plan: ImportPlan, csv: string) {
  return page(
    { title: "Check the import", script: null },
    html`<span class="caption">${school.name}</span>
<h1>Check the import</h1>
<dl class="summary-list">
  <dt>Pupils to add</dt><dd>${plan.added.length}</dd>
  <dt>Pupils to update</dt><dd>${plan.updated.length}</dd>
  <dt>Pupils left alone</dt><dd>${plan.unchanged}</dd>
</dl>
${plan.provisionDiffers.length ? html`<p>For ${plan.provisionDiffers.length} pupils already on Stepwise the file gives a different SEN provision code (lines ${plan.provisionDiffers.map((row) => row.line).join(", ")}). Their stage is kept: decide any change on the pupil's page.</p>` : ""}
<form method="post" action="/forms/schools/${school.id}/register-import/confirm" novalidate>
${hidden("csv", csv)}
<button class="button" type="submit">Confirm the import</button>
</form>
<p><a href="/forms/schools/${school.id}/register-import">Choose a different file</a></p>`,
  );
}
