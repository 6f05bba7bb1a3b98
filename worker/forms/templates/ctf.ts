import { html } from "hono/html";
import type { schools } from "../../../schema/tables";
import { button, hidden, page, summaryList, table } from "../../html";
import type { CtfArrival } from "../../pupils/ctf";
import { frameworkFor } from "../../workflow/frameworks";
import { dayInWords } from "../../calendar/day-words";

type School = typeof schools.$inferSelect;
const fileField = "ctfFile";

/** A receiving school's upload of a pupil's Common Transfer File; a file refused says why in one sentence. */
export function ctfUploadPage(school: School, error: string | null) {
  return page(
    { title: "Add a pupil from a Common Transfer File", errors: error ? [{ field: fileField, message: error }] : [], script: null },
    html`<span class="caption">${school.name}</span>
<h1>Add a pupil from a Common Transfer File</h1>
<p>When a pupil joins from another school, their old school sends a Common Transfer File (CTF). Upload it here: you will see who the pupil is, their SEN provision, needs and history before anything is stored.</p>
<form method="post" action="/forms/schools/${school.id}/ctf-import" enctype="multipart/form-data" novalidate>
<div class="form-group${error ? " form-group--error" : ""}">
  <label class="label" for="${fileField}">Upload the Common Transfer File (XML)</label>
  <div id="${fileField}-hint" class="hint">The XML file of one pupil, as the leaving school's MIS or Stepwise wrote it</div>
  ${error ? html`<p id="${fileField}-error" class="error-message"><span class="visually-hidden">Error:</span> ${error}</p>` : ""}
  <input class="file-upload${error ? " input--error" : ""}" id="${fileField}" name="${fileField}" type="file" accept=".xml,application/xml,text/xml" aria-describedby="${fileField}-hint${error ? ` ${fileField}-error` : ""}">
</div>
${button({ text: "Check the file" })}
</form>
<p><a href="/dashboard/schools/${school.id}">Back to the SEN register</a></p>`,
  );
}

/** What the file says and the stage the pupil will join at; confirming posts the same file back. */
export function ctfPreviewPage(school: School, arrival: CtfArrival, xml: string) {
  const { pupil, source, version } = arrival.file;
  const framework = frameworkFor(school.framework);
  return page(
    { title: "Check the pupil joining", script: null },
    html`<span class="caption">${school.name}</span>
<h1>Check the pupil joining</h1>
${summaryList([
  { key: "Pupil", value: `${pupil.forename} ${pupil.surname}` },
  { key: "Unique pupil number", value: pupil.upn },
  { key: "Date of birth", value: dayInWords(pupil.dateOfBirth, "long") },
  { key: "From", value: `${source.name || "A school"} (URN ${source.urn || "not given"}), CTF ${version}` },
  { key: "SEN provision now", value: pupil.history.at(-1)?.provision ?? "N" },
  { key: "Joins at", value: framework.stages[arrival.stage]?.label ?? arrival.stage },
])}
${table({ caption: "Needs", columns: [{ label: "Rank" }, { label: "Need type" }], rows: pupil.needs.map((need) => [String(need.rank), need.type]), empty: "No need recorded" })}
${table({ caption: "SEN history", columns: [{ label: "From" }, { label: "SEN provision" }], rows: pupil.history.map((entry) => [dayInWords(entry.startDate, "long"), entry.provision]), empty: "No SEN history in the file" })}
<form method="post" action="/forms/schools/${school.id}/ctf-import/confirm" novalidate>
${hidden("xml", xml)}
${button({ text: `Add ${pupil.forename} ${pupil.surname} to your register`, preventDoubleClick: true })}
</form>
<p><a href="/forms/schools/${school.id}/ctf-import">Choose a different file</a></p>`,
  );
}
