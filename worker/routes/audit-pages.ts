import { Hono } from "hono";
import * as v from "valibot";
import { entityId, optionalDate } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditPage, auditPeople } from "../audit/page";
import { authoriseSchool, enforce } from "../auth/authorise";
import { auditScope } from "../auth/policy";
import { checkForm } from "../forms/shared/check-form";
import type { RawFields } from "../forms/shared/read-fields";
import { auditCsv, auditLogPage } from "../forms/templates/audit-log";

const pageSize = 50;
const cursor = v.optional(v.pipe(v.string(), v.maxLength(100)));

/** The filters, kept in the address: a person, a pupil, a range of days; the page's cursor; CSV or not. */
const auditFilterForm = {
  schema: v.pipe(
    v.strictObject({
      schoolId: v.optional(entityId),
      pupilId: v.optional(entityId),
      actorId: v.optional(v.pipe(v.string(), v.uuid("Choose a person from the list"))),
      pupil: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, "A pupil's name must be 100 characters or fewer"))),
      from: optionalDate("The first day to show", "any"),
      to: optionalDate("The last day to show", "any"),
      before: cursor,
      after: cursor,
      format: v.optional(v.picklist(["csv"], "The only other format is CSV")),
    }),
    v.forward(
      v.check((filter) => !filter.from || !filter.to || filter.to >= filter.from, "The last day to show must be the same as or after the first"),
      ["to"],
    ),
  ),
};

/** The audit log as a page for a head (their schools) and an LA officer (their LA); others 403. */
export const auditPages = new Hono<AppEnv>().get("/audit", async (c) => {
  const scope = auditScope(c.var.caller);
  if (!scope) return enforce("forbidden", "Audit log");
  const url = new URL(c.req.url);
  const fields: RawFields = {};
  for (const key of new Set(url.searchParams.keys())) fields[key] = url.searchParams.getAll(key);
  const checked = checkForm(auditFilterForm, fields);
  const people = await auditPeople(c.var.db, scope);
  if (!checked.ok) {
    return c.html(
      auditLogPage({ entries: [], people, filter: { values: fields, errors: checked.errors }, query: url.searchParams, older: null, newer: null }),
      422,
    );
  }
  const filter = checked.output;
  if (filter.schoolId) await authoriseSchool(c, filter.schoolId, "readAudit");
  const found = await auditPage(c.var.db, scope, { ...filter, limit: pageSize });
  if (filter.format === "csv") {
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="audit-log.csv"');
    return c.body(auditCsv(found.entries));
  }
  return c.html(auditLogPage({ ...found, people, filter: { values: fields, errors: [] }, query: url.searchParams }));
});
