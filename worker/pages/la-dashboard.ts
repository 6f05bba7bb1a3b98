import { html } from "hono/html";
import { frameworkIds, type FrameworkId } from "../../schema/vocab";
import type { LaTableName, LaTableQuery } from "../dashboards/la-tables";
import { areaLabels, stageIds, stageOf } from "../dashboards/words";
import { filterForm, type FilterChoices } from "./pupil-filters";
import type { Table } from "../dashboards/table";
import { barChart } from "./chart";
import { dashboardPage, figure, tableView, without } from "./table-view";

// Tables of any row shape: a page draws whichever rows the table carries.
type AnyTable = Table<any>;

export const laNav = [
  { href: "/dashboard/la", label: "LA dashboard" },
  { href: "/forms/la/settings", label: "Settings" },
  { href: "/forms/audit", label: "Audit log" },
];

const query = (values: Record<string, string | undefined | null>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
};

type Filter = Pick<LaTableQuery, "schoolId" | "stage" | "area" | "year" | "need">;

/** Stages are named by their framework's code, as the LA's schools may follow different ones. */
const codeOf: Record<FrameworkId, string> = { england2001: "2001 Code", england2014: "2014 Code", recordOfNeed: "Jersey" };

/** The filters of the LA's list of pupils: any school of the LA, any framework's stage, year group, need. */
export function laPupilChoices(schools: readonly { id: string; name: string }[]): FilterChoices {
  const stages = new Map<string, string>();
  for (const framework of frameworkIds)
    for (const stage of stageIds(framework)) if (!stages.has(stage)) stages.set(stage, `${stageOf(framework, stage).label} (${codeOf[framework]})`);
  return {
    action: "/dashboard/la/tables/pupils",
    legend: "Filter the pupils",
    schools: schools.map((school) => ({ value: school.id, label: school.name })),
    stages: [...stages].map(([value, label]) => ({ value, label })),
    areas: Object.entries(areaLabels).map(([value, label]) => ({ value, label })),
  };
}

/** Drill-down links: a school to its page, a pupil to theirs, a request to its page, a count of pupils to the pupils behind it. */
function linkFor(name: LaTableName) {
  return (row: Record<string, unknown>, key: string): string | null => {
    const schoolId = typeof row.schoolId === "string" ? row.schoolId : undefined;
    if (key === "school" && schoolId) return `/dashboard/la/schools/${schoolId}`;
    if (key === "pupil" && typeof row.pupilId === "string") return `/forms/pupils/${row.pupilId}`;
    if (key === "kind" && typeof row.requestId === "string" && typeof row.pupilId === "string")
      return `/forms/pupils/${row.pupilId}/assessment-requests/${row.requestId}`;
    if (key !== "pupils" || typeof row.pupils !== "number" || row.pupils === 0) return null;
    if (name === "stages" || name === "totals-by-stage") return `/dashboard/la/tables/pupils${query({ stage: String(row.stage), schoolId })}`;
    if (name === "areas" && schoolId) return `/dashboard/la/tables/pupils${query({ area: String(row.area), schoolId })}`;
    return null;
  };
}

/** One table of the dashboard with its export and the pages either side, keeping its filter. */
export function laTable(name: LaTableName, table: AnyTable, filter: Filter = {}, caption?: string, wide = false) {
  const kept = { schoolId: filter.schoolId, stage: filter.stage, year: filter.year, need: filter.need, area: filter.area };
  return tableView({
    table,
    caption,
    wide,
    linkFor: linkFor(name),
    csvHref: `/api/dashboard/la/${name}${query({ ...kept, format: "csv", limit: "1000" })}`,
    nextHref: table.next ? `/dashboard/la/tables/${name}${query({ ...kept, after: table.next })}` : null,
    previousHref: table.previous ? `/dashboard/la/tables/${name}${query({ ...kept, before: table.previous })}` : null,
  });
}

export function stageChart(id: string, table: AnyTable, title: string) {
  if (!table.rows.length) return html``;
  return barChart({
    id,
    title,
    desc: "Bar chart of the pupils at each stage; the table beside it gives the same figures.",
    series: ["Pupils"],
    bars: table.rows.map((row) => ({ label: String(row.stageLabel), values: [Number(row.pupils)] })),
  });
}

export function termChart(id: string, table: AnyTable) {
  if (!table.rows.length) return html``;
  return barChart({
    id,
    title: "Pupils on the SEN register, term by term",
    desc: "Bar chart of the pupils on the SEN register at the end of each term; the table beside it gives every measure.",
    series: ["On SEN register"],
    bars: table.rows.map((row) => ({ label: String(row.term), values: [Number(row.onRegister ?? 0)] })),
  });
}

export type LaHome = Record<"overdue" | "schools" | "byStage" | "byArea" | "drs" | "assessments" | "terms", AnyTable>;

export function laDashboardPage(laName: string, t: LaHome) {
  const areaChart = barChart({
    id: "areas-chart",
    title: "Pupils per area of need in the authority",
    desc: "Bar chart of the pupils recorded with each area of need; a pupil may have several. The table beside it gives the same figures.",
    series: ["Pupils"],
    bars: t.byArea.rows.map((row) => ({ label: String(row.areaLabel), values: [Number(row.pupils)] })),
  });
  return dashboardPage(
    `${laName}: SEN dashboard`,
    html`<h1><span class="caption">${laName}</span>SEN dashboard</h1>
<h2 id="overdue">Overdue reviews</h2>
${laTable("overdue-reviews", t.overdue)}
<h2 id="schools">Schools</h2>
${laTable("schools", t.schools)}
<h2 id="stages">Pupils per stage</h2>
${figure(stageChart("stages-chart", t.byStage, "Pupils per stage in the authority"), laTable("totals-by-stage", t.byStage))}
<p><a href="/dashboard/la/tables/stages">Pupils per stage, school by school</a></p>
<h2 id="areas">Pupils per area of need</h2>
${figure(areaChart, laTable("totals-by-area", t.byArea))}
<p><a href="/dashboard/la/tables/areas">Pupils per area of need, school by school</a></p>
<h2 id="drs">Disagreement Resolution Service referrals</h2>
${laTable("drs-referrals", t.drs)}
<h2 id="assessments">Requests for statutory and EHC needs assessment</h2>
${laTable("assessment-requests", t.assessments, {}, undefined, true)}
<h2 id="terms">How the figures moved</h2>
${figure(termChart("terms-chart", t.terms), laTable("terms", t.terms))}`,
    laNav,
    true,
  );
}

export function laTablePage(name: LaTableName, table: AnyTable, filter: Filter, choices: FilterChoices | null = null) {
  const values = { schoolId: filter.schoolId, stage: filter.stage, year: filter.year, need: filter.need, area: filter.area };
  return dashboardPage(
    table.title,
    html`<h1>${table.title}</h1>${choices ? filterForm(choices, { values, errors: [] }) : ""}${laTable(name, table, filter)}<p><a href="/dashboard/la">Back to the dashboard</a></p>`,
    laNav,
  );
}

export type LaSchoolView = {
  school: { id: string; name: string; urn: string };
  stages: AnyTable;
  areas: AnyTable;
  overdueReviews: AnyTable;
  drsReferrals: AnyTable;
  terms: AnyTable;
};

export function laSchoolPage(view: LaSchoolView) {
  const filter = { schoolId: view.school.id };
  return dashboardPage(
    view.school.name,
    html`<h1><span class="caption">URN ${view.school.urn}</span>${view.school.name}</h1>
<h2>Overdue reviews</h2>
${laTable("overdue-reviews", view.overdueReviews, filter, `Overdue reviews at ${view.school.name}`)}
<h2>Pupils per stage</h2>
${figure(stageChart("school-stages-chart", view.stages, `Pupils per stage at ${view.school.name}`), laTable("stages", without(view.stages, "school"), filter, `Pupils per stage at ${view.school.name}`))}
<h2>Pupils per area of need</h2>
${laTable("areas", without(view.areas, "school"), filter, `Pupils per area of need at ${view.school.name}`)}
<h2>Open DRS referrals</h2>
${laTable("drs-referrals", view.drsReferrals, filter, `Open DRS referrals at ${view.school.name}`)}
<h2>How the figures moved</h2>
${figure(termChart("school-terms-chart", view.terms), laTable("terms", view.terms, filter, `${view.school.name}, term by term`))}
<p><a href="/dashboard/la">Back to the dashboard</a></p>`,
    laNav,
  );
}
