import { html } from "hono/html";
import { choices, emptyForm, errorId, errorMessage, hidden, select, textInput, textarea, type FieldError, type FormState, page } from "../../html";
import type { StaffRole, YearGroup } from "../../../schema/vocab";
import type { Member } from "../../staff/members";
import type { TeachablePupil } from "../../staff/teaching";
import { dayInWords } from "../../calendar/day-words";
import { oneTimeKeyField } from "./one-time-key";
import { roleLabels, yearGroupLabel } from "../labels";

/** The staff of a school, or the officers of an LA, as their head, SENCO or officers manage them (issue 17). */

export type Team = {
  /** "the school" / "the local authority", in sentences. */
  name: string;
  base: string;
  mailbox: string | null;
  mailboxHint: string;
  /** Roles the caller may give: invite as, or change to. */
  roles: StaffRole[];
  /** Members the caller may change (not themselves, not above their own role). */
  changeable: Set<string>;
  teachingOf?: (member: Member) => string | null;
  /** Where the pupils of a teacher still invited are given: theirs once they accept. */
  invitedTeachingOf?: (invitation: OpenInvitation) => string | null;
};
/** Whose pupils a teaching page sets: a teacher, or one still invited; `href` is the page's own address. */
export type TaughtBy = { name: string; href: string; invited: boolean };
export type OpenInvitation = { id: string; name: string; email: string; role: StaffRole; expiresAt: string };
/** A refused role change names its member's select, `role-<userId>`: one page lists many members. */
export type TeamForms = { invite: FormState; mailbox: FormState; role?: FieldError[] };
export const roleSelectId = (userId: string) => `role-${userId}`;

const roleOptions = (roles: StaffRole[]) => roles.map((role) => ({ value: role, label: roleLabels[role] }));
const day = (at: string) => dayInWords(at);

export function teamPage(team: Team, members: Member[], invitations: OpenInvitation[], forms: TeamForms, notice?: string) {
  const title = `Staff of ${team.name}`;
  const errors = [...forms.invite.errors, ...forms.mailbox.errors, ...(forms.role ?? [])];
  return page(
    { title, errors, script: null },
    html`<h1>${title}</h1>
${notice ? html`<div class="panel panel--confirmation" role="status"><p>${notice}</p></div>` : ""}
<h2>Everyone with access</h2>
<table class="table--wide">
<caption class="visually-hidden">Everyone with access</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Email address</th><th scope="col">Role</th><th scope="col">Last signed in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${members.map((member) => {
      const teaching = team.teachingOf?.(member);
      const changeable = team.changeable.has(member.userId);
      const roleError = forms.role?.find((error) => error.field === roleSelectId(member.userId));
      return html`<tr><th scope="row">${member.name}</th><td>${member.email}</td><td>${roleLabels[member.role]}</td><td>${member.lastSignedInAt ? day(member.lastSignedInAt) : "Not yet"}</td><td>
${teaching ? html`<p><a href="${teaching}">Pupils taught<span class="visually-hidden"> by ${member.name}</span></a></p>` : ""}
${
  changeable && team.roles.length > 1
    ? html`<form method="post" action="${team.base}/${member.userId}/role">
<label class="label" for="${roleSelectId(member.userId)}">New role for ${member.name}</label>
${errorMessage(roleSelectId(member.userId), roleError?.message)}
<select id="${roleSelectId(member.userId)}" name="role"${roleError ? html` aria-describedby="${errorId(roleSelectId(member.userId))}"` : ""}>${team.roles.map((role) => html`<option value="${role}"${role === member.role ? " selected" : ""}>${roleLabels[role]}</option>`)}</select>
<button class="button button--secondary" type="submit">Change role<span class="visually-hidden"> of ${member.name}</span></button></form>`
    : ""
}
${changeable ? html`<p><a href="${team.base}/${member.userId}/remove">Remove<span class="visually-hidden"> ${member.name}</span> as a leaver</a></p>` : ""}
</td></tr>`;
    })}</tbody>
</table>
<h2>Invitations not yet accepted</h2>
${
  invitations.length
    ? html`<table class="table--wide"><caption class="visually-hidden">Invitations not yet accepted</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Email address</th><th scope="col">Role</th><th scope="col">Link works until</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${invitations.map((invitation) => {
        const teaching = team.invitedTeachingOf?.(invitation);
        return html`<tr><th scope="row">${invitation.name}</th><td>${invitation.email}</td><td>${roleLabels[invitation.role]}</td><td>${day(invitation.expiresAt)}</td><td>
${teaching ? html`<p><a href="${teaching}">Pupils taught<span class="visually-hidden"> by ${invitation.name}</span></a></p>` : ""}
<form method="post" action="${team.base}/invitations/${invitation.id}/resend"><button class="button button--secondary" type="submit">Send again<span class="visually-hidden"> to ${invitation.name}</span></button></form>
<form method="post" action="${team.base}/invitations/${invitation.id}/withdraw"><button class="button button--warning" type="submit">Withdraw<span class="visually-hidden"> the invitation to ${invitation.name}</span></button></form>
</td></tr>`;
      })}</tbody></table>`
    : html`<p>None.</p>`
}
<h2 id="invite">Invite someone</h2>
<form method="post" action="${team.base}/invitations" novalidate>
${oneTimeKeyField(forms.invite)}
${textInput({ name: "name", label: "Full name", autocomplete: "off", state: forms.invite })}
${textInput({ name: "email", label: "Email address", hint: "Their work address: the invitation is sent there and lasts 7 days", type: "email", autocomplete: "off", spellcheck: false, state: forms.invite })}
${team.roles.length > 1 ? choices({ name: "role", label: "Role", kind: "radio", options: roleOptions(team.roles), state: forms.invite }) : hidden("role", team.roles[0] ?? "")}
<button class="button" type="submit">Send invitation</button>
</form>
<h2 id="shared-mailbox">Shared mailbox</h2>
<form method="post" action="${team.base}/mailbox" novalidate>
${textInput({ name: "mailbox", label: "Shared email address (optional)", hint: team.mailboxHint, type: "email", spellcheck: false, state: forms.mailbox.errors.length ? forms.mailbox : emptyForm({ mailbox: team.mailbox ?? "" }) })}
<button class="button button--secondary" type="submit">Save shared mailbox</button>
</form>`,
  );
}

export function removalPage(team: Team, member: Member) {
  return page(
    { title: `Remove ${member.name}`, script: null },
    html`<h1>Remove ${member.name} as a leaver</h1>
<p>${member.name} (${member.email}) will be signed out at once and cannot sign in to ${team.name} again. What they recorded, and the audit log of what they did, stay.</p>
<form method="post" action="${team.base}/${member.userId}/remove">
<button class="button button--warning" type="submit">Remove ${member.name}</button>
</form>
<p><a href="${team.base}">Cancel</a></p>`,
  );
}

export function teachingPage(
  team: Team,
  teacher: TaughtBy,
  pupils: (TeachablePupil & { taught: boolean })[],
  yearGroups: readonly YearGroup[],
  form: FormState,
  notice?: string,
) {
  const taught = pupils.filter((pupil) => pupil.taught);
  const others = pupils.filter((pupil) => !pupil.taught);
  const label = (pupil: TeachablePupil) => `${pupil.familyName}, ${pupil.givenName} (${yearGroupLabel(pupil.yearGroup)})`;
  return page(
    { title: `Pupils taught by ${teacher.name}`, form, script: null },
    html`<h1>Pupils taught by ${teacher.name}</h1>
${notice ? html`<div class="panel panel--confirmation" role="status"><p>${notice}</p></div>` : ""}
${
  teacher.invited
    ? html`<p>${teacher.name} has not accepted the invitation yet. Once they do, they see these pupils' records, and those of pupils they raised a concern about; no others. If the invitation is withdrawn, these pupils go with it.</p>`
    : html`<p>${teacher.name} sees these pupils' records, and those of pupils they raised a concern about; no others.</p>`
}
<h2>Taught now</h2>
${
  taught.length
    ? html`<form method="post" action="${teacher.href}/remove">
${choices({ name: "pupilIds", label: "Stop teaching", hint: "Tick the pupils they no longer teach", kind: "checkbox", options: taught.map((pupil) => ({ value: pupil.id, label: label(pupil) })), state: emptyForm() })}
<button class="button button--secondary" type="submit">Stop teaching the ticked pupils</button>
</form>`
    : html`<p>No pupils yet.</p>`
}
<h2>Add pupils</h2>
<form method="post" action="${teacher.href}" novalidate>
${textarea({ name: "upns", label: "A class list (optional)", hint: "One unique pupil number a line, for example copied from the class list in your school's MIS", rows: 6, state: form })}
${select({ name: "yearGroup", label: "A whole year group (optional)", options: yearGroups.map((year) => ({ value: year, label: yearGroupLabel(year) })), state: form })}
${others.length ? choices({ name: "pupilIds", label: "Pupils one by one (optional)", kind: "checkbox", options: others.map((pupil) => ({ value: pupil.id, label: label(pupil) })), state: form }) : ""}
<button class="button" type="submit">Add pupils</button>
</form>
<p><a href="${team.base}">Back to the staff</a></p>`,
  );
}
