import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { closureDayParam, laIdParam } from "../../schema/inputs";
import { closureRangeForm as closureForm, timescalesForm } from "../../schema/staff-forms/administration";
import { localAuthorities } from "../../schema/tables";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authoriseLaDashboard, authoriseLaSettings } from "../auth/authorise";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import type { RawFields } from "../forms/shared/read-fields";
import { withErrors } from "../html";
import { laSettingsPage, settingsFormsOf, type LaSettingsForms, type LaSettingsView } from "../forms/templates/la-settings";
import { notFound } from "../http/errors";
import { validate } from "../http/validate";
import {
  addClosureDays,
  alertSettingsForm as alertsForm,
  alertSettingsView,
  listClosureDays,
  readAlertOverrides,
  removeClosureDay,
  saveAlertSettings,
  changeTimescales,
  readTimescaleHistory,
  timescaleHistoryView,
} from "../las/settings";
import { ukToday } from "../../schema/rules";
import { clockKinds, defaultTimescales } from "../workflow/timescales";

const savedMessages = {
  timescales: "The timescales are saved. Clocks already running keep theirs.",
  alerts: "The alert settings are saved.",
  closureDays: "The closure days are added. Clocks already running keep their due dates.",
  removed: "The closure day is removed. Clocks already running keep their due dates.",
} as const;
const savedQuery = v.object({ saved: v.optional(v.picklist(Object.keys(savedMessages) as (keyof typeof savedMessages)[])) });

const localClocks = clockKinds.filter((clock) => defaultTimescales[clock].basis === "local");

/** The LA's settings as the page shows them, if the caller may change them: 404 outside their LA, 403 for its school staff. */
async function settingsOf(c: Context<AppEnv>, laId: string, saved?: keyof typeof savedMessages): Promise<LaSettingsView> {
  authoriseLaSettings(c, laId);
  const db = c.var.db;
  const [la, timescales, alerts, closureDays] = await Promise.all([
    db.select({ id: localAuthorities.id, name: localAuthorities.name }).from(localAuthorities).where(eq(localAuthorities.id, laId)).get(),
    readTimescaleHistory(db, laId, ukToday()),
    readAlertOverrides(db, laId),
    listClosureDays(db, laId),
  ]);
  if (!la || !timescales || !alerts) throw notFound("Local authority");
  return { la, ...timescaleHistoryView(timescales), alerts: alertSettingsView(alerts), closureDays, saved: saved ? savedMessages[saved] : null };
}

/** A timescale left blank runs by its default: its amount and unit are not sent on. */
function withoutBlankTimescales(fields: RawFields): RawFields {
  const kept: RawFields = {};
  for (const clock of localClocks) {
    const amount = [fields[`${clock}.amount`] ?? ""].flat().at(-1) ?? "";
    if (amount.trim() === "") continue;
    kept[`${clock}.amount`] = amount;
    kept[`${clock}.unit`] = fields[`${clock}.unit`] ?? "";
  }
  for (const part of ["day", "month", "year"]) {
    const value = fields[`takesEffectOn.${part}`];
    if (value !== undefined) kept[`takesEffectOn.${part}`] = value;
  }
  return kept;
}

async function rerender(c: Context<AppEnv>, laId: string, form: keyof LaSettingsForms, fields: RawFields, errors: { field: string; message: string }[]) {
  const view = await settingsOf(c, laId);
  return c.html(laSettingsPage(view, { ...settingsFormsOf(view), [form]: withErrors(fields, errors) }), 422);
}

const savedAt = (c: Context<AppEnv>, laId: string, saved: keyof typeof savedMessages, anchor: string) =>
  c.redirect(`/forms/las/${laId}/settings?saved=${saved}#${anchor}`, 303);

/** The LA officer's settings as forms, over the same domain functions as the JSON routes; each change audited. */
export const laSettingsPages = new Hono<AppEnv>()
  .get("/la/settings", (c) => c.redirect(`/forms/las/${authoriseLaDashboard(c)}/settings`, 303))
  .get("/las/:laId/settings", validate("param", laIdParam), validate("query", savedQuery), async (c) => {
    return c.html(laSettingsPage(await settingsOf(c, c.req.valid("param").laId, c.req.valid("query").saved)));
  })
  .post("/las/:laId/timescales", validate("param", laIdParam), async (c) => {
    const { laId } = c.req.valid("param");
    await settingsOf(c, laId);
    auditStaff(c, { action: "update", resource: "timescales", laId });
    const fields = await postedFields(c.req);
    const checked = checkForm(timescalesForm, withoutBlankTimescales(fields));
    if (!checked.ok) return rerender(c, laId, "timescales", fields, checked.errors);
    const changed = await changeTimescales(c.var.db, laId, checked.output, { today: ukToday(), by: c.var.caller.userId });
    if (!changed.ok) return rerender(c, laId, "timescales", fields, [{ field: "takesEffectOn.day", message: changed.refusal.message }]);
    return savedAt(c, laId, "timescales", "timescales");
  })
  .post("/las/:laId/alert-settings", validate("param", laIdParam), async (c) => {
    const { laId } = c.req.valid("param");
    await settingsOf(c, laId);
    auditStaff(c, { action: "update", resource: "alertSettings", laId });
    const fields = await postedFields(c.req);
    const checked = checkForm(alertsForm, fields);
    if (!checked.ok) return rerender(c, laId, "alerts", fields, checked.errors);
    await saveAlertSettings(c.var.db, laId, checked.output);
    return savedAt(c, laId, "alerts", "alerts");
  })
  .post("/las/:laId/closure-days", validate("param", laIdParam), async (c) => {
    const { laId } = c.req.valid("param");
    await settingsOf(c, laId);
    const fields = await postedFields(c.req);
    const checked = checkForm(closureForm, fields);
    auditStaff(c, { action: "create", resource: "closureDay", resourceId: checked.ok ? checked.output.from : null, laId });
    if (!checked.ok) return rerender(c, laId, "closure", fields, checked.errors);
    const added = await addClosureDays(c.var.db, laId, checked.output);
    if (!added.length) return rerender(c, laId, "closure", fields, [{ field: "from.day", message: "Every one of these days is already a closure day" }]);
    return savedAt(c, laId, "closureDays", "closure-days");
  })
  .post("/las/:laId/closure-days/:date/remove", validate("param", closureDayParam), async (c) => {
    const { laId, date } = c.req.valid("param");
    await settingsOf(c, laId);
    auditStaff(c, { action: "update", resource: "closureDay", resourceId: date, laId });
    if (!(await removeClosureDay(c.var.db, laId, date))) throw notFound("Closure day");
    return savedAt(c, laId, "removed", "closure-days");
  });
