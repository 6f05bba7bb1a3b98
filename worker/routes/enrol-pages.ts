import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId, pupilEnrolmentForm } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authoriseSchool } from "../auth/authorise";
import { openParentConcern } from "../concerns/school-inbox";
import { emptyForm, withErrors, type FormState } from "../html";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import type { RawFields } from "../forms/shared/read-fields";
import { enrolPupilPage } from "../forms/templates/enrol-pupil";
import { validate } from "../http/validate";
import { enrolPupil } from "../pupils/enrol";
import type { readSchool } from "../pupils/queries";

const schoolParam = v.object({ schoolId: entityId });
const fromConcern = v.object({ concern: v.optional(entityId) });
type School = NonNullable<Awaited<ReturnType<typeof readSchool>>>;

/** A parent's concern, if the form was opened from one: its child's details start the form. */
async function concernOf(c: Context<AppEnv>, school: School, concernId: string | undefined) {
  if (!concernId) return null;
  const concern = await openParentConcern(c.var.db, school.id, concernId, new Date().toISOString());
  if (concern) await auditStaff(c, { action: "read", resource: "recordOfConcern", resourceId: concern.id, schoolId: school.id, laId: school.laId });
  return concern;
}

function fromParent(concern: NonNullable<Awaited<ReturnType<typeof concernOf>>>): RawFields {
  const names = concern.childName?.trim().split(/\s+/) ?? [];
  const [year, month, day] = concern.childDateOfBirth?.split("-") ?? [];
  return {
    ...(names.length > 1 ? { givenName: names.slice(0, -1).join(" "), familyName: names.at(-1)! } : {}),
    ...(year && month && day ? { "dateOfBirth.day": String(Number(day)), "dateOfBirth.month": String(Number(month)), "dateOfBirth.year": year } : {}),
    ...(concern.childYearGroup ? { yearGroup: concern.childYearGroup } : {}),
  };
}

const show = (c: Context<AppEnv>, school: School, state: FormState, concernId: string | null, status: 200 | 422 = 200) =>
  c.html(enrolPupilPage(school, state, concernId), status);

/** The SENCO or head enrols one pupil on a page; from a parent's concern, then back to add the concern to their record. */
export const enrolPages = new Hono<AppEnv>()
  .get("/schools/:schoolId/pupils/new", validate("param", schoolParam), validate("query", fromConcern), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    const concern = await concernOf(c, school, c.req.valid("query").concern);
    return show(c, school, emptyForm(concern ? fromParent(concern) : {}), concern?.id ?? null);
  })
  .post("/schools/:schoolId/pupils", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    const fields = await postedFields(c.req);
    const concern = await concernOf(c, school, v.is(entityId, fields.concernId) ? fields.concernId : undefined);
    const concernId = concern?.id ?? null;
    const checked = checkForm(pupilEnrolmentForm, fields);
    if (!checked.ok) return show(c, school, withErrors(fields, checked.errors), concernId, 422);
    const enrolled = await enrolPupil(
      c.var.db,
      school,
      { ...checked.output, schoolId: school.id },
      c.var.caller,
      new Date().toISOString(),
      "asTheCensusRecords",
    );
    const pupilId = enrolled.ok ? enrolled.id : null;
    auditStaff(c, { action: "create", resource: "pupil", resourceId: pupilId, pupilId, schoolId: school.id, laId: school.laId });
    if (!enrolled.ok) return show(c, school, withErrors(fields, [{ field: enrolled.refusal.field, message: enrolled.refusal.fieldMessage }]), concernId, 422);
    return c.redirect(concernId ? `/forms/schools/${school.id}/parent-concerns/${concernId}` : `/forms/pupils/${enrolled.id}`, 303);
  });
