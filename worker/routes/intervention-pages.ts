import { Hono, type Context } from "hono";
import { interventionParam, schoolIdParam } from "../../schema/inputs";
import {
  interventionDetailsForm as detailsForm,
  interventionEndForm as endForm,
  interventionPupilsOffForm as offForm,
  interventionPupilsOnForm as onForm,
  interventionTargetsForm as targetsForm,
} from "../../schema/staff-forms/administration";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authoriseSchool } from "../auth/authorise";
import { emptyForm, withErrors } from "../html";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import type { RawFields } from "../forms/shared/read-fields";
import { today } from "../forms/staff-pages";
import { interventionFields, interventionPage, newInterventionPage, type InterventionForms } from "../forms/templates/intervention";
import { notFound } from "../http/errors";
import { validate } from "../http/validate";
import {
  endIntervention,
  interventionPupilsOf,
  interventionTargetsOf,
  linkTargets,
  putPupilsOn,
  readIntervention,
  saveInterventionForm,
  takePupilOff,
} from "../records/interventions";

const mapOf = (schoolId: string) => `/dashboard/schools/${schoolId}/provision-map`;

/** The intervention, if the caller may manage the school's provision map (SENCO, head): 404 outside, 403 beyond the role. */
async function authorisedIntervention(c: Context<AppEnv>, schoolId: string, interventionId: string) {
  const school = await authoriseSchool(c, schoolId, "manageInterventions");
  const intervention = await readIntervention(c.var.db, school.id, interventionId);
  if (!intervention) throw notFound("Intervention");
  return { school, intervention };
}

async function showIntervention(c: Context<AppEnv>, schoolId: string, interventionId: string, changed: Partial<InterventionForms> = {}) {
  const { school, intervention } = await authorisedIntervention(c, schoolId, interventionId);
  const [pupils, targets] = await Promise.all([
    interventionPupilsOf(c.var.db, school.id, intervention.id),
    interventionTargetsOf(c.var.db, school.id, intervention.id),
  ]);
  const linked = emptyForm({ targetIds: targets.filter((target) => target.linked).map((target) => target.id) });
  const forms: InterventionForms = {
    details: emptyForm(interventionFields(intervention)),
    on: emptyForm(today("startedOn")),
    off: emptyForm(today("leftOn")),
    end: emptyForm(today("endedOn")),
    targets: linked,
    ...changed,
  };
  const notice = c.req.query("saved") === "targets" ? "The targets it delivers are saved." : undefined;
  return c.html(interventionPage(school, intervention, pupils, targets, forms, notice), Object.keys(changed).length ? 422 : 200);
}

const again = (fields: RawFields, errors: { field: string; message: string }[]) => withErrors(fields, errors);

/** The provision map, managed by the SENCO and head: add, change and stop interventions; put pupils on and take them off. */
export const interventionPages = new Hono<AppEnv>()
  .get("/schools/:schoolId/interventions/new", validate("param", schoolIdParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "manageInterventions");
    return c.html(newInterventionPage(school, emptyForm({ costBasis: "perSession" })));
  })
  .post("/schools/:schoolId/interventions", validate("param", schoolIdParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "manageInterventions");
    const fields = await postedFields(c.req);
    const checked = checkForm(detailsForm, fields);
    if (!checked.ok) return c.html(newInterventionPage(school, again(fields, checked.errors)), 422);
    const saved = await saveInterventionForm(c.var.db, school.id, checked.output, new Date().toISOString());
    if (!saved.ok) return c.html(newInterventionPage(school, again(fields, [{ field: saved.refusal.field, message: saved.refusal.message }])), 422);
    const created = saved.intervention;
    auditStaff(c, { action: "create", resource: "intervention", resourceId: created?.id ?? null, schoolId: school.id, laId: school.laId });
    return c.redirect(created ? `/forms/schools/${school.id}/interventions/${created.id}` : mapOf(school.id), 303);
  })
  .get("/schools/:schoolId/interventions/:interventionId", validate("param", interventionParam), async (c) => {
    const { schoolId, interventionId } = c.req.valid("param");
    return showIntervention(c, schoolId, interventionId);
  })
  .post("/schools/:schoolId/interventions/:interventionId", validate("param", interventionParam), async (c) => {
    const { schoolId, interventionId } = c.req.valid("param");
    const { school, intervention } = await authorisedIntervention(c, schoolId, interventionId);
    auditStaff(c, { action: "update", resource: "intervention", resourceId: intervention.id, schoolId: school.id, laId: school.laId });
    const fields = await postedFields(c.req);
    const checked = checkForm(detailsForm, fields);
    if (!checked.ok) return showIntervention(c, schoolId, interventionId, { details: again(fields, checked.errors) });
    const saved = await saveInterventionForm(c.var.db, school.id, checked.output, new Date().toISOString(), intervention.id);
    if (!saved.ok)
      return showIntervention(c, schoolId, interventionId, { details: again(fields, [{ field: saved.refusal.field, message: saved.refusal.message }]) });
    return c.redirect(mapOf(school.id), 303);
  })
  .post("/schools/:schoolId/interventions/:interventionId/pupils", validate("param", interventionParam), async (c) => {
    const { schoolId, interventionId } = c.req.valid("param");
    const { school, intervention } = await authorisedIntervention(c, schoolId, interventionId);
    auditStaff(c, { action: "update", resource: "interventionPupils", resourceId: intervention.id, schoolId: school.id, laId: school.laId });
    const fields = await postedFields(c.req);
    const checked = checkForm(onForm, fields);
    if (!checked.ok) return showIntervention(c, schoolId, interventionId, { on: again(fields, checked.errors) });
    if (intervention.endedOn)
      return showIntervention(c, schoolId, interventionId, {
        on: again(fields, [{ field: "pupilIds", message: "The school has stopped running this intervention" }]),
      });
    if (!(await putPupilsOn(c.var.db, school.id, intervention.id, checked.output.pupilIds, checked.output.startedOn))) {
      return showIntervention(c, schoolId, interventionId, {
        on: again(fields, [{ field: "pupilIds", message: "Choose pupils of the school who are not on it now" }]),
      });
    }
    return c.redirect(`/forms/schools/${school.id}/interventions/${intervention.id}`, 303);
  })
  .post("/schools/:schoolId/interventions/:interventionId/pupils/off", validate("param", interventionParam), async (c) => {
    const { schoolId, interventionId } = c.req.valid("param");
    const { school, intervention } = await authorisedIntervention(c, schoolId, interventionId);
    auditStaff(c, { action: "update", resource: "interventionPupils", resourceId: intervention.id, schoolId: school.id, laId: school.laId });
    const fields = await postedFields(c.req);
    const checked = checkForm(offForm, fields);
    if (!checked.ok) return showIntervention(c, schoolId, interventionId, { off: again(fields, checked.errors) });
    let taken = 0;
    for (const participationId of checked.output.participationIds)
      if (await takePupilOff(c.var.db, school.id, intervention.id, participationId, checked.output.leftOn)) taken++;
    if (!taken)
      return showIntervention(c, schoolId, interventionId, { off: again(fields, [{ field: "participationIds", message: "Choose pupils who are on it now" }]) });
    return c.redirect(`/forms/schools/${school.id}/interventions/${intervention.id}`, 303);
  })
  .post("/schools/:schoolId/interventions/:interventionId/targets", validate("param", interventionParam), async (c) => {
    const { schoolId, interventionId } = c.req.valid("param");
    const { school, intervention } = await authorisedIntervention(c, schoolId, interventionId);
    auditStaff(c, { action: "update", resource: "interventionTargets", resourceId: intervention.id, schoolId: school.id, laId: school.laId });
    const fields = await postedFields(c.req);
    const checked = checkForm(targetsForm, fields);
    if (!checked.ok) return showIntervention(c, schoolId, interventionId, { targets: again(fields, checked.errors) });
    await linkTargets(c.var.db, school.id, intervention.id, checked.output.targetIds);
    return c.redirect(`/forms/schools/${school.id}/interventions/${intervention.id}?saved=targets`, 303);
  })
  .post("/schools/:schoolId/interventions/:interventionId/end", validate("param", interventionParam), async (c) => {
    const { schoolId, interventionId } = c.req.valid("param");
    const { school, intervention } = await authorisedIntervention(c, schoolId, interventionId);
    auditStaff(c, { action: "update", resource: "intervention", resourceId: intervention.id, schoolId: school.id, laId: school.laId });
    const fields = await postedFields(c.req);
    const checked = checkForm(endForm, fields);
    if (!checked.ok) return showIntervention(c, schoolId, interventionId, { end: again(fields, checked.errors) });
    await endIntervention(c.var.db, school.id, intervention.id, checked.output.endedOn);
    return c.redirect(mapOf(school.id), 303);
  });
