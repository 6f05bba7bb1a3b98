import { Hono } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { parentContactedForm } from "../../schema/staff-forms/parent-contacted";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authoriseSchool } from "../auth/authorise";
import { openParentConcern, recordParentContacted } from "../concerns/school-inbox";
import { emptyForm } from "../forms/components";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import { today, withErrors } from "../forms/staff-pages";
import { parentConcernInboxPage } from "../forms/templates/parent-concern-inbox";
import { notFound } from "../http/errors";
import { validate } from "../http/validate";

const concernParam = v.object({ schoolId: entityId, concernId: entityId });

/** A parent's concern, sent through the school's link, as the SENCO or head reads it and records contacting the parent. */
export const parentConcernPages = new Hono<AppEnv>()
  .get("/schools/:schoolId/parent-concerns/:concernId", validate("param", concernParam), async (c) => {
    const { schoolId, concernId } = c.req.valid("param");
    const school = await authoriseSchool(c, schoolId, "handleParentConcerns");
    const concern = await openParentConcern(c.var.db, school.id, concernId, new Date().toISOString());
    if (!concern) throw notFound("Concern");
    await auditStaff(c, { action: "read", resource: "recordOfConcern", resourceId: concern.id, schoolId: school.id, laId: school.laId });
    return c.html(parentConcernInboxPage(school, concern, emptyForm(today("on"))));
  })
  .post("/schools/:schoolId/parent-concerns/:concernId/contacted", validate("param", concernParam), async (c) => {
    const { schoolId, concernId } = c.req.valid("param");
    const school = await authoriseSchool(c, schoolId, "handleParentConcerns");
    const fields = await postedFields(c.req);
    const checked = checkForm(parentContactedForm, fields);
    if (!checked.ok) {
      const concern = await openParentConcern(c.var.db, school.id, concernId, new Date().toISOString());
      if (!concern) throw notFound("Concern");
      await auditStaff(c, { action: "read", resource: "recordOfConcern", resourceId: concern.id, schoolId: school.id, laId: school.laId });
      return c.html(parentConcernInboxPage(school, concern, withErrors(fields, checked.errors)), 422);
    }
    if (!(await recordParentContacted(c.var.db, school.id, concernId, checked.output.on))) throw notFound("Concern");
    await auditStaff(c, { action: "update", resource: "recordOfConcern", resourceId: concernId, schoolId: school.id, laId: school.laId });
    return c.redirect(`/forms/schools/${school.id}/parent-concerns/${concernId}`, 303);
  });
