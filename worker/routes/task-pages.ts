import { Hono } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseSchool } from "../auth/authorise";
import { sencoTasks } from "../dashboards/school-tasks";
import { dayOf } from "../dashboards/words";
import { validate } from "../http/validate";
import { tasksPage } from "../pages/school-view";

const schoolParam = v.object({ schoolId: entityId });

/** The SENCO's tasks as a page of their own. Mounted inside staffFormPages, whose middleware signs the caller in. */
export const taskPages = new Hono<AppEnv>().get("/schools/:schoolId/tasks", validate("param", schoolParam), async (c) => {
  const school = await authoriseSchool(c, c.req.valid("param").schoolId, "readRegister");
  const today = dayOf(new Date());
  return c.html(tasksPage(school, await sencoTasks(c.var.db, school, today), today));
});
