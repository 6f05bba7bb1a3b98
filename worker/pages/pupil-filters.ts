import { html } from "hono/html";
import type { FrameworkId, SenNeedType, YearGroup } from "../../schema/vocab";
import { senNeedTypes, yearGroups } from "../../schema/vocab";
import { stageOf } from "../dashboards/words";
import { needTypeLabels, yearGroupLabel } from "../forms/labels";
import { button, page, select, textInput, type FieldError, type FormState, type Html, type Option } from "../html";

/** The filters of a list of pupils, kept in its address (a GET form) so a view can be bookmarked, paged and exported. */

export type FilterValues = Readonly<Record<string, string | undefined>>;

/** A path with the filters that are set, in a fixed order, and nothing for those left at "Any". */
export function withQuery(path: string, values: FilterValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const stageOptions = (framework: FrameworkId, stages: readonly string[]): Option[] =>
  stages.map((stage) => ({ value: stage, label: stageOf(framework, stage).label }));
export const yearOptions: Option[] = yearGroups.map((year: YearGroup) => ({ value: year, label: yearGroupLabel(year) }));
export const needOptions: Option[] = senNeedTypes.map((need: SenNeedType) => ({ value: need, label: needTypeLabels[need] }));

export type FilterChoices = {
  /** Where the form sends the filters: the list's own address. */
  action: string;
  legend: string;
  search?: boolean;
  schools?: Option[];
  stages: Option[];
  areas?: Option[];
  /** Filters kept as they are (the school an LA list is about), not offered to change. */
  kept?: FilterValues;
};

/** The filter form: a name or UPN where the list searches, then each filter as a select with "Any" first. */
export function filterForm(choices: FilterChoices, state: FormState): Html {
  const any = (what: string) => `Any ${what}`;
  return html`<form method="get" action="${choices.action}" class="filters" novalidate>
<fieldset class="fieldset"><legend class="fieldset__legend fieldset__legend--m">${choices.legend}</legend>
${Object.entries(choices.kept ?? {}).map(([name, value]) => (value ? html`<input type="hidden" name="${name}" value="${value}">` : ""))}
${choices.search ? textInput({ name: "q", label: "Name or UPN", hint: "Part of a first or last name, or a whole unique pupil number", state, width: "20", spellcheck: false }) : ""}
${choices.schools ? select({ name: "schoolId", label: "School", options: choices.schools, placeholder: any("school"), state }) : ""}
${select({ name: "stage", label: "Stage", options: choices.stages, placeholder: any("stage"), state })}
${select({ name: "year", label: "Year group", options: yearOptions, placeholder: any("year group"), state })}
${select({ name: "need", label: "Primary need", hint: "The school census's SEN type 1", options: needOptions, placeholder: any("primary need"), state })}
${choices.areas ? select({ name: "area", label: "Area of need", options: choices.areas, placeholder: any("area of need"), state }) : ""}
${button({ text: "Apply filters" })}
<p><a href="${withQuery(choices.action, choices.kept ?? {})}">Clear filters</a></p>
</fieldset>
</form>`;
}

/** A filter that is not one of the list's (an edited or stale address): the form again, the fault named beside it, 400. */
export function filterErrorPage(title: string, choices: FilterChoices, values: FilterValues, errors: readonly FieldError[]): Html {
  return page({ title, script: null, errors }, html`<h1>${title}</h1>${filterForm(choices, { values, errors })}`);
}
