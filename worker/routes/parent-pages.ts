import { Hono, type Context } from "hono";
import { html } from "hono/html";
import * as v from "valibot";
import { parentMediationAnswer, parentViewsInput } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { dayInWords } from "../calendar/day-words";
import type { FieldError } from "../http/errors";
import { formErrors } from "../forms/shared/messages";
import { refusalMessage } from "../http/refusal-messages";
import { formFields } from "../forms/http";
import { errorMessage, errorOf, hidden, notificationBanner, page, radios, summaryList, textarea, withErrors } from "../html";
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
  const state = withErrors(typed, errors);
  return page(
    { title: `${child.givenName}'s support`, errors, script: null },
    html`<span class="caption">${child.framework}</span>
<h1>${child.givenName} ${child.familyName}: support at school</h1>
${done && notices[done] ? notificationBanner({ heading: notices[done], success: true }) : ""}
<p class="lead">Stage now: ${child.stage}</p>
<h2>The current plan</h2>
${
  plan
    ? html`${summaryList([
        { key: "What the plan is for", value: plan.objective },
        { key: "Where your child started", value: plan.baseline },
        plan.supportAtHome ? { key: "How you can help at home", value: plan.supportAtHome } : null,
        { key: "Written on", value: dayInWords(plan.dateWritten) },
        { key: "To be reviewed on", value: dayInWords(plan.reviewDate) },
      ])}
<ol>${plan.targets.map((t) => html`<li><p>${t.target}</p><p class="hint">Success looks like: ${t.successCriteria}. ${t.methods}, with ${t.deliveredBy}, ${t.groupSize}, ${t.frequency}.</p></li>`)}</ol>`
    : html`<p>There is no plan yet.</p>`
}
<h2>Dates coming up</h2>
${view.datesComingUp.length ? html`<ul>${view.datesComingUp.map((d) => html`<li>${d.what}: by ${dayInWords(d.dueOn)}</li>`)}</ul>` : html`<p>None at the moment.</p>`}
<h2>Reviews</h2>
${
  view.reviews.length
    ? html`<ul>${view.reviews.map((r) => html`<li><strong>${dayInWords(r.reviewDate)}</strong> (${r.stage}): ${r.evaluation}${r.decision ? html` Decision: ${r.decision}.` : ""}</li>`)}</ul>`
    : html`<p>No reviews yet.</p>`
}
<h2>Decisions made</h2>
<ul>${view.decisions.map((d) => html`<li>${dayInWords(d.on)}: ${d.decision}${d.to ? html` (now ${d.to})` : ""}</li>`)}</ul>
${view.mediation
  .filter((m) => !m.answer)
  .map(
    (m) => html`<h2>Mediation</h2>
<form method="post" action="/parent/${secret}/mediation" novalidate>
  ${hidden("referralId", m.referralId)}
  ${radios({
    name: "answer",
    label: "Do you agree to mediation through the Disagreement Resolution Service?",
    options: [
      { value: "agreed", label: "Yes, I agree to mediation" },
      { value: "declined", label: "No, I do not agree to mediation" },
    ],
    state,
  })}
  <button class="button" type="submit">Send my answer</button>
</form>`,
  )}
<h2>Your views before the next review</h2>
<form id="views" method="post" action="/parent/${secret}/views" novalidate>
  ${errorMessage("views", errorOf(state, "views"))}
  ${textarea({ name: "whatIsGoingWell", label: "What is going well", state })}
  ${textarea({ name: "concerns", label: "What worries you", state })}
  ${textarea({ name: "childViews", label: "What your child says", hint: "In your child's own words, if you can", state })}
  ${textarea({ name: "questionsForReview", label: "Questions for the review", state })}
  <button class="button" type="submit">Send my views</button>
</form>
${view.viewsGiven.length ? html`<p>You have sent your views ${view.viewsGiven.length} time${view.viewsGiven.length === 1 ? "" : "s"}, most recently on ${dayInWords(view.viewsGiven[0]!.submittedAt)}.</p>` : ""}`,
  );
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
      const errors = formErrors(parentViewsInput, parsed.issues).map((e) => (e.field === "" ? { ...e, field: "views" } : e));
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
      return c.html(recordPage({ secret, view, errors: formErrors(parentMediationAnswer, parsed.issues) }), 422);
    }
    if (!(await isReferralOfPupil(c.var.db, parsed.output.referralId, opened.pupil.id))) return missing(c);
    const answered = await recordParentMediationAnswer(c.var.db, parsed.output.referralId, parsed.output.answer, new Date().toISOString());
    if (!answered.ok && answered.refusal.code === "referral_not_found") return missing(c);
    if (!answered.ok) {
      const view = await parentRecordView(c.var.db, opened.pupil);
      return c.html(recordPage({ secret, view, errors: [{ field: "answer", message: refusalMessage(answered.refusal) }] }), 409);
    }
    return c.redirect(`/parent/${secret}?done=mediation`, 303);
  });
