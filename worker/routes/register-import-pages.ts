import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authoriseSchool } from "../auth/authorise";
import { postedText } from "../forms/http";
import { registerImportPage, registerPreviewPage } from "../forms/templates/register-import";
import { validate } from "../http/validate";
import type { readSchool } from "../pupils/queries";
import { censusCheck } from "../dashboards/census-check";
import { censusCheckPage } from "../forms/templates/census-check";
import { readRegisterFile } from "../pupils/register-file";
import { applyRegisterImport, planRegisterImport } from "../pupils/register-import";

const schoolParam = v.object({ schoolId: entityId });
const count = v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number));
const doneQuery = v.object({ added: v.optional(count), updated: v.optional(count), unchanged: v.optional(count) });
type School = NonNullable<Awaited<ReturnType<typeof readSchool>>>;

const noFile = [{ line: 1, column: "(file)", reason: "Choose the CSV file your MIS exported" }];

/** The posted file read and planned against the school's pupils: nothing stored. */
async function planOf(c: Context<AppEnv>, school: School) {
  const csv = await postedText(c.req, "registerFile", "csv");
  if (csv === null) return { csv: "", plan: null, problems: noFile };
  const plan = await planRegisterImport(c.var.db, school, readRegisterFile(csv));
  return { csv, plan, problems: plan.problems };
}

/**
 * The SENCO or head imports the register from the school's MIS export (a preview first, then one atomic change), and
 * checks it against the school census's rules.
 */
export const registerImportPages = new Hono<AppEnv>()
  .get("/schools/:schoolId/register-import", validate("param", schoolParam), validate("query", doneQuery), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    const { added, updated, unchanged } = c.req.valid("query");
    const done = added === undefined ? null : { added, updated: updated ?? 0, unchanged: unchanged ?? 0 };
    return c.html(registerImportPage(school, done));
  })
  .post("/schools/:schoolId/register-import", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    const { csv, plan, problems } = await planOf(c, school);
    if (!plan || problems.length) return c.html(registerImportPage(school, null, problems), 422);
    return c.html(registerPreviewPage(school, plan, csv));
  })
  .get("/schools/:schoolId/census-check", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "readRegister");
    await auditStaff(c, { action: "read", resource: "censusCheck", schoolId: school.id, laId: school.laId });
    return c.html(censusCheckPage(school, await censusCheck(c.var.db, school)));
  })
  .post("/schools/:schoolId/register-import/confirm", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "addPupil");
    const { plan, problems } = await planOf(c, school);
    if (!plan || problems.length) return c.html(registerImportPage(school, null, problems), 422);
    const done = await applyRegisterImport(c.var.db, c.env.DB, school, plan, c.var.caller, new Date().toISOString());
    await auditStaff(c, { action: "create", resource: "registerImport", schoolId: school.id, laId: school.laId });
    return c.redirect(`/forms/schools/${school.id}/register-import?added=${done.added}&updated=${done.updated}&unchanged=${plan.unchanged}`, 303);
  });
