import { html } from "hono/html";
import { dateInput, select, textInput, type FormState, type Html, page } from "../../html";
import type { AuditAction, AuditOutcome } from "../../../schema/vocab";
import type { auditPage, auditPeople } from "../../audit/page";
import { ukDateTime } from "../../audit/page";
import { toCsv } from "../../dashboards/csv";
import type { Column } from "../../dashboards/table";
import { humanise } from "../../dashboards/words";

type Entry = Awaited<ReturnType<typeof auditPage>>["entries"][number];
type Person = Awaited<ReturnType<typeof auditPeople>>[number];

const roleWords: Record<string, string> = {
  teacher: "Teacher",
  senco: "SENCO",
  head: "Head",
  laOfficer: "LA officer",
  admin: "Administrator",
  parent: "Parent, through their link",
};
const actionWords: Record<AuditAction, string> = {
  read: "Read",
  create: "Recorded",
  update: "Changed",
  move: "Moved the stage",
  export: "Exported",
  close: "Closed the record",
  erase: "Erased the record",
};
const outcomeWords: Record<AuditOutcome, string> = { done: "Done", refused: "Refused", notFound: "Not found", failed: "Failed: nothing saved" };

function who(entry: Entry) {
  if (entry.actorKind === "staff") return entry.actorName ?? "A member of staff no longer on Stepwise";
  return entry.actorKind === "parent" ? "A parent" : entry.actorKind === "public" ? "A member of the public" : "Stepwise";
}
const pupilName = (entry: Entry) => (entry.pupilGivenName ? `${entry.pupilGivenName} ${entry.pupilFamilyName}` : entry.pupilId ? "An erased record" : "");

/** One entry as the page and its CSV say it. */
export function describeEntry(entry: Entry) {
  return {
    when: ukDateTime(entry.at),
    who: who(entry),
    role: roleWords[entry.actorRole ?? ""] ?? "",
    pupil: pupilName(entry),
    what: `${actionWords[entry.action]}: ${humanise(entry.resource).toLowerCase()}`,
    outcome: outcomeWords[entry.outcome],
    from: [entry.ipAddress, entry.route].filter(Boolean).join(", "),
  };
}

type Described = ReturnType<typeof describeEntry>;
const columns: Column<Described>[] = [
  { key: "when", label: "When" },
  { key: "who", label: "Who" },
  { key: "role", label: "Role" },
  { key: "pupil", label: "Pupil" },
  { key: "what", label: "What" },
  { key: "outcome", label: "Outcome" },
  { key: "from", label: "From where" },
];

export const auditCsv = (entries: Entry[]) => toCsv(columns, entries.map(describeEntry));

export type AuditLogView = {
  entries: Entry[];
  people: Person[];
  filter: FormState;
  /** The address of this page without its cursor, and the links to the pages either side. */
  query: URLSearchParams;
  older: string | null;
  newer: string | null;
};

const withParams = (query: URLSearchParams, extra: Record<string, string>) => {
  const next = new URLSearchParams(query);
  for (const key of ["before", "after", "format"]) next.delete(key);
  for (const [key, value] of Object.entries(extra)) next.set(key, value);
  return `/forms/audit?${next.toString()}`;
};

export function auditLogPage(view: AuditLogView): Html {
  const { query } = view;
  const csvHref = withParams(query, {
    format: "csv",
    ...(query.get("before") ? { before: query.get("before")! } : {}),
    ...(query.get("after") ? { after: query.get("after")! } : {}),
  });
  const schoolId = query.get("schoolId");
  return page(
    { title: "Audit log", form: view.filter, script: null },
    html`<h1>Audit log</h1>
<p>Who read or changed which pupil's record, what came of it, when (UK time) and from where.</p>
<form method="get" action="/forms/audit" novalidate>
${schoolId ? html`<input type="hidden" name="schoolId" value="${schoolId}">` : ""}
${select({ name: "actorId", label: "Person", hint: "Everyone, or one member of staff", options: view.people.map((person) => ({ value: person.id, label: `${person.name} (${roleWords[person.role] ?? person.role})` })), state: view.filter })}
${textInput({ name: "pupil", label: "Pupil", hint: "Family name, or given and family name", state: view.filter })}
${dateInput({ name: "from", label: "From", hint: "The first day to show. For example, 1 9 2026", state: view.filter })}
${dateInput({ name: "to", label: "To", hint: "The last day to show. For example, 30 11 2026", state: view.filter })}
<button class="button" type="submit">Show these entries</button>
</form>
<div class="table-block table--wide" role="region" aria-label="Audit log entries" tabindex="0"><table>
<caption>Audit log entries, newest first</caption>
<thead><tr>${columns.map((column) => html`<th scope="col">${column.label}</th>`)}</tr></thead>
<tbody>${
      view.entries.length
        ? view.entries.map((entry) => {
            const row = describeEntry(entry);
            return html`<tr><th scope="row">${row.when}</th><td>${row.who}</td><td>${row.role}</td><td>${entry.pupilId && entry.pupilGivenName ? html`<a href="/forms/pupils/${entry.pupilId}">${row.pupil}</a>` : row.pupil}</td><td>${row.what}</td><td>${row.outcome}</td><td>${row.from}</td></tr>`;
          })
        : html`<tr><td colspan="${columns.length}">No entries</td></tr>`
    }</tbody>
</table></div>
<nav aria-label="Pages of the audit log"><p>${view.newer ? html`<a href="${withParams(query, { after: view.newer })}">Previous page (newer entries)</a>` : ""}${view.newer && view.older ? " · " : ""}${view.older ? html`<a href="${withParams(query, { before: view.older })}">Next page (older entries)</a>` : ""}</p></nav>
<p><a href="${csvHref}" download>Download these entries as CSV</a></p>`,
  );
}
