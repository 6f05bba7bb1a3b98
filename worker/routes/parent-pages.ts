import { Hono, type Context } from "hono";
import { html } from "hono/html";
import * as v from "valibot";
import { parentMediationAnswer, parentViewsInput } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { fieldErrors, type FieldError } from "../http/errors";
import { formFields, page, textArea } from "../pages/layout";
import { recordParentMediationAnswer } from "../drs/parent-answer";
import { isReferralOfPupil } from "../parents/answers";
import { recordParentViews } from "../records/parent-views";
import { authoriseParent } from "../parents/authorise";
import { parentRecordView, type ParentRecordView } from "../parents/record-view";
import { notFoundPage } from "./staff-pages";

/** A parent's pages, opened by the capability link alone: their child's plan, dates and decisions; their views; DRS. */

type Shown = { secret: string; view: ParentRecordView; errors?: FieldError[]; typed?: Record<string, string>; done?: string | undefined };

const notices: Record<string, string> = {
  views: "Thank you: your views have been sent to the school for the review.",
  mediation: "Thank you: your answer about mediation has been recorded.",
};

function recordPage({ secret, view, errors = [], typed = {}, done }: Shown) {
  const { child, plan } = view;
  return page({
    title: `${child.givenName}'s support`,
    errors,
    body: html`<span class="caption">${child.framework}</span>
<h1>${child.givenName} ${child.familyName}: support at school</h1>
${done && notices[done] ? html`<div class="panel panel--confirmation" role="status"><p>${notices[done]}</p></div>` : ""}
<p class="lead">Stage now: ${child.stage}</p>
<h2>The current plan</h2>
${plan
  ? html`<dl class="summary-list">
  <div><dt>What the plan is for</dt><dd>${plan.objective}</dd></div>
  <div><dt>Where your child started</dt><dd>${plan.baseline}</dd></div>
  ${plan.supportAtHome ? html`<div><dt>How you can help at home</dt><dd>${plan.supportAtHome}</dd></div>` : ""}
  <div><dt>Written on</dt><dd>${plan.dateWritten}</dd></div>
  <div><dt>To be reviewed on</dt><dd>${plan.reviewDate}</dd></div>
</dl>
<ol>${plan.targets.map((t) => html`<li><p>${t.target}</p><p class="hint">Success looks like: ${t.successCriteria}. ${t.methods}, with ${t.deliveredBy}, ${t.groupSize}, ${t.frequency}.</p></li>`)}</ol>`
  : html`<p>There is no plan yet.</p>`}
<h2>Dates coming up</h2>
${view.datesComingUp.length ? html`<ul>${view.datesComingUp.map((d) => html`<li>${d.what}: by ${d.dueOn}</li>`)}</ul>` : html`<p>None at the moment.</p>`}
<h2>Reviews</h2>
${view.reviews.length
  ? html`<ul>${view.reviews.map((r) => html`<li><strong>${r.reviewDate}</strong> (${r.stage}): ${r.evaluation}${r.decision ? html` Decision: ${r.decision}.` : ""}</li>`)}</ul>`
  : html`<p>No reviews yet.</p>`}
<h2>Decisions made</h2>
<ul>${view.decisions.map((d) => html`<li>${d.on}: ${d.decision}${d.to ? html` (now ${d.to})` : ""}</li>`)}</ul>
${view.mediation.filter((m) => !m.answer).map(
  (m) => html`<h2>Mediation</h2>
<form method="post" action="/parent/${secret}/mediation" novalidate>
  <input type="hidden" name="referralId" value="${m.referralId}">
  <fieldset class="fieldset" id="answer"${errors.some((e) => e.field === "answer") ? html` aria-describedby="answer-error"` : ""}>
    <legend>Do you agree to mediation through the Disagreement Resolution Service?</legend>
    ${errors.filter((e) => e.field === "answer").map((e) => html`<p id="answer-error" class="error-message"><span class="visually-hidden">Error:</span> ${e.message}</p>`)}
    <div><input type="radio" id="answer-agreed" name="answer" value="agreed"> <label for="answer-agreed">Yes, I agree to mediation</label></div>
    <div><input type="radio" id="answer-declined" name="answer" value="declined"> <label for="answer-declined">No, I do not agree to mediation</label></div>
  </fieldset>
  <button class="button" type="submit">Send my answer</button>
</form>`,
)}
<h2>Your views before the next review</h2>
<form method="post" action="/parent/${secret}/views" novalidate>
  ${errors.some((e) => e.field === "views") ? html`<p id="views" class="error-message">${errors.find((e) => e.field === "views")?.message}</p>` : ""}
  ${textArea({ name: "whatIsGoingWell", label: "What is going well", value: typed.whatIsGoingWell ?? "", errors })}
  ${textArea({ name: "concerns", label: "What worries you", value: typed.concerns ?? "", errors })}
  ${textArea({ name: "childViews", label: "What your child says", hint: "In your child's own words, if you can", value: typed.childViews ?? "", errors })}
  ${textArea({ name: "questionsForReview", label: "Questions for the review", value: typed.questionsForReview ?? "", errors })}
  <button class="button" type="submit">Send my views</button>
</form>
${view.viewsGiven.length ? html`<p>You have sent your views ${view.viewsGiven.length} time${view.viewsGiven.length === 1 ? "" : "s"}, most recently on ${view.viewsGiven[0]!.submittedAt.slice(0, 10)}.</p>` : ""}`,
  });
}

const missing = (c: Context<AppEnv>) => c.html(notFoundPage(), 404);

export const parentPages = new Hono<AppEnv>()
  .get("/:secret", async (c) => {
    const secret = c.req.param("secret");
    const opened = await authoriseParent(c, secret, "read", "parentView");
    if (!opened) return missing(c);
    return c.html(recordPage({ secret, view: await parentRecordView(c.var.db, opened.pupil), done: c.req.query("done") }));
  })
  .post("/:secret/views", async (c) => {
    const secret = c.req.param("secret");
    const opened = await authoriseParent(c, secret, "create", "parentViews");
    if (!opened) return missing(c);
    const typed = await formFields(c.req);
    const view = await parentRecordView(c.var.db, opened.pupil);
    const { whatIsGoingWell, concerns, childViews, questionsForReview } = typed;
    // The views are for the review of the plan the parent is shown.
    const parsed = v.safeParse(parentViewsInput, { whatIsGoingWell, concerns, childViews, questionsForReview, planId: view.plan?.id ?? null });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.issues).map((e) => (e.field === "(body)" ? { ...e, field: "views" } : e));
      return c.html(recordPage({ secret, view, errors, typed }), 422);
    }
    await recordParentViews(c.var.db, opened.pupil, parsed.output, { parentLinkId: opened.link.id }, new Date().toISOString());
    return c.redirect(`/parent/${secret}?done=views`, 303);
  })
  .post("/:secret/mediation", async (c) => {
    const secret = c.req.param("secret");
    const opened = await authoriseParent(c, secret, "update", "drsMediation");
    if (!opened) return missing(c);
    const parsed = v.safeParse(parentMediationAnswer, await formFields(c.req));
    if (!parsed.success) {
      const view = await parentRecordView(c.var.db, opened.pupil);
      return c.html(recordPage({ secret, view, errors: fieldErrors(parsed.issues) }), 422);
    }
    if (!(await isReferralOfPupil(c.var.db, parsed.output.referralId, opened.pupil.id))) return missing(c);
    const answered = await recordParentMediationAnswer(c.var.db, parsed.output.referralId, parsed.output.answer, new Date().toISOString());
    if (!answered.ok && answered.refusal.code === "referral_not_found") return missing(c);
    if (!answered.ok) {
      const view = await parentRecordView(c.var.db, opened.pupil);
      return c.html(recordPage({ secret, view, errors: [{ field: "answer", message: answered.refusal.message }] }), 409);
    }
    return c.redirect(`/parent/${secret}?done=mediation`, 303);
  });
