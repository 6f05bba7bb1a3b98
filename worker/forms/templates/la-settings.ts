import { html } from "hono/html";
import { dateInput, emptyForm, select, textInput, type FormState, type Html, page } from "../../html";
import type { AlertSettings } from "../../alerts/settings";
import { detailsOf } from "../../workflow/clock-kinds";
import { timeUnits, type ClockKind, type TimeUnit } from "../../../schema/vocab";
import { dayInWords } from "../../calendar/day-words";

export type TimescaleRow = {
  clock: ClockKind;
  basis: "statutory" | "local";
  source: string;
  default: { amount: number; unit: TimeUnit };
  value: { amount: number; unit: TimeUnit };
  changedByLa: boolean;
};

export type LaSettingsView = {
  la: { id: string; name: string };
  /** In force today. */
  timescales: TimescaleRow[];
  /** Changes the LA has set for later days: each clock it changes from its default. */
  upcoming: { takesEffectOn: string; timescales: TimescaleRow[] }[];
  alerts: { settings: AlertSettings; defaults: AlertSettings };
  closureDays: { date: string; reason: string }[];
  /** What was just saved, said once after the redirect. */
  saved?: string | null;
};

export type LaSettingsForms = { timescales: FormState; alerts: FormState; closure: FormState };

const unitWords: Record<TimeUnit, string> = { days: "days", workingDays: "working days", weeks: "weeks", months: "months" };
const amountOf = (value: { amount: number; unit: TimeUnit }) => `${value.amount} ${unitWords[value.unit]}`;
const unitOptions = timeUnits.map((unit) => ({ value: unit, label: unitWords[unit] }));

/** The fields as the page first shows them: the LA's own values where it has changed a default, blank otherwise. */
export function settingsFormsOf(view: LaSettingsView): LaSettingsForms {
  const timescales: Record<string, string> = {};
  for (const row of view.timescales.filter((row) => row.basis === "local")) {
    if (row.changedByLa) timescales[`${row.clock}.amount`] = String(row.value.amount);
    timescales[`${row.clock}.unit`] = row.value.unit;
  }
  const alerts: Record<string, string> = {};
  for (const key of ["dueSoonDays", "escalateToSencoAfterDays", "escalateToLaAfterDays"] as const) {
    if (view.alerts.settings[key] !== view.alerts.defaults[key]) alerts[key] = String(view.alerts.settings[key]);
  }
  return { timescales: emptyForm(timescales), alerts: emptyForm(alerts), closure: emptyForm() };
}

function localTimescale(row: TimescaleRow, state: FormState): Html {
  const label = detailsOf(row.clock).label;
  return html`<fieldset class="timescale" id="timescale-${row.clock}">
  <legend><strong>${label}</strong></legend>
  <p class="hint">Default ${amountOf(row.default)}. ${row.source}. Now: ${amountOf(row.value)}${row.changedByLa ? " (the LA's setting)" : " (the default)"}.</p>
  ${textInput({ name: `${row.clock}.amount`, label: `${label}: the LA's number`, hint: "Leave blank to use the default", width: "4", state })}
  ${select({ name: `${row.clock}.unit`, label: `${label}: counted in`, options: unitOptions, state })}
</fieldset>`;
}

/** Every timescale with its default, source and the LA's value; alert settings; closure days: each as its own form. */
export function laSettingsPage(view: LaSettingsView, forms: LaSettingsForms = settingsFormsOf(view)): Html {
  const base = `/forms/las/${view.la.id}`;
  const statutory = view.timescales.filter((row) => row.basis === "statutory");
  const local = view.timescales.filter((row) => row.basis === "local");
  const errors = [...forms.timescales.errors, ...forms.alerts.errors, ...forms.closure.errors];
  const { defaults } = view.alerts;
  return page(
    { title: `Settings for ${view.la.name}`, errors, script: null },
    html`<h1>Settings for ${view.la.name}</h1>
${view.saved ? html`<div class="panel panel--confirmation" role="status"><p>${view.saved}</p></div>` : ""}
<p>A change of timescale applies to clocks that start on or after the day it takes effect. A clock already running keeps the timescale and closure days it started with.</p>
<h2 id="timescales">Timescales</h2>
<form method="post" action="${base}/timescales" novalidate>
${local.map((row) => localTimescale(row, forms.timescales))}
${dateInput({ name: "takesEffectOn", label: "The day the timescales take effect", hint: "Leave blank for today. A clock counts by the timescale in force on the day it starts, even when it is recorded later. For example, 1 9 2027", state: forms.timescales })}
<button class="button" type="submit">Save the timescales</button>
</form>
${
  view.upcoming.length
    ? html`<table>
  <caption>Changes set for later days</caption>
  <thead><tr><th scope="col">From</th><th scope="col">Timescales changed from the default</th></tr></thead>
  <tbody>${view.upcoming.map((change) => html`<tr><th scope="row">${dayInWords(change.takesEffectOn, "long")}</th><td>${change.timescales.length ? change.timescales.map((row, i) => html`${i ? "; " : ""}${detailsOf(row.clock).label}: ${amountOf(row.value)}`) : "Every timescale by its default"}</td></tr>`)}</tbody>
</table>`
    : ""
}
<table>
  <caption>Statutory timescales (set in law: they cannot be changed)</caption>
  <thead><tr><th scope="col">Clock</th><th scope="col">Timescale</th><th scope="col">Source</th></tr></thead>
  <tbody>${statutory.map((row) => html`<tr><th scope="row">${detailsOf(row.clock).label}</th><td>${amountOf(row.value)}</td><td>${row.source}</td></tr>`)}</tbody>
</table>
<h2 id="alerts">Alerts</h2>
<form method="post" action="${base}/alert-settings" novalidate>
${textInput({ name: "dueSoonDays", label: "Days before a due date that it shows as due soon", hint: `Stepwise's default is ${defaults.dueSoonDays}. Now: ${view.alerts.settings.dueSoonDays}. Leave blank for the default.`, width: "4", state: forms.alerts })}
${textInput({ name: "escalateToSencoAfterDays", label: "Days overdue before a teacher's item goes to the SENCO", hint: `Stepwise's default is ${defaults.escalateToSencoAfterDays}. Now: ${view.alerts.settings.escalateToSencoAfterDays}. Leave blank for the default.`, width: "4", state: forms.alerts })}
${textInput({ name: "escalateToLaAfterDays", label: "Days overdue before a school's item goes to the LA", hint: `Stepwise's default is ${defaults.escalateToLaAfterDays}. Now: ${view.alerts.settings.escalateToLaAfterDays}. Leave blank for the default.`, width: "4", state: forms.alerts })}
<button class="button" type="submit">Save the alert settings</button>
</form>
<h2 id="closure-days">Closure days</h2>
<p>Days the LA closes its schools are not working days for its clocks (as weekends and public holidays are not).</p>
<table>
  <caption>The LA's closure days</caption>
  <thead><tr><th scope="col">Date</th><th scope="col">Why</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
  <tbody>${
    view.closureDays.length
      ? view.closureDays.map(
          (day) =>
            html`<tr><th scope="row">${dayInWords(day.date, "long")}</th><td>${day.reason}</td><td><form method="post" action="${base}/closure-days/${day.date}/remove"><button class="button button--secondary" type="submit">Remove<span class="visually-hidden"> ${dayInWords(day.date, "long")}</span></button></form></td></tr>`,
        )
      : html`<tr><td colspan="3">None</td></tr>`
  }</tbody>
</table>
<form method="post" action="${base}/closure-days" novalidate>
<h3>Add a closure day or a range of days</h3>
${dateInput({ name: "from", label: "First closure day", state: forms.closure })}
${dateInput({ name: "to", label: "Last closure day (for a range)", hint: "Leave blank for one day. For example, 30 10 2026", state: forms.closure })}
${textInput({ name: "reason", label: "Why the schools are closed", hint: "For example, staff training day", state: forms.closure })}
<button class="button" type="submit">Add the closure days</button>
</form>`,
  );
}
