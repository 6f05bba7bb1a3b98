import { html } from "hono/html";
import type { reviews } from "../../../schema/tables";
import { frameworkFor } from "../../workflow/frameworks";
import { decisionsOnForm } from "../../workflow/transition";
import type { FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { areaOptions } from "../labels";
import { page } from "../../html";
import { contributorsTable, copyToParents, dateOrBlank, markedOptions, textOrBlank, backToPupil } from "./print-parts";
import { pupilName, stageLabel, type PupilRecord } from "./pupil-summary";

/** Seed 000 Review of Progress / Summary Sheet as printed, with every decision of that stage and the one taken marked. */
export function reviewPrint(record: PupilRecord, review: typeof reviews.$inferSelect, copyForm: FormState) {
  const { pupil, school } = record;
  const framework = frameworkFor(pupil.framework);
  const stage = stageLabel(record, review.stage);
  const decisions = decisionsOnForm(framework, review.stage, "review", "school").map((id) => ({ value: id, label: framework.moves[id]!.label }));
  return page(
    { title: `${stage} review of progress for ${pupilName(record)}`, form: copyForm, script: "staff/print", print: true },
    html`<h1>${stage.toUpperCase()} REVIEW OF PROGRESS</h1>
<p class="caption">(IEPs compiled since the last review should be attached)</p>
<dl class="summary-list"><dt>Name of pupil</dt><dd>${pupilName(record)}</dd><dt>Date of birth</dt><dd>${dayInWords(pupil.dateOfBirth)}</dd>
<dt>School</dt><dd>${school.name}</dd><dt>Date of review</dt><dd>${dayInWords(review.reviewDate)}</dd></dl>
${contributorsTable(review.contributors, "Persons contributing to this review")}
<h2>Area(s) of concern</h2>${markedOptions(areaOptions(pupil.framework), review.areasOfConcern)}
<h2>Evaluation of the pupil's performance and progress in relation to SEN criteria</h2>${textOrBlank(review.evaluation)}
<h2>Note of discussion with pupil (where appropriate)</h2>${textOrBlank(review.pupilViews)}
<h2>Note of contact/discussion with parents/carers</h2>${textOrBlank(review.parentViews)}
<h2>External agencies involved (if any)</h2>${textOrBlank(review.externalAgencies)}
<h2>Decision following ${stage} Review</h2>${markedOptions(decisions, review.decision ? [review.decision] : [])}
<p class="signature"><strong>Signed:</strong> ${review.signedBy ?? "____________"} <strong>Position:</strong> ${review.signedPosition ?? "____________"} <strong>Date:</strong> ${dateOrBlank(review.signedOn)}</p>
${copyToParents("Copy sent to parents/carer on", review.copySentToParentsOn, `/print/pupils/${pupil.id}/reviews/${review.id}/copy-to-parents`, copyForm)}
${backToPupil(pupil.id, pupilName(record))}`,
  );
}
