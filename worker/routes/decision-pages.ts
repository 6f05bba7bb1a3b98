import { Hono } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { moveConfirmationForm } from "../../schema/staff-forms/move";
import type { AppEnv } from "../app-env";
import { auditOnAnswer } from "../audit/record";
import { authorisePupilChange } from "../auth/authorise";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import { pupilRecord, refusalsAsErrors, today } from "../forms/staff-pages";
import { decisionNotSavedPage, moveConfirmationPage } from "../forms/templates/decisions-open";
import { emptyForm, withErrors } from "../html";
import { refusalError, writeFailedError } from "../http/refusals";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";
import { readPupil } from "../pupils/queries";
import { listReviews } from "../records/reviews";
import type { Db } from "../app-env";
import { frameworkFor } from "../workflow/frameworks";
import { decisionToConfirm, type OpenDecision } from "../workflow/open-decisions";
import { partyOf } from "../workflow/transition";

const decisionParam = v.object({ id: entityId, move: v.pipe(v.string(), v.maxLength(64)) });

/** The review an LA decision following the latest review cites, or null: none recorded, so the decision is not open. */
async function citedReview(db: Db, pupilId: string, decision: OpenDecision) {
  if (decision.form !== "review") return null;
  const [latest] = await listReviews(db, pupilId);
  return latest ? { id: latest.id, reviewDate: latest.reviewDate } : null;
}

/**
 * A decision the framework records with no form of its own (Assess to Plan, Do to Review), or the LA's decision
 * following the school's latest review (ceasing a plan): a short page confirming the date it happened and why, posted
 * against the version the person saw, through the pupil's object like the JSON API.
 */
export const decisionPages = new Hono<AppEnv>()
  .get("/pupils/:id/decisions/:move", validate("param", decisionParam), async (c) => {
    const { id, move } = c.req.valid("param");
    const { pupil, audit } = await authorisePupilChange(c, id, "move", "decision");
    auditOnAnswer(c, audit);
    const decision = decisionToConfirm(frameworkFor(pupil.framework), pupil.stage, partyOf(c.var.caller.role), move, pupil.cycle);
    const review = decision && (await citedReview(c.var.db, pupil.id, decision));
    if (!decision || (decision.form && !review)) return c.html(decisionNotSavedPage(await pupilRecord(c, pupil), "notOpen"), 409);
    return c.html(moveConfirmationPage(await pupilRecord(c, pupil), decision, pupil.version, emptyForm(today("occurredOn")), review));
  })
  .post("/pupils/:id/decisions/:move", validate("param", decisionParam), async (c) => {
    const { id, move } = c.req.valid("param");
    const { pupil, audit } = await authorisePupilChange(c, id, "move", "decision");
    const fields = await postedFields(c.req);
    const record = await pupilRecord(c, pupil);
    const checked = checkForm(moveConfirmationForm, fields);
    const decision = decisionToConfirm(frameworkFor(pupil.framework), pupil.stage, partyOf(c.var.caller.role), move, pupil.cycle);
    const review = decision && (await citedReview(c.var.db, pupil.id, decision));
    const versionSeen = checked.ok ? checked.output.expectedVersion : Number(fields.expectedVersion);
    // The pupil moved on since the page was drawn: the decision may no longer be open, and nothing is saved.
    if (versionSeen !== pupil.version) {
      auditOnAnswer(c, audit);
      return c.html(decisionNotSavedPage(record, "changed"), 409);
    }
    if (!decision || (decision.form && !review)) {
      auditOnAnswer(c, audit);
      return c.html(decisionNotSavedPage(record, "notOpen"), 409);
    }
    if (!checked.ok) {
      auditOnAnswer(c, audit);
      return c.html(moveConfirmationPage(record, decision, pupil.version, withErrors(fields, checked.errors), review), 422);
    }
    const { occurredOn, reason, expectedVersion } = checked.output;
    const form = review ? { kind: "review" as const, id: review.id } : null;
    const command = { move, expectedVersion, reason: reason ?? null, actor: { userId: c.var.caller.userId, role: c.var.caller.role }, form };
    const moved = await refusalsAsErrors(async () => {
      const outcome = await pupilCaseFor(c.env, pupil.id).move(pupil.id, command, new Date().toISOString(), audit, occurredOn);
      if (!outcome.ok) throw "refusal" in outcome ? refusalError(outcome.refusal, "occurredOn") : writeFailedError(outcome.writeFailed.message);
    }, "occurredOn");
    if (!moved.ok) {
      const now = await readPupil(c.var.db, pupil.id);
      if (now && now.version !== pupil.version) return c.html(decisionNotSavedPage({ ...record, pupil: now }, "changed"), 409);
      return c.html(moveConfirmationPage(record, decision, pupil.version, withErrors(fields, moved.errors), review), 422);
    }
    return c.redirect(`/forms/pupils/${pupil.id}?saved=${encodeURIComponent(move)}`, 303);
  });
