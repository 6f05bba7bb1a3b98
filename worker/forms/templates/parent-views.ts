import { html } from "hono/html";
import { hidden, textarea, type FormState } from "../../html";
import { dayInWords } from "../../calendar/day-words";
import { page } from "../../html";
import { oneTimeKeyField } from "./one-time-key";
import { pupilName, pupilSummary, type PupilRecord } from "./pupil-summary";

/** The parents' views before a review (SEND Code 6.54; seed 000 review forms ask for them), as staff take them down. */
export function parentViewsPage(record: PupilRecord, state: FormState, plan: { id: string; reviewDate: string } | null) {
  const { pupil } = record;
  return page(
    { title: `The parents' views before the review for ${pupilName(record)}`, form: state, script: "staff/parent-views" },
    html`<span class="caption">Before the review</span>
<h1>The parents' views</h1>
${pupilSummary(record)}
${plan ? html`<p>For the review of the plan due on ${dayInWords(plan.reviewDate)}.</p>` : ""}
<form method="post" action="/forms/pupils/${pupil.id}/parent-views" novalidate data-form="parentViews">
${plan ? hidden("planId", plan.id) : ""}
${oneTimeKeyField(state)}
<p>Answer at least one question.</p>
${textarea({ name: "whatIsGoingWell", label: "What is going well?", state })}
${textarea({ name: "concerns", label: "What are your concerns?", state })}
${textarea({ name: "childViews", label: "What does your child say?", state })}
${textarea({ name: "questionsForReview", label: "What would you like to ask at the review?", state })}
<button class="button" type="submit">Save the parents' views</button>
</form>`,
  );
}
