import { html } from "hono/html";
import { button, notificationBanner, page, summaryList, table, textInput, type FormState } from "../../html";
import type { pendingTransferOf, incomingTransfers } from "../../records/transfers";
import { dayInWords } from "../../calendar/day-words";

type Pending = NonNullable<Awaited<ReturnType<typeof pendingTransferOf>>>;
type Incoming = Awaited<ReturnType<typeof incomingTransfers>>;
type Pupil = { id: string; givenName: string; familyName: string };

/**
 * The leaving school's page: the receiving school's URN, or the transfer already waiting. Nothing moves until the
 * receiving school accepts, so the page says what happens then.
 */
export function transferPage(pupil: Pupil, state: FormState, pending: Pending | null) {
  const name = `${pupil.givenName} ${pupil.familyName}`;
  return page(
    { title: "Transfer to another school", form: state, script: null },
    html`<span class="caption">${name}</span>
<h1>Transfer to another school</h1>
${
  pending
    ? html`${notificationBanner({ heading: `Waiting for ${pending.toSchoolName} to accept`, body: html`<p>Started on ${dayInWords(pending.startedAt.slice(0, 10), "long")}. The record stays with your school until their SENCO accepts it.</p>` })}
${summaryList([
  { key: "Receiving school", value: pending.toSchoolName },
  { key: "URN", value: pending.toSchoolUrn },
])}
<form method="post" action="/forms/pupils/${pupil.id}/transfer/cancel">
${button({ text: "Cancel the transfer", variant: "secondary", preventDoubleClick: true })}
</form>`
    : html`<p>When the receiving school's SENCO accepts, the pupil's record, plans, reviews and running deadlines move to that school, and your school can no longer see them. Both schools' audit logs record the transfer.</p>
<form method="post" action="/forms/pupils/${pupil.id}/transfer" novalidate>
${textInput({ name: "urn", label: "The receiving school's unique reference number (URN)", hint: "6 or 7 digits, as Get Information About Schools shows it", type: "number", width: "10", spellcheck: false, state })}
${button({ text: "Start the transfer", preventDoubleClick: true })}
</form>`
}
<h2>Moving to a school not on Stepwise</h2>
<p>Download the pupil's Common Transfer File (CTF) with their SEN provision, needs and SEN history, and send it to the receiving school the way your school sends CTFs (the DfE's School to School service).</p>
<p><a href="/forms/pupils/${pupil.id}/ctf" download>Download the Common Transfer File</a></p>
<p><a href="/forms/pupils/${pupil.id}/leaving">Record that the pupil has left for a school not on Stepwise</a></p>
<p><a href="/forms/pupils/${pupil.id}">Back to ${name}'s record</a></p>`,
  );
}

/** The receiving school's list: each child waiting, who they are and where from, with the button that takes the record. */
export function incomingTransfersPage(school: { id: string; name: string }, transfers: Incoming, error: string | null) {
  const errors = error ? [{ field: "transfers", message: error }] : [];
  return page(
    { title: "Pupils transferring to your school", errors, script: null },
    html`<span class="caption">${school.name}</span>
<h1 id="transfers">Pupils transferring to your school</h1>
<p>Accept a transfer when the child joins your school: their SEN record, plans, reviews and running deadlines move to your school. Decline one that is not for your school: the record stays where it is.</p>
${table({
  caption: "Transfers waiting for your school",
  columns: [
    { label: "Pupil" },
    { label: "UPN" },
    { label: "Date of birth" },
    { label: "Year group" },
    { label: "From" },
    { label: "Started" },
    { label: "Action" },
  ],
  rows: transfers.map((t) => [
    `${t.givenName} ${t.familyName}`,
    t.upn,
    dayInWords(t.dateOfBirth, "long"),
    t.yearGroup,
    `${t.fromSchoolName} (URN ${t.fromSchoolUrn})`,
    dayInWords(t.startedAt.slice(0, 10), "long"),
    html`<form method="post" action="/forms/schools/${school.id}/transfers/${t.id}/accept">${button({ text: `Accept ${t.givenName} ${t.familyName}`, preventDoubleClick: true })}</form>
<form method="post" action="/forms/schools/${school.id}/transfers/${t.id}/decline">${button({ text: `Decline ${t.givenName} ${t.familyName}`, variant: "secondary", preventDoubleClick: true })}</form>`,
  ]),
  empty: "No transfers are waiting for your school.",
})}
<p><a href="/dashboard/schools/${school.id}">Back to the SEN register</a></p>`,
  );
}
