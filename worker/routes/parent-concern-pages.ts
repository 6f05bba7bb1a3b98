import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { parentConcernMatchForm, parentContactedForm } from "../../schema/staff-forms/parent-contacted";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authorisePupil, authoriseSchool } from "../auth/authorise";
import { matchCandidates, openParentConcern, recordParentContacted } from "../concerns/school-inbox";
import { emptyForm, withErrors, type FormState } from "../html";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import { refusalsAsErrors, today } from "../forms/staff-pages";
import { parentConcernInboxPage } from "../forms/templates/parent-concern-inbox";
import { notFound } from "../http/errors";
import { submitToCase } from "../http/submit";
import { validate } from "../http/validate";
import type { readSchool } from "../pupils/queries";

const concernParam = v.object({ schoolId: entityId, concernId: entityId });
type School = NonNullable<Awaited<ReturnType<typeof readSchool>>>;

/** The concern's page, opened (so read) and logged; `state` carries a form's errors back, with a 422. */
async function showConcern(c: Context<AppEnv>, school: School, concernId: string, state: FormState, status: 200 | 422 = 200) {
  const concern = await openParentConcern(c.var.db, school.id, concernId, new Date().toISOString());
  if (!concern) throw notFound("Concern");
  await auditStaff(c, { action: "read", resource: "recordOfConcern", resourceId: concern.id, schoolId: school.id, laId: school.laId });
  const candidates = concern.pupilId ? [] : await matchCandidates(c.var.db, concern);
  return c.html(parentConcernInboxPage(school, concern, state, candidates), status);
}

/**
 * A parent's concern, sent through the school's link, as the SENCO or head reads it, records contacting the parent
 * and adds it to the pupil's record.
 */
export const parentConcernPages = new Hono<AppEnv>()
  .get("/schools/:schoolId/parent-concerns/:concernId", validate("param", concernParam), async (c) => {
    const { schoolId, concernId } = c.req.valid("param");
    const school = await authoriseSchool(c, schoolId, "handleParentConcerns");
    return showConcern(c, school, concernId, emptyForm(today("on")));
  })
  .post("/schools/:schoolId/parent-concerns/:concernId/contacted", validate("param", concernParam), async (c) => {
    const { schoolId, concernId } = c.req.valid("param");
    const school = await authoriseSchool(c, schoolId, "handleParentConcerns");
    const fields = await postedFields(c.req);
    const checked = checkForm(parentContactedForm, fields);
    if (!checked.ok) return showConcern(c, school, concernId, withErrors(fields, checked.errors), 422);
    if (!(await recordParentContacted(c.var.db, school.id, concernId, checked.output.on))) throw notFound("Concern");
    await auditStaff(c, { action: "update", resource: "recordOfConcern", resourceId: concernId, schoolId: school.id, laId: school.laId });
    return c.redirect(`/forms/schools/${school.id}/parent-concerns/${concernId}`, 303);
  })
  .post("/schools/:schoolId/parent-concerns/:concernId/match", validate("param", concernParam), async (c) => {
    const { schoolId, concernId } = c.req.valid("param");
    const school = await authoriseSchool(c, schoolId, "handleParentConcerns");
    const fields = await postedFields(c.req);
    const checked = checkForm(parentConcernMatchForm, fields);
    if (!checked.ok) return showConcern(c, school, concernId, withErrors(fields, checked.errors), 422);
    const pupil = await authorisePupil(c, checked.output.pupilId, "raiseConcern");
    const matched = await refusalsAsErrors(() => submitToCase(c, pupil.id, { kind: "parentConcernMatch", concernId }), "pupilId");
    if (!matched.ok) return showConcern(c, school, concernId, withErrors(fields, matched.errors), 422);
    return c.redirect(`/print/pupils/${pupil.id}/concerns/${concernId}`, 303);
  });
