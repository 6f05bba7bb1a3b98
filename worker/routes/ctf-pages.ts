import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authorisePupil, authoriseSchool } from "../auth/authorise";
import { postedText } from "../forms/http";
import { ctfPreviewPage, ctfUploadPage } from "../forms/templates/ctf";
import { notFound } from "../http/errors";
import { validate } from "../http/validate";
import { arriveByCtf, ctfOfPupil, planCtfArrival } from "../pupils/ctf";
import { writeCtf } from "../pupils/ctf-file";
import type { readSchool } from "../pupils/queries";

const pupilParam = v.object({ id: entityId });
const schoolParam = v.object({ schoolId: entityId });
type School = NonNullable<Awaited<ReturnType<typeof readSchool>>>;

/** The posted file read against the school's framework: nothing stored. */
async function arrivalOf(c: Context<AppEnv>, school: School) {
  const xml = await postedText(c.req, "ctfFile", "xml");
  if (xml === null) return { xml: "", planned: { ok: false, reason: "Choose the Common Transfer File (XML) the pupil's old school sent" } as const };
  return { xml, planned: planCtfArrival(school, xml) };
}

/** Issue 18: the leaving school's SENCO downloads a pupil's CTF; the receiving school's uploads one, checks it and adds the pupil. */
export const ctfPages = new Hono<AppEnv>()
  .get("/pupils/:id/ctf", validate("param", pupilParam), async (c) => {
    // Logged by authorisePupil, as every read of a pupil's record is: who downloaded the file, when, from where.
    const pupil = await authorisePupil(c, c.req.valid("param").id, "transfer", "ctf");
    const file = await ctfOfPupil(c.var.db, pupil, new Date().toISOString());
    if (!file) throw notFound("School");
    return c.body(writeCtf(file), 200, {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.source.laCode}_CTF_${pupil.upn}.xml"`,
    });
  })
  .get("/schools/:schoolId/ctf-import", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    return c.html(ctfUploadPage(school, null));
  })
  .post("/schools/:schoolId/ctf-import", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    const { xml, planned } = await arrivalOf(c, school);
    if (!planned.ok) return c.html(ctfUploadPage(school, planned.reason), 422);
    return c.html(ctfPreviewPage(school, planned.arrival, xml));
  })
  .post("/schools/:schoolId/ctf-import/confirm", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    const { planned } = await arrivalOf(c, school);
    if (!planned.ok) return c.html(ctfUploadPage(school, planned.reason), 422);
    const arrived = await arriveByCtf(c.var.db, school, planned.arrival, c.var.caller, new Date().toISOString());
    const pupilId = arrived.ok ? arrived.id : null;
    auditStaff(c, { action: "create", resource: "ctf", resourceId: pupilId, pupilId, schoolId: school.id, laId: school.laId });
    if (!arrived.ok) return c.html(ctfUploadPage(school, arrived.refusal.fieldMessage), 422);
    return c.redirect(`/forms/pupils/${arrived.id}`, 303);
  });
