import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId, parentLinkForm, parentMeetingForm, specialistInvolvementForm } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseAlso, authorisePupil } from "../auth/authorise";
import { pupilAccess } from "../auth/policy";
import { emptyForm, errorPage, withErrors, type FormState } from "../html";
import { postedFields } from "../forms/http";
import { checkForm, type FormError } from "../forms/shared/check-form";
import { pupilRecord, refusalsAsErrors, today } from "../forms/staff-pages";
import { parentMeetingPage, specialistInvolvementPage, type RecordSection } from "../forms/templates/meetings";
import { recordsOpenTo } from "../forms/record-links";
import { listParentMeetings, listSpecialistInvolvements } from "../records/meetings";
import { parentLinkGivenPage, parentLinksPage } from "../forms/templates/parent-links";
import { notFound } from "../http/errors";
import { publicOrigin } from "../http/public-origin";
import { refusalMessage } from "../http/refusal-messages";
import { createParentLink, listParentLinks, revokeParentLink } from "../parents/links";
import { refuseIfClosed } from "../records/closed";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import type { PupilRow } from "../pupils/queries";
import type { FormKind } from "../../schema/vocab";
import { frameworkFor } from "../workflow/frameworks";
import { decisionsOnForm } from "../workflow/transition";

const pupilParam = v.object({ id: entityId });
const linkParam = v.object({ id: entityId, linkId: entityId });

async function linksPage(c: Context<AppEnv>, pupil: PupilRow, state: FormState) {
  const now = new Date().toISOString();
  return parentLinksPage(await pupilRecord(c, pupil), await listParentLinks(c.var.db, pupil.id), state, now.slice(0, 10));
}

/** The decisions the framework puts on this form at the pupil's stage, in its own words, if the caller may make them. */
function decisionsOn(c: Context<AppEnv>, pupil: PupilRow, form: FormKind) {
  if (pupilAccess(c.var.caller, pupil, true, "move") !== "granted") return [];
  const framework = frameworkFor(pupil.framework);
  return decisionsOnForm(framework, pupil.stage, form, "school").map((decision) => ({ decision, label: framework.moves[decision]!.label }));
}

/** What the pupil's page shows in its "Record" section for this caller. */
export async function recordsOf(c: Context<AppEnv>, pupil: PupilRow): Promise<RecordSection> {
  const [meetings, involvements] = await Promise.all([listParentMeetings(c.var.db, pupil.id), listSpecialistInvolvements(c.var.db, pupil.id)]);
  return { links: recordsOpenTo(c.var.caller, pupil), meetings, involvements };
}

/** Back to the pupil's page, whose banner says what was saved, the stage now and what is next. */
const backToPupil = (c: Context<AppEnv>, pupil: PupilRow, saved?: FormKind) => c.redirect(`/forms/pupils/${pupil.id}${saved ? `?saved=${saved}` : ""}`, 303);

/**
 * The records a school keeps beside its forms: meetings with parents and specialists involved. Each posts to the same
 * domain functions as the JSON API (worker/routes/meetings.ts) and lands back on the pupil's page.
 * Mounted inside staffFormPages, whose middleware signs the caller in.
 */
export const recordPages = new Hono<AppEnv>()
  .get("/pupils/:id/parent-meeting", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordMeeting");
    return c.html(parentMeetingPage(await pupilRecord(c, pupil), emptyForm(today("heldOn")), decisionsOn(c, pupil, "parentMeeting")));
  })
  .post("/pupils/:id/parent-meeting", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordMeeting");
    const fields = await postedFields(c.req);
    const rerender = async (errors: FormError[]) =>
      c.html(parentMeetingPage(await pupilRecord(c, pupil), withErrors(fields, errors), decisionsOn(c, pupil, "parentMeeting")), 422);
    const checked = checkForm(parentMeetingForm, fields);
    if (!checked.ok) return rerender(checked.errors);
    if (checked.output.decision) authoriseAlso(c, pupil, "move");
    const saved = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "parentMeeting", input: checked.output }));
    if (!saved.ok) return rerender(saved.errors);
    return backToPupil(c, pupil, "parentMeeting");
  })
  .get("/pupils/:id/specialist-involvement", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordSpecialistInvolvement");
    return c.html(specialistInvolvementPage(await pupilRecord(c, pupil), emptyForm(today("requestedOn")), decisionsOn(c, pupil, "specialistInvolvement")));
  })
  .post("/pupils/:id/specialist-involvement", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "recordSpecialistInvolvement");
    const fields = await postedFields(c.req);
    const rerender = async (errors: FormError[]) =>
      c.html(specialistInvolvementPage(await pupilRecord(c, pupil), withErrors(fields, errors), decisionsOn(c, pupil, "specialistInvolvement")), 422);
    const checked = checkForm(specialistInvolvementForm, fields);
    if (!checked.ok) return rerender(checked.errors);
    if (checked.output.decision) authoriseAlso(c, pupil, "move");
    const saved = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "specialistInvolvement", input: checked.output }));
    if (!saved.ok) return rerender(saved.errors);
    return backToPupil(c, pupil, "specialistInvolvement");
  })
  .get("/pupils/:id/parent-links", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "manageParentLinks");
    return c.html(await linksPage(c, pupil, emptyForm({ expiresInDays: "180" })));
  })
  // The secret is shown in the answer to this post, once: a redirect would have to carry it in an address.
  .post("/pupils/:id/parent-links", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "manageParentLinks");
    const fields = await postedFields(c.req);
    const checked = checkForm(parentLinkForm, fields);
    if (!checked.ok) return c.html(await linksPage(c, pupil, withErrors(fields, checked.errors)), 422);
    const created = await createParentLink(c.var.db, pupil, checked.output, c.var.caller.userId, publicOrigin(c.env), new Date(), c.env.JWT_SECRET);
    if ("refusal" in created)
      return c.html(await linksPage(c, pupil, withErrors(fields, [{ field: "parentName", message: refusalMessage(created.refusal) }])), 409);
    return c.html(parentLinkGivenPage(await pupilRecord(c, pupil), { ...created.link, url: created.url }), 201);
  })
  .post("/pupils/:id/parent-links/:linkId/withdraw", validate("param", linkParam), async (c) => {
    const { id, linkId } = c.req.valid("param");
    const pupil = await authorisePupil(c, id, "manageParentLinks");
    const closed = refuseIfClosed(pupil);
    if (closed) return c.html(errorPage(409, refusalMessage(closed.refusal)), 409);
    if (!(await revokeParentLink(c.var.db, pupil.id, linkId, new Date()))) throw notFound("Parent link");
    return backToPupil(c, pupil);
  });
