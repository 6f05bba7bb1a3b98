import { html } from "hono/html";
import type { Table } from "../dashboards/table";
import type { FoundPupil } from "../pupils/queries";
import { page } from "../html";
import { filterForm, withQuery, type FilterChoices, type FilterValues } from "./pupil-filters";
import { tableView } from "./table-view";

type School = { id: string; name: string };

export const findPupilChoices = (school: School, stages: FilterChoices["stages"]): FilterChoices => ({
  action: `/forms/schools/${school.id}/pupils`,
  legend: "Find a pupil",
  search: true,
  stages,
});

/**
 * Any pupil of the school, found by name or UPN (a concern is usually about a child with nothing recorded yet), each
 * opening their page; the search and filters stay in the address, so the previous and next pages keep them.
 */
export function findPupilPage(
  school: School,
  found: Table<FoundPupil>,
  choices: FilterChoices,
  values: FilterValues,
  options: { canEnrol: boolean; register: string | null },
) {
  const kept = { q: values.q, stage: values.stage, year: values.year, need: values.need };
  return page(
    { title: `Find a pupil: ${school.name}`, script: null },
    html`<h1><span class="caption">${school.name}</span>Find a pupil</h1>
<p>Every pupil of the school you may see, on the SEN register or not.</p>
${filterForm(choices, { values: kept, errors: [] })}
${tableView({
  table: found,
  caption: found.title,
  linkFor: (row, key) => (key === "pupil" ? `/forms/pupils/${row.pupilId}` : null),
  nextHref: found.next ? withQuery(choices.action, { ...kept, after: found.next }) : null,
  previousHref: found.previous ? withQuery(choices.action, { ...kept, before: found.previous }) : null,
})}
${found.rows.length === 0 && !found.previous ? html`<p>No pupil found. Check the spelling, or search by part of the name.</p>` : ""}
${options.canEnrol ? html`<p>Not on Stepwise yet? <a href="/forms/schools/${school.id}/pupils/new">Enrol a pupil</a>.</p>` : ""}
${options.register ? html`<p><a href="${options.register}">Back to the SEN register</a></p>` : ""}`,
  );
}
