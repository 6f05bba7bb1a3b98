import { html } from "hono/html";
import { clockLabel, humanise } from "../../dashboards/words";
import type { PupilFile } from "../../pupils/file";
import { dayInWords } from "../../calendar/day-words";
import { page, table, type Html } from "../../html";
import { pupilName, pupilSummary } from "./pupil-summary";
import { recordSection, type RecordSection } from "./meetings";

/** A form the caller may fill for this pupil, as a link on the pupil's page. */
export type FormLink = { href: string; label: string };

const dated = (date: string) => dayInWords(date.slice(0, 10));

function recorded<Row extends { id: string }>(caption: string, rows: Row[], columns: [string, (row: Row) => string][], hrefOf?: (row: Row) => string) {
  return table({
    caption,
    columns: columns.map(([label]) => ({ label })),
    rows: rows.map((row) => columns.map(([, value], i) => (i === 0 && hrefOf ? html`<a href="${hrefOf(row)}">${value(row)}</a>` : value(row)))),
    empty: "None recorded",
  });
}

/**
 * The pupil's page for staff: who they are and where they stand, what is due, the forms the caller may fill, and
 * every form recorded, each opening its printable view. The way from the SEN register to every form.
 */
export function pupilFilePage(
  file: PupilFile,
  forms: FormLink[],
  registerHref: string | null,
  hub: { banner: Html | null; decisions: Html } | null = null,
  records: RecordSection | null = null,
) {
  const { pupil } = file;
  const print = (kind: string) => (row: { id: string }) => `/print/pupils/${pupil.id}/${kind}/${row.id}`;
  return page(
    { title: pupilName(file), script: null },
    html`${hub?.banner ?? ""}<span class="caption">Pupil's record</span>
<h1>${pupilName(file)}</h1>
${pupilSummary(file, { linkToFile: false })}
${file.transferredFrom ? html`<p data-transferred-from>Transferred from ${file.transferredFrom.schoolName} on ${dayInWords(file.transferredFrom.on, "long")}</p>` : ""}
<h2>Due</h2>
${
  file.running.length
    ? html`<ul class="due-list">${file.running.map(
        (clock) =>
          html`<li data-clock="${clock.kind}">${clockLabel(clock.kind)}: by ${dayInWords(clock.dueOn)} ${clock.overdue ? html`<strong class="tag tag--red">${clock.when}</strong>` : html`<span class="hint">(${clock.when})</span>`}</li>`,
      )}</ul>`
    : html`<p>Nothing is due.</p>`
}
${hub?.decisions ?? ""}
<h2>Fill in a form</h2>
${forms.length ? html`<ul>${forms.map((form) => html`<li><a href="${form.href}">${form.label}</a></li>`)}</ul>` : html`<p>Your role records no forms for this pupil.</p>`}
${records ? recordSection(records) : ""}
<h2>Forms recorded</h2>
${recorded(
  "Records of Concern",
  file.concerns,
  [
    ["Recorded", (c) => dated(c.createdAt)],
    ["Raised by", (c) => humanise(c.raisedBy)],
    ["SENCO's action", (c) => (c.sencoAction ? humanise(c.sencoAction) : "Not yet decided")],
  ],
  print("concerns"),
)}
${recorded(
  "Plans",
  file.plans,
  [
    ["Written", (p) => dated(p.dateWritten)],
    ["Kind", (p) => p.kind.toUpperCase()],
    ["Review by", (p) => dated(p.reviewDate)],
  ],
  print("plans"),
)}
${recorded(
  "Reviews",
  file.reviews,
  [
    ["Held", (r) => dated(r.reviewDate)],
    ["Decision", (r) => (r.decision ? humanise(r.decision) : "None recorded")],
  ],
  print("reviews"),
)}
${
  file.senHistory.length
    ? recorded("SEN history from the Common Transfer File", file.senHistory, [
        ["From", (h) => dayInWords(h.startDate, "long")],
        ["SEN provision", (h) => h.provision],
      ])
    : ""
}
${recorded(
  "Disagreement Resolution Service referrals",
  file.referrals,
  [
    ["Referred", (r) => dated(r.createdAt)],
    ["Now at", (r) => humanise(r.currentStep)],
  ],
  (r) => `/forms/drs-referrals/${r.id}`,
)}
${recorded(
  "Assessment requests",
  file.assessmentRequests,
  [
    ["Requested", (r) => dated(r.requestedOn)],
    ["Request", (r) => humanise(r.kind)],
    ["LA's decision", (r) => (r.laDecision ? humanise(r.laDecision) : "Awaited")],
  ],
  (r) => `/forms/pupils/${pupil.id}/assessment-requests/${r.id}`,
)}
${registerHref ? html`<p class="no-print"><a href="${registerHref}">Back to the SEN register</a></p>` : ""}`,
  );
}
