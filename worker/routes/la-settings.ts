import { Hono, type Context } from "hono";
import { closureDayInput, closureDayParam, laIdParam, timescaleSettings } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { dayInWords } from "../calendar/day-words";
import { auditStaff } from "../audit/record";
import { authoriseLaSettings } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { ApiError, notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";
import { ukToday } from "../../schema/rules";
import { addClosureDay, changeTimescales, listClosureDays, readTimescaleHistory, removeClosureDay, timescaleHistoryView } from "../las/settings";

const tags = ["Local authority settings"];

/** The LA's timescales, if the caller may change its settings: 404 outside their LA, 403 for its school staff. */
async function authorisedLa(c: Context<AppEnv>, laId: string) {
  authoriseLaSettings(c, laId);
  const history = await readTimescaleHistory(c.var.db, laId, ukToday());
  if (!history) throw notFound("Local authority");
  return history;
}

export const laSettingsRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:laId/timescales",
    describeRoute({
      summary: "Every clock's default, source, basis (statutory or local) and the LA's value",
      tags,
      responses: { 200: "The timescales", 403: "Not an LA officer", 404: "Not found" },
    }),
    validate("param", laIdParam),
    async (c) => {
      return c.json(timescaleHistoryView(await authorisedLa(c, c.req.valid("param").laId)));
    },
  )
  .put(
    "/:laId/timescales",
    describeRoute({
      summary:
        "Set the LA's local timescales (a clock left out runs by its default) from today or a later day (takesEffectOn); statutory ones cannot be changed; clocks count by the setting in force on the day they start and keep it",
      tags,
      body: timescaleSettings,
      responses: {
        200: "The timescales today, and the changes set for later days",
        400: "Invalid, a statutory timescale named, or a day gone by",
        403: "Not an LA officer",
        404: "Not found",
      },
    }),
    validate("param", laIdParam),
    validate("json", timescaleSettings),
    async (c) => {
      const { laId } = c.req.valid("param");
      await authorisedLa(c, laId);
      auditStaff(c, { action: "update", resource: "timescales", laId });
      const today = ukToday();
      const changed = await changeTimescales(c.var.db, laId, c.req.valid("json"), { today, by: c.var.caller.userId });
      if (!changed.ok)
        throw new ApiError(400, changed.refusal.code, changed.refusal.message, [{ field: changed.refusal.field, message: changed.refusal.message }]);
      return c.json({ takesEffectOn: changed.takesEffectOn, ...timescaleHistoryView(await authorisedLa(c, laId)) });
    },
  )
  .get(
    "/:laId/closure-days",
    describeRoute({
      summary: "Days the LA closes its schools: not working days for its clocks",
      tags,
      responses: { 200: "The closure days", 403: "Not an LA officer", 404: "Not found" },
    }),
    validate("param", laIdParam),
    async (c) => {
      const { laId } = c.req.valid("param");
      await authorisedLa(c, laId);
      return c.json({ closureDays: await listClosureDays(c.var.db, laId) });
    },
  )
  .post(
    "/:laId/closure-days",
    describeRoute({
      summary: "Add a closure day",
      tags,
      body: closureDayInput,
      responses: { 201: "Added", 400: "Invalid body", 403: "Not an LA officer", 404: "Not found", 409: "Already a closure day" },
    }),
    validate("param", laIdParam),
    validate("json", closureDayInput),
    async (c) => {
      const { laId } = c.req.valid("param");
      await authorisedLa(c, laId);
      const day = c.req.valid("json");
      auditStaff(c, { action: "create", resource: "closureDay", resourceId: day.date, laId });
      if (!(await addClosureDay(c.var.db, laId, day)))
        throw new ApiError(409, "closure_day_exists", `${dayInWords(day.date)} is already a closure day`, [
          { field: "date", message: "Already a closure day" },
        ]);
      return c.json({ closureDay: day }, 201);
    },
  )
  .delete(
    "/:laId/closure-days/:date",
    describeRoute({
      summary: "Remove a closure day (clocks already running keep their due dates)",
      tags,
      responses: { 204: "Removed", 403: "Not an LA officer", 404: "Not found" },
    }),
    validate("param", closureDayParam),
    async (c) => {
      const { laId, date } = c.req.valid("param");
      await authorisedLa(c, laId);
      auditStaff(c, { action: "update", resource: "closureDay", resourceId: date, laId });
      if (!(await removeClosureDay(c.var.db, laId, date))) throw notFound("Closure day");
      return c.body(null, 204);
    },
  );
