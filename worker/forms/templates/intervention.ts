import { html } from "hono/html";
import { choices, dateInput, notificationBanner, select, textInput, textarea, type FormState, type Html, page } from "../../html";
import type { interventionPupilsOf, interventionTargetsOf, readIntervention } from "../../records/interventions";
import type { targetOutcomes } from "../../../schema/vocab";
import { dayInWords } from "../../calendar/day-words";
import { oneTimeKeyField } from "./one-time-key";

type TargetOutcome = (typeof targetOutcomes)[number];
type School = { id: string; name: string };
type Intervention = NonNullable<Awaited<ReturnType<typeof readIntervention>>>;
type Pupils = Awaited<ReturnType<typeof interventionPupilsOf>>;
type Targets = Awaited<ReturnType<typeof interventionTargetsOf>>;

/** How the review of the target's plan said it went. */
const outcomeWords: Record<TargetOutcome, string> = { achieved: "Achieved", partlyAchieved: "Partly achieved", notAchieved: "Not achieved" };
const howItWent = (outcome: TargetOutcome | null) => (outcome ? `Reviewed: ${outcomeWords[outcome]}` : "Not yet reviewed");

const costBasisOptions = [
  { value: "perSession", label: "Per session" },
  { value: "perStaffHour", label: "Per hour of staff time" },
] as const;

/** The form's fields for an intervention already on the map, as it was saved. */
export function interventionFields(intervention: Intervention): Record<string, string> {
  const cost = intervention.costPence ?? 0;
  return {
    name: intervention.name,
    description: intervention.description ?? "",
    groupSize: intervention.groupSize,
    sessionsPerWeek: intervention.sessionsPerWeek ? String(intervention.sessionsPerWeek) : "",
    sessionMinutes: intervention.sessionMinutes ? String(intervention.sessionMinutes) : "",
    staff: intervention.staff,
    costBasis: intervention.costBasis ?? "",
    cost: intervention.costPence === null ? "" : `${Math.trunc(cost / 100)}.${String(cost % 100).padStart(2, "0")}`,
  };
}

/** The form to add one carries a one-time key (a double submission adds one); changing one stores no new record. */
function interventionForm(action: string, state: FormState, button: string, adding = false): Html {
  return html`<form method="post" action="${action}" novalidate>
${adding ? oneTimeKeyField(state) : ""}
${textInput({ name: "name", label: "Name of the intervention", hint: "For example, Precision teaching of high-frequency words", state })}
${textarea({ name: "description", label: "What it is", hint: "What the pupils do, and what it is meant to improve", rows: 3, state })}
${textInput({ name: "groupSize", label: "Group size", hint: "For example, 1 to 1, or up to 4 pupils", width: "10", state })}
${textInput({ name: "sessionsPerWeek", label: "Sessions a week", width: "4", state })}
${textInput({ name: "sessionMinutes", label: "Length of a session, in minutes", width: "4", state })}
${textInput({ name: "staff", label: "Staff who deliver it", hint: "For example, a teaching assistant", state })}
${select({ name: "costBasis", label: "How it is costed", options: costBasisOptions, state })}
${textInput({ name: "cost", label: "Cost, in pounds", hint: "Per session, or per hour of staff time, as chosen above. For example, 12.50", width: "10", state })}
<button class="button" type="submit">${button}</button>
</form>`;
}

export function newInterventionPage(school: School, state: FormState): Html {
  return page(
    { title: `Add an intervention: ${school.name}`, form: state, script: null },
    html`<a class="back-link" href="/dashboard/schools/${school.id}/provision-map">Provision map</a>
<h1><span class="caption">${school.name}</span>Add an intervention</h1>
<p>An intervention additional to and different from the school's curriculum (SEND Code of Practice 6.76). Its cost per term is worked out from its sessions and cost.</p>
${interventionForm(`/forms/schools/${school.id}/interventions`, state, "Add the intervention", true)}`,
  );
}

export type InterventionForms = { details: FormState; on: FormState; off: FormState; end: FormState; targets: FormState };

/**
 * The plan targets of the pupils on it, ticked where it delivers them (SEND Code 6.76-6.77), each with how the review of
 * its plan said it went: what the provision map counts.
 */
function targetsSection(base: string, targets: Targets, state: FormState): Html {
  const counted = targets.filter((target) => target.linked);
  const count = (outcome: TargetOutcome | null) => counted.filter((target) => target.outcome === outcome).length;
  return html`<h2 id="targets">Plan targets it delivers</h2>
${
  counted.length
    ? html`<table>
<caption>How the targets it delivers went</caption>
<thead><tr><th scope="col">Achieved</th><th scope="col">Partly achieved</th><th scope="col">Not achieved</th><th scope="col">Not yet reviewed</th></tr></thead>
<tbody><tr><td>${count("achieved")}</td><td>${count("partlyAchieved")}</td><td>${count("notAchieved")}</td><td>${count(null)}</td></tr></tbody>
</table>`
    : ""
}
${
  targets.length
    ? html`<form method="post" action="${base}/targets" novalidate>
${choices({
  name: "targetIds",
  kind: "checkbox",
  label: "Targets of the plans of the pupils on it",
  hint: "Tick the targets this intervention delivers. How each went comes from the review of its plan.",
  options: targets.map((target) => ({
    value: target.id,
    label: `${target.givenName} ${target.familyName}, plan of ${dayInWords(target.planWritten)}, target ${target.position}: ${target.target}`,
    hint: howItWent(target.outcome),
  })),
  state,
})}
<button class="button" type="submit">Save the targets it delivers</button>
</form>`
    : html`<p>The pupils on it have no plan targets yet.</p>`
}`;
}

export function interventionPage(
  school: School,
  intervention: Intervention,
  pupils: Pupils,
  targets: Targets,
  forms: InterventionForms,
  notice?: string,
): Html {
  const base = `/forms/schools/${school.id}/interventions/${intervention.id}`;
  const current = pupils.members.filter((member) => !member.endedOn);
  const errors = [...forms.details.errors, ...forms.on.errors, ...forms.off.errors, ...forms.end.errors, ...forms.targets.errors];
  return page(
    { title: `${intervention.name}: ${school.name}`, errors, script: null },
    html`<a class="back-link" href="/dashboard/schools/${school.id}/provision-map">Provision map</a>
<h1><span class="caption">${school.name}</span>${intervention.name}</h1>
${notice ? notificationBanner({ success: true, heading: notice }) : ""}
${intervention.endedOn ? html`<p class="inset">The school stopped running this intervention on ${dayInWords(intervention.endedOn)}.</p>` : ""}
<h2>Pupils on it</h2>
<table>
<caption>Pupils who are or have been on ${intervention.name}</caption>
<thead><tr><th scope="col">Pupil</th><th scope="col">From</th><th scope="col">To</th></tr></thead>
<tbody>${
      pupils.members.length
        ? pupils.members.map(
            (member) =>
              html`<tr><th scope="row"><a href="/forms/pupils/${member.pupilId}">${member.givenName} ${member.familyName}</a></th><td>${dayInWords(member.startedOn)}</td><td>${member.endedOn ? dayInWords(member.endedOn) : "Still on it"}</td></tr>`,
          )
        : html`<tr><td colspan="3">No pupils yet</td></tr>`
    }</tbody>
</table>
${
  intervention.endedOn
    ? ""
    : html`<form method="post" action="${base}/pupils" novalidate>
${choices({ name: "pupilIds", kind: "checkbox", label: "Put pupils on it", hint: "The school's pupils who are not on it now", options: pupils.candidates.map((pupil) => ({ value: pupil.id, label: `${pupil.givenName} ${pupil.familyName}`, hint: `Year ${pupil.yearGroup}` })), state: forms.on })}
${dateInput({ name: "startedOn", label: "The day they start", state: forms.on })}
<button class="button" type="submit">Put these pupils on it</button>
</form>
${
  current.length
    ? html`<form method="post" action="${base}/pupils/off" novalidate>
${choices({ name: "participationIds", kind: "checkbox", label: "Take pupils off it", options: current.map((member) => ({ value: member.id, label: `${member.givenName} ${member.familyName}` })), state: forms.off })}
${dateInput({ name: "leftOn", label: "The day they come off", state: forms.off })}
<button class="button button--secondary" type="submit">Take these pupils off it</button>
</form>`
    : ""
}`
}
${targetsSection(base, targets, forms.targets)}
<h2>What it is and what it costs</h2>
${interventionForm(base, forms.details, "Save the changes")}
${
  intervention.endedOn
    ? ""
    : html`<h2>Stop running it</h2>
<form method="post" action="${base}/end" novalidate>
<p>It stays on the provision map, with how its pupils' targets went, marked as stopped. Its pupils come off it that day.</p>
${dateInput({ name: "endedOn", label: "The day it ends", state: forms.end })}
<button class="button button--warning" type="submit">Stop running this intervention</button>
</form>`
}`,
  );
}
