import { html } from "hono/html";
import { button, page, summaryList, table, textInput, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { oneTimeKeyField } from "./one-time-key";
import { pupilName, pupilSummary, type PupilRecord } from "./pupil-summary";

export type ParentLinkRow = {
  id: string;
  parentName: string;
  parentEmail: string | null;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
};

const dated = (at: string) => dayInWords(at.slice(0, 10));

function linkState(link: ParentLinkRow, today: string) {
  if (link.revokedAt) return `Withdrawn on ${dated(link.revokedAt)}`;
  if (link.expiresAt.slice(0, 10) < today) return `Ended on ${dated(link.expiresAt)}`;
  return `Open until ${dated(link.expiresAt)}`;
}

/** The parents' private links of a child (never their secrets): each live one can be withdrawn; a new one given below. */
export function parentLinksPage(record: PupilRecord, links: ParentLinkRow[], state: FormState, today: string) {
  const { pupil } = record;
  const withdraw = (link: ParentLinkRow) =>
    link.revokedAt || link.expiresAt.slice(0, 10) < today
      ? ""
      : html`<form method="post" action="/forms/pupils/${pupil.id}/parent-links/${link.id}/withdraw">${button({ text: "Withdraw", variant: "warning" })}<span class="visually-hidden"> the link given to ${link.parentName}</span></form>`;
  return page(
    { title: `Parents' links for ${pupilName(record)}`, form: state, script: null },
    html`<span class="caption">Record</span>
<h1>Parents' private links</h1>
${pupilSummary(record)}
<p>A private link lets a parent or carer see their child's plan, reviews and dates, and give their views before a review, without an account. Anyone with the link can open it, so give it only to the parent.</p>
${table({
  caption: "Links given",
  columns: [{ label: "Given to" }, { label: "Email" }, { label: "Given on" }, { label: "Now" }, { label: "Last opened" }, { label: "Action" }],
  rows: links.map((link) => [
    link.parentName,
    link.parentEmail ?? "Not emailed",
    dated(link.createdAt),
    linkState(link, today),
    link.lastUsedAt ? dated(link.lastUsedAt) : "Never",
    withdraw(link),
  ]),
  empty: "No links given yet",
})}
<h2>Give a parent a link</h2>
<form method="post" action="/forms/pupils/${pupil.id}/parent-links" novalidate>
${oneTimeKeyField(state)}
${textInput({ name: "parentName", label: "Parent's or carer's name", autocomplete: "off", state })}
${textInput({ name: "parentEmail", label: "Email address (optional)", hint: "We email the link to this address. Leave it blank to give the link yourself.", type: "email", autocomplete: "off", state })}
${textInput({ name: "expiresInDays", label: "Days the link stays open", hint: "At most 400. For example, 180 for about six months.", type: "number", width: "3", state })}
${button({ text: "Give the link", preventDoubleClick: true })}
</form>`,
  );
}

/** The link just given: its secret is shown here once and never kept, so it is copied now or a new one is given. */
export function parentLinkGivenPage(record: PupilRecord, given: { parentName: string; parentEmail: string | null; expiresAt: string; url: string }) {
  const { pupil } = record;
  return page(
    { title: `Link given to ${given.parentName}`, script: "staff/parent-link" },
    html`<span class="caption">Record</span>
<h1>Link given to ${given.parentName}</h1>
${pupilSummary(record)}
${summaryList([
  { key: "Link", value: html`<code id="parent-link-url">${given.url}</code>` },
  { key: "Open until", value: dated(given.expiresAt) },
  { key: "Emailed to", value: given.parentEmail ?? "Not emailed: give the link to the parent yourself" },
])}
<p data-copy="parent-link-url"><span id="parent-link-url-status" role="status"></span></p>
<p><strong>This is the only time the link is shown. Stepwise keeps no copy of it: if it is lost, withdraw it and give a new one.</strong></p>
<p><a href="/forms/pupils/${pupil.id}">Back to ${pupilName(record)}'s record</a></p>`,
  );
}
