import { html } from "hono/html";
import type { drsReferrals } from "../../../schema/tables";
import { choices, dateInput, hidden, textarea, type FormState } from "../../html";
import { page } from "../../html";
import { copyToParents, dateOrBlank, textOrBlank, backToPupil } from "./print-parts";
import { pupilName, pupilSummary, type PupilRecord } from "./pupil-summary";
import { frameworkFor } from "../../workflow/frameworks";
import { oneTimeKeyField } from "./one-time-key";

const agreement = [
  { value: "agreed", label: "Agrees to mediation through the DRS" },
  { value: "declined", label: "Does not agree" },
];

const appealNotice = html`<div class="inset"><h2>Important information</h2><p>Parents have 2 months from hearing the local authority's decision to appeal to the Special Educational Needs and Disability Tribunal. The DRS does not affect that right: parents may log their appeal and then attend the DRS.</p></div>`;

/** Seed 000 DRS referral form: action before referral, both parties' agreement, the school's summary of issues and actions. */
export function drsReferralPage(record: PupilRecord, state: FormState) {
  const { pupil } = record;
  return page(
    { title: `Disagreement Resolution Service referral for ${pupilName(record)}`, form: state, script: "staff/drs-referral" },
    html`<span class="caption">Disagreement Resolution Service</span>
<h1>DRS referral</h1>
${pupilSummary(record)}
<form method="post" action="/forms/pupils/${pupil.id}/drs-referral" novalidate data-form="drsReferral">
${hidden("pupilId", pupil.id)}
${oneTimeKeyField(state)}
<h2>Action before DRS referral</h2>
${textarea({ name: "informalResolutionTried", label: "How the school and the parents/carers tried to resolve the disagreement informally", hint: "For example, meetings with the Headteacher and appropriate staff, and the school's complaints procedure", state })}
${dateInput({ name: "parentPartnershipInformedOn", label: `Date the parents were told about ${frameworkFor(pupil.framework).words.parentSupportService} or other support (optional)`, state })}
<h2>Agreement to mediation</h2>
<p>Both parties must agree to mediation through the DRS. If either party does not agree, no referral will be made.</p>
${choices({ name: "parentMediation", kind: "radio", label: "The parents/carers", options: agreement, state })}
${dateInput({ name: "parentMediationOn", label: "Date the parents/carers agreed (optional)", state })}
${choices({ name: "schoolMediation", kind: "radio", label: "The school", options: agreement, state })}
${dateInput({ name: "schoolMediationOn", label: "Date the school agreed (optional)", state })}
<h2>The school's summary</h2>
${textarea({ name: "summaryOfIssues", label: "Brief written summary of the issues in dispute", state })}
${textarea({ name: "actionsTaken", label: "The action the school has taken or proposes to take to address the concerns", state })}
${dateInput({ name: "laDecisionOn", label: "Date of the local authority decision the disagreement is about, if any (optional)", state })}
<fieldset><legend class="legend--l"><h2>Signed (optional)</h2></legend>
${dateInput({ name: "signedByParentOn", label: "Date signed by the parents/carers", state })}
${dateInput({ name: "signedBySchoolOn", label: "Date signed by the school", state })}
</fieldset>
<button class="button" type="submit">Submit the referral to the SEN Support &amp; Monitoring Officer</button>
</form>
${appealNotice}`,
  );
}

const answer = (value: string | null, on: string | null) =>
  value === "agreed" ? `Agreed ${dateOrBlank(on)}` : value === "declined" ? "Did not agree" : "Not recorded";

/** The referral as printed for both parties' signatures. */
export function drsReferralPrint(record: PupilRecord, referral: typeof drsReferrals.$inferSelect, copyForm: FormState) {
  const { pupil } = record;
  return page(
    { title: `Disagreement Resolution Service referral for ${pupilName(record)}`, form: copyForm, script: "staff/print", print: true },
    html`<h1>Disagreement Resolution Service: referral</h1>
${pupilSummary(record)}
<h2>Action before DRS referral</h2>${textOrBlank(referral.informalResolutionTried)}
<p>Parents told about ${frameworkFor(pupil.framework).words.parentSupportService}: ${dateOrBlank(referral.parentPartnershipInformedOn)}</p>
<h2>Agreement to mediation</h2>
<dl class="summary-list"><dt>Parents/carers</dt><dd>${answer(referral.parentMediation, referral.parentMediationOn)}</dd><dt>School</dt><dd>${answer(referral.schoolMediation, referral.schoolMediationOn)}</dd></dl>
<h2>Brief written summary of the issues in dispute</h2>${textOrBlank(referral.summaryOfIssues)}
<h2>Action the school has taken or proposes to take</h2>${textOrBlank(referral.actionsTaken)}
<p class="signature"><strong>Signed:</strong> Parent/Carer ${dateOrBlank(referral.signedByParentOn)} &middot; School ${dateOrBlank(referral.signedBySchoolOn)}</p>
${appealNotice}
${copyToParents("Copy sent to parents/carers on", referral.copySentToParentsOn, `/print/pupils/${pupil.id}/drs-referrals/${referral.id}/copy-to-parents`, copyForm)}
<p class="no-print"><a href="/forms/drs-referrals/${referral.id}">The referral's steps and deadlines</a></p>
${backToPupil(pupil.id, pupilName(record))}`,
  );
}
