import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authoriseLaSettings } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";
import { alertSettingsInput, alertSettingsView, readAlertOverrides, saveAlertSettings } from "../las/settings";

const laParam = v.object({ laId: entityId });
const tags = ["Local authority settings"];

/** As the LA's other settings (policy.ts): its officers and admins; others in the LA 403, anyone outside it 404. */
async function authorisedLa(c: Context<AppEnv>, laId: string) {
  authoriseLaSettings(c, laId);
  const overrides = await readAlertOverrides(c.var.db, laId);
  if (!overrides) throw notFound("Local authority");
  return overrides;
}

export const alertSettingsRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:laId/alert-settings",
    describeRoute({
      summary: "When alerts fall due soon and when overdue items escalate, with Stepwise's defaults",
      tags,
      responses: { 200: "The settings", 403: "Not an LA officer", 404: "Not found" },
    }),
    validate("param", laParam),
    async (c) => c.json(alertSettingsView(await authorisedLa(c, c.req.valid("param").laId))),
  )
  .put(
    "/:laId/alert-settings",
    describeRoute({
      summary: "Set the LA's alert settings (a setting left out takes the default)",
      tags,
      body: alertSettingsInput,
      responses: { 200: "The settings now", 400: "Invalid", 403: "Not an LA officer", 404: "Not found" },
    }),
    validate("param", laParam),
    validate("json", alertSettingsInput),
    async (c) => {
      const { laId } = c.req.valid("param");
      await authorisedLa(c, laId);
      auditStaff(c, { action: "update", resource: "alertSettings", laId });
      return c.json(alertSettingsView(await saveAlertSettings(c.var.db, laId, c.req.valid("json"))));
    },
  );
