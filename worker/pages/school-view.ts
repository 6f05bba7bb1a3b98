import { html } from "hono/html";
import { parentConcernPath } from "../concerns/parent-concern";
import type { parentConcernsOf } from "../concerns/school-inbox";
import type { ProvisionRow } from "../dashboards/provision-map";
import type { RegisterRow } from "../dashboards/school-register";
import type { Table } from "../dashboards/table";
import { taskOverdue, type TaskRow } from "../dashboards/school-tasks";
import { dayInWords } from "../calendar/day-words";
import { table as drawTable } from "../html";
import { barChart } from "./chart";
import { dashboardPage, figure, tableView, without } from "./table-view";
import { stageChart } from "./la-dashboard";
import { filterForm, withQuery, type FilterChoices, type FilterValues } from "./pupil-filters";

type School = { id: string; name: string; urn: string };
const schoolNav = (school: School) => [
  { href: `/dashboard/schools/${school.id}`, label: "SEN register" },
  { href: tasksPath(school.id), label: "My tasks" },
  { href: `/dashboard/schools/${school.id}/provision-map`, label: "Provision map" },
];

/** The SENCO's tasks have a page of their own, linked from the header and the register. */
export const tasksPath = (schoolId: string) => `/forms/schools/${schoolId}/tasks`;

type ParentConcernRow = Awaited<ReturnType<typeof parentConcernsOf>>[number];

/** The concerns parents sent through the school's link, each opening to be read and answered. */
function parentConcernsTable(school: School, rows: ParentConcernRow[]) {
  const table: Table<ParentConcernRow & Record<string, unknown>> = {
    title: "Concerns from parents",
    columns: [
      { key: "reference", label: "Reference" },
      { key: "childName", label: "Child" },
      { key: "received", label: "Received" },
      { key: "respondBy", label: "Contact the parent by" },
      { key: "state", label: "Now" },
    ],
    rows: rows.map((row) => ({
      ...row,
      received: dayInWords(row.createdAt),
      respondBy: row.respondBy ? dayInWords(row.respondBy) : "",
      state: row.respondedOn ? `Parent contacted on ${dayInWords(row.respondedOn)}` : row.acknowledgedAt ? "Read; parent not yet contacted" : "Not yet read",
    })),
    next: null,
  };
  return tableView({ table, linkFor: (row, key) => (key === "reference" ? parentConcernPath(school.id, String(row.id)) : null) });
}

/** The register's filters: its own stages, year group and primary need. */
export const registerFilterChoices = (school: School, stages: FilterChoices["stages"]): FilterChoices => ({
  action: `/dashboard/schools/${school.id}`,
  legend: "Filter the register",
  stages,
});

export function registerPage(
  school: School,
  register: Table<RegisterRow>,
  stages: Table<any>,
  fromParents: ParentConcernRow[],
  filters: { choices: FilterChoices; values: FilterValues },
) {
  const api = `/api/dashboard/schools/${school.id}`;
  const path = `/dashboard/schools/${school.id}`;
  const { stage, year, need } = filters.values;
  const kept = { stage, year, need };
  return dashboardPage(
    `SEN register: ${school.name}`,
    html`<h1><span class="caption">${school.name}</span>SEN register</h1>
<p><a href="${tasksPath(school.id)}">My tasks: what is due and overdue</a></p>
<h2 id="parent-concerns">Concerns from parents</h2>
${parentConcernsTable(school, fromParents)}
<h2 id="register">Pupils on the SEN register</h2>
<p><a href="/forms/schools/${school.id}/pupils/new">Enrol a pupil</a> or <a href="/forms/schools/${school.id}/register-import">import the register from your MIS</a></p>
<p><a href="/forms/schools/${school.id}/transfers">Pupils transferring to your school</a> or <a href="/forms/schools/${school.id}/ctf-import">add a pupil from a Common Transfer File</a></p>
<p><a href="/forms/schools/${school.id}/pupils">Find any pupil of the school by name or UPN</a>, on the SEN register or not</p>
${filterForm(filters.choices, { values: kept, errors: [] })}
${tableView({
  table: register,
  linkFor: (row, key) => (key === "pupil" ? `/forms/pupils/${row.pupilId}` : null),
  csvHref: withQuery(`${api}/register`, { ...kept, format: "csv", limit: "1000" }),
  nextHref: register.next ? `${withQuery(path, { ...kept, after: register.next })}#register` : null,
  previousHref: register.previous ? `${withQuery(path, { ...kept, before: register.previous })}#register` : null,
  wide: true,
})}
<p><a href="/forms/schools/${school.id}/census-check">Check the register against the school census's rules</a></p>
<p class="hint">The CSV export has the school census columns: UPN, surname, forename, date of birth, NC year, SEN provision and SEN need types.</p>
<h2 id="stages">Pupils per stage</h2>
${figure(stageChart("register-stages-chart", stages, `Pupils per stage at ${school.name}`), tableView({ table: without(stages, "school"), caption: `Pupils per stage at ${school.name}` }))}`,
    schoolNav(school),
    true,
  );
}

export function provisionMapPage(school: School, map: Table<ProvisionRow>) {
  const chart = barChart({
    id: "provision-chart",
    title: "How the targets of each intervention went",
    desc: "Stacked bar chart, one bar per intervention: targets achieved, partly achieved, not achieved and not yet reviewed. The table gives the same figures.",
    series: ["Achieved", "Partly achieved", "Not achieved", "Not yet reviewed"],
    bars: map.rows.map((row) => ({ label: row.intervention, values: [row.achieved, row.partlyAchieved, row.notAchieved, row.notYetReviewed] })),
  });
  return dashboardPage(
    `Provision map: ${school.name}`,
    html`<h1><span class="caption">${school.name}</span>Provision map</h1>
<p>Every intervention the school runs that is additional to and different from its curriculum, who it is for, what it costs,
and how the pupils' targets went (SEND Code of Practice 6.76-6.77): keep what works, stop what does not.</p>
<p><a href="/forms/schools/${school.id}/interventions/new">Add an intervention</a></p>
${chart}
${tableView({
  table: map,
  csvHref: `/api/dashboard/schools/${school.id}/provision-map?format=csv`,
  wide: true,
  linkFor: (row, key) => (key === "intervention" ? `/forms/schools/${school.id}/interventions/${row.interventionId}` : null),
})}`,
    schoolNav(school),
    true,
  );
}

/**
 * The SENCO's tasks on their own page: each row links to the page that does it, the overdue first and marked, then by
 * due date. Drawn from the same table as the API and its CSV.
 */
export function tasksPage(school: School, tasks: Table<TaskRow>, today: string) {
  const rows = tasks.rows.map((row) => {
    const overdue = taskOverdue(row, today);
    return [
      row.pupilId ? html`<a href="/forms/pupils/${row.pupilId}">${row.pupil}</a>` : row.pupil,
      html`<a href="${row.href}">${row.task}</a>`,
      row.dueOn ? dayInWords(row.dueOn) : "",
      overdue ? html`<strong class="tag tag--red">${row.when}</strong>` : row.when,
    ];
  });
  const overdueCount = tasks.rows.filter((row) => taskOverdue(row, today)).length;
  return dashboardPage(
    `My tasks: ${school.name}`,
    html`<h1><span class="caption">${school.name}</span>My tasks</h1>
<p>${overdueCount === 0 ? "Nothing is overdue." : `${overdueCount} ${overdueCount === 1 ? "task is" : "tasks are"} overdue.`} Each task opens the page that does it.</p>
<div class="table-block">${drawTable({ caption: "My tasks, overdue first, then by due date", columns: tasks.columns, rows, empty: "Nothing to do" })}
<p><a href="/api/dashboard/schools/${school.id}/tasks?format=csv" download>Download “${tasks.title}” as CSV</a></p></div>`,
    schoolNav(school),
    false,
  );
}
