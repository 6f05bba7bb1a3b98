import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseLaDashboard, authoriseLaSchool, authoriseSchool } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { toCsv } from "../dashboards/csv";
import { laQueryOf, laTableNames, laTableQuery, laTables } from "../dashboards/la-tables";
import { provisionMap } from "../dashboards/provision-map";
import { censusColumns, senRegister } from "../dashboards/school-register";
import { sencoTasks } from "../dashboards/school-tasks";
import { pageQuery, pageSize, type Column, type Table } from "../dashboards/table";
import { describeRoute } from "../http/openapi";
import { checkQuery, validate } from "../http/validate";
import { registerFilters } from "../../schema/inputs";
import { schoolDetail } from "../dashboards/school-detail";
import { dayOf, everyStageId, registerStageIds } from "../dashboards/words";

const tags = ["Dashboards"];
const today = () => dayOf(new Date());
const schoolParam = v.object({ schoolId: entityId });

/** A table as JSON, or as a CSV download of its columns when ?format=csv. */
function respond<Row extends Record<string, unknown>>(
  c: Context<AppEnv>,
  table: Table<Row>,
  format: string | undefined,
  name: string,
  columns: readonly Column<Row>[] = table.columns,
) {
  if (format !== "csv") return c.json(table);
  return c.body(toCsv(columns, table.rows), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}-${today()}.csv"`,
    "Cache-Control": "no-store",
  });
}

export const dashboardRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/la/schools/:schoolId",
    describeRoute({
      summary: "One school of your LA: pupils per stage and area, overdue reviews, DRS referrals, terms",
      tags,
      responses: { 200: "The school's figures", 403: "Not an LA officer", 404: "Not a school of your LA" },
    }),
    validate("param", schoolParam),
    async (c) => {
      const school = await authoriseLaSchool(c, c.req.valid("param").schoolId);
      return c.json(await schoolDetail(c.var.db, school, today()));
    },
  )
  .get(
    "/la/:table",
    describeRoute({
      summary: "A table of the LA officer's dashboard, a page at a time; ?format=csv downloads it",
      tags,
      query: laTableQuery,
      responses: {
        200: "The table: columns, rows and the next page's cursor",
        400: "Bad query",
        403: "Not an LA officer",
        404: "No such table, or a school of another LA",
      },
    }),
    validate("param", v.object({ table: v.picklist(laTableNames) })),
    async (c) => {
      const laId = authoriseLaDashboard(c);
      const { table } = c.req.valid("param");
      const query = checkQuery(laQueryOf(table), c.req.query());
      if (query.schoolId) await authoriseLaSchool(c, query.schoolId);
      return respond(c, await laTables[table](c.var.db, laId, today(), query), query.format, table);
    },
  )
  .get(
    "/schools/:schoolId/register",
    describeRoute({
      summary:
        "The school's SEN register by name, narrowed by stage, year group and primary need, a page either way; ?format=csv exports it as the school census records it",
      tags,
      query: registerFilters(everyStageId()),
      responses: {
        200: "A page of the register",
        400: "A filter that is not one of the list's",
        403: "Not the school's SENCO or head",
        404: "Not your school",
      },
    }),
    validate("param", schoolParam),
    async (c) => {
      const school = await authoriseSchool(c, c.req.valid("param").schoolId, "readRegister");
      const query = checkQuery(registerFilters(registerStageIds(school.framework)), c.req.query());
      const register = await senRegister(c.var.db, school, today(), query, pageSize(query));
      return respond(c, register, query.format, `sen-register-${school.urn}`, query.format === "csv" ? censusColumns : register.columns);
    },
  )
  .get(
    "/schools/:schoolId/tasks",
    describeRoute({
      summary: "The SENCO's tasks: reviews due, meetings to hold, copies not yet given to parents",
      tags,
      responses: { 200: "The tasks", 403: "Not the school's SENCO or head", 404: "Not your school" },
    }),
    validate("param", schoolParam),
    validate("query", pageQuery),
    async (c) => {
      const school = await authoriseSchool(c, c.req.valid("param").schoolId, "readRegister");
      return respond(c, await sencoTasks(c.var.db, school, today()), c.req.valid("query").format, "tasks");
    },
  )
  .get(
    "/schools/:schoolId/provision-map",
    describeRoute({
      summary: "The school's provision map (SEND Code 6.76-6.77) with how each intervention's targets went",
      tags,
      responses: { 200: "The provision map", 403: "Not the school's SENCO or head", 404: "Not your school" },
    }),
    validate("param", schoolParam),
    validate("query", pageQuery),
    async (c) => {
      const school = await authoriseSchool(c, c.req.valid("param").schoolId, "readRegister");
      return respond(c, await provisionMap(c.var.db, school.id), c.req.valid("query").format, `provision-map-${school.urn}`);
    },
  );
