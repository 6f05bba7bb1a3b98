import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { localAuthorities } from "../../schema/tables";
import { parentConcernsOf } from "../concerns/school-inbox";
import type { AppEnv } from "../app-env";
import { authoriseLaDashboard, authoriseLaSchool, authoriseSchool } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { laQueryOf, laSchools, laTableNames, laTables } from "../dashboards/la-tables";
import { stageAndNeedCounts } from "../dashboards/la-figures";
import { provisionMap } from "../dashboards/provision-map";
import { schoolDetail } from "../dashboards/school-detail";
import { senRegister } from "../dashboards/school-register";
import { pageSize } from "../dashboards/table";
import { dayOf, registerStageIds } from "../dashboards/words";
import { ApiError } from "../http/errors";
import { readQuery, validate } from "../http/validate";
import { registerFilters } from "../../schema/inputs";
import { filterErrorPage, stageOptions } from "../pages/pupil-filters";
import { laDashboardPage, laPupilChoices, laSchoolPage, laTablePage } from "../pages/la-dashboard";
import { errorPage } from "../html";
import { provisionMapPage, registerFilterChoices, registerPage } from "../pages/school-view";

const today = () => dayOf(new Date());
const schoolParam = v.object({ schoolId: entityId });

/** Pages answer refusals as pages, not JSON: sign in, not yours, not found. */
function renderPageError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) return c.html(errorPage(err.status, err.message), err.status);
  console.error("unhandled page error", err);
  return c.html(errorPage(500, "Something went wrong; nothing was changed."), 500);
}

/** The LA officer's dashboard and the school's register and provision map, drawn on the server from the same tables as the API. */
export const dashboardPages = new Hono<AppEnv>()
  .use(requireStaff())
  .get("/la", async (c) => {
    const laId = authoriseLaDashboard(c);
    const db = c.var.db;
    const day = today();
    const la = await db.select({ name: localAuthorities.name }).from(localAuthorities).where(eq(localAuthorities.id, laId)).get();
    const [overdue, schools, byStage, byArea, drs, assessments, terms] = await Promise.all(
      (["overdue-reviews", "schools", "totals-by-stage", "totals-by-area", "drs-referrals", "assessment-requests", "terms"] as const).map((name) =>
        laTables[name](db, laId, day, {}),
      ),
    );
    return c.html(
      laDashboardPage(la?.name ?? "Your local authority", {
        overdue: overdue!,
        schools: schools!,
        byStage: byStage!,
        byArea: byArea!,
        drs: drs!,
        assessments: assessments!,
        terms: terms!,
      }),
    );
  })
  .get("/la/tables/:table", validate("param", v.object({ table: v.picklist(laTableNames) })), async (c) => {
    const laId = authoriseLaDashboard(c);
    const { table } = c.req.valid("param");
    const choices = table === "pupils" ? laPupilChoices(await laSchools(c.var.db, laId)) : null;
    const read = readQuery(laQueryOf(table), c.req.query());
    if (!read.ok) {
      if (choices) return c.html(filterErrorPage("Pupils in the local authority", choices, c.req.query(), read.errors), 400);
      throw new ApiError(400, "invalid_query", read.errors.map((error) => error.message).join(". "), read.errors);
    }
    const query = read.output;
    if (query.schoolId) await authoriseLaSchool(c, query.schoolId);
    return c.html(laTablePage(table, await laTables[table](c.var.db, laId, today(), query), query, choices));
  })
  .get("/la/schools/:schoolId", validate("param", schoolParam), async (c) => {
    const school = await authoriseLaSchool(c, c.req.valid("param").schoolId);
    return c.html(laSchoolPage(await schoolDetail(c.var.db, school, today())));
  })
  .get("/school", (c) => {
    const first = c.var.caller.schoolIds[0];
    if (!first) throw new ApiError(404, "not_found", "You work at no school on Stepwise");
    return c.redirect(`/dashboard/schools/${first}`);
  })
  .get("/schools/:schoolId", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "readRegister");
    const stages = registerStageIds(school.framework);
    const choices = registerFilterChoices(school, stageOptions(school.framework, stages));
    const read = readQuery(registerFilters(stages), c.req.query());
    if (!read.ok) return c.html(filterErrorPage(`SEN register: ${school.name}`, choices, c.req.query(), read.errors), 400);
    const query = read.output;
    const [register, counts, fromParents] = await Promise.all([
      senRegister(c.var.db, school, today(), query, pageSize(query)),
      stageAndNeedCounts(c.var.db, school.laId, undefined, 1, school.id),
      parentConcernsOf(c.var.db, school.id),
    ]);
    return c.html(registerPage(school, register, counts.stages, fromParents, { choices, values: { stage: query.stage, year: query.year, need: query.need } }));
  })
  .get("/schools/:schoolId/provision-map", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "readRegister");
    return c.html(provisionMapPage(school, await provisionMap(c.var.db, school.id)));
  })
  .onError(renderPageError);
