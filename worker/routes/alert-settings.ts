import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { localAuthorities } from "../../schema/tables";
import type { AppEnv } from "../app-env";
import { authoriseLaSettings } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { defaultAlertSettings, maxDueSoonDays, resolveAlertSettings } from "../alerts/settings";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";

const days = (what: string, max: number) => v.optional(v.pipe(v.number(`${what} must be a number of days`), v.integer(`${what} must be whole days`), v.minValue(1, `${what} must be at least 1`), v.maxValue(max, `${what} must be at most ${max}`)));
const alertSettingsInput = v.pipe(
  v.strictObject({
    dueSoonDays: days("Due soon", maxDueSoonDays),
    escalateToSencoAfterDays: days("Escalation to the SENCO", 90),
    escalateToLaAfterDays: days("Escalation to the LA", 180),
  }),
  v.forward(
    v.check((input) => {
      const resolved = resolveAlertSettings(input);
      return resolved.escalateToLaAfterDays > resolved.escalateToSencoAfterDays;
    }, "Escalation to the LA must come after escalation to the SENCO"),
    ["escalateToLaAfterDays"],
  ),
);
const laParam = v.object({ laId: entityId });
const tags = ["Local authority settings"];

/** As the LA's other settings (policy.ts): its officers and admins; others in the LA 403, anyone outside it 404. */
async function authorisedLa(c: Context<AppEnv>, laId: string) {
  authoriseLaSettings(c, laId);
  const la = await c.var.db.select({ alertSettings: localAuthorities.alertSettings }).from(localAuthorities).where(eq(localAuthorities.id, laId)).get();
  if (!la) throw notFound("Local authority");
  return la.alertSettings;
}

const view = (overrides: Parameters<typeof resolveAlertSettings>[0]) => ({ settings: resolveAlertSettings(overrides), defaults: defaultAlertSettings, overrides });

export const alertSettingsRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/:laId/alert-settings",
    describeRoute({ summary: "When alerts fall due soon and when overdue items escalate, with Stepwise's defaults", tags, responses: { 200: "The settings", 403: "Not an LA officer", 404: "Not found" } }),
    validate("param", laParam),
    async (c) => c.json(view(await authorisedLa(c, c.req.valid("param").laId))),
  )
  .put(
    "/:laId/alert-settings",
    describeRoute({ summary: "Set the LA's alert settings (a setting left out takes the default)", tags, body: alertSettingsInput, responses: { 200: "The settings now", 400: "Invalid", 403: "Not an LA officer", 404: "Not found" } }),
    validate("param", laParam),
    validate("json", alertSettingsInput),
    async (c) => {
      const { laId } = c.req.valid("param");
      await authorisedLa(c, laId);
      const overrides = c.req.valid("json");
      await c.var.db.update(localAuthorities).set({ alertSettings: overrides }).where(eq(localAuthorities.id, laId));
      return c.json(view(overrides));
    },
  );
