import { Hono } from "hono";
import * as v from "valibot";
import { entityId, pupilSearch } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseSchool } from "../auth/authorise";
import { schoolAccess } from "../auth/policy";
import { pageSize } from "../dashboards/table";
import { stageIds } from "../dashboards/words";
import { registerOf } from "../forms/staff-pages";
import { readQuery, validate } from "../http/validate";
import { findPupilChoices, findPupilPage } from "../pages/find-pupil";
import { filterErrorPage, stageOptions } from "../pages/pupil-filters";
import { findPupils } from "../pupils/queries";

const schoolParam = v.object({ schoolId: entityId });

/** Finding any pupil of a school (issue 14): staff of the school, a teacher among the pupils they teach, the LA's officers. */
export const findPages = new Hono<AppEnv>().get("/schools/:schoolId/pupils", validate("param", schoolParam), async (c) => {
  const school = await authoriseSchool(c, c.req.valid("param").schoolId, "read");
  const stages = stageIds(school.framework);
  const choices = findPupilChoices(school, stageOptions(school.framework, stages));
  const read = readQuery(pupilSearch(stages), c.req.query());
  if (!read.ok) return c.html(filterErrorPage(`Find a pupil: ${school.name}`, choices, c.req.query(), read.errors), 400);
  const query = read.output;
  const found = await findPupils(c.var.db, c.var.caller, school.id, query, pageSize(query));
  return c.html(
    findPupilPage(
      school,
      found,
      choices,
      { q: query.q, stage: query.stage, year: query.year, need: query.need },
      {
        canEnrol: schoolAccess(c.var.caller, school, "addPupil") === "granted",
        register: registerOf(c.var.caller, school),
      },
    ),
  );
});
