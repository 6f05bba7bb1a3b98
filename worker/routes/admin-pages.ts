import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import { localAuthorityForm as laForm, newSchoolForm, schoolChangeForm } from "../../schema/staff-forms/administration";
import { localAuthorities, schools } from "../../schema/tables";
import { addLocalAuthority, addSchool, changeLocalAuthority, changeSchool, listLocalAuthorities, listSchools } from "../admin/directory";
import type { AppEnv } from "../app-env";
import { enforce } from "../auth/authorise";
import { adminAccess } from "../auth/policy";
import { requireStaff } from "../auth/require-staff";
import { emptyForm, withErrors } from "../html";
import { postedFields } from "../forms/http";
import { checkForm, type FormError } from "../forms/shared/check-form";
import type { RawFields } from "../forms/shared/read-fields";
import { staffPages } from "../forms/staff-pages";
import { directoryPage, laFormPage, outboxPage, schoolFormPage } from "../forms/templates/admin";
import { notFound } from "../http/errors";
import { publicOrigin } from "../http/public-origin";
import { validate } from "../http/validate";
import { listOutbox } from "../mail/admin-view";
import { retryQuery } from "../mail/deliver";
import type { RecordRefusal } from "../records/refusal";

const idParam = v.object({ id: entityId });
/** The snippets a school pastes name the deployment's own origin, never the Host the request was sent with. */
const host = (c: Context<AppEnv>) => publicOrigin(c.env);

/** Origins are typed one a line; each line is checked, and an error on any of them points at the box. */
const withOriginLines = (fields: RawFields): RawFields => ({ ...fields, embedOrigins: [fields.embedOrigins ?? ""].flat().join("\n").split(/\r?\n/) });
const onBoxes = (errors: FormError[]) => errors.map((error) => (error.field.startsWith("embedOrigins.") ? { ...error, field: "embedOrigins" } : error));
const originLines = (origins: string[]) => origins.join("\n");

/** A key already taken is said on its own field, in the refusal's words. */
const refusedField = (refusal: RecordRefusal): FormError[] => [{ field: refusal.field, message: refusal.message }];

const requireAdmin = () =>
  createMiddleware<AppEnv>(async function requireAdmin(c, next) {
    enforce(adminAccess(c.var.caller), "Directory");
    await next();
  });

async function readLa(c: Context<AppEnv>, id: string) {
  const la = await c.var.db.select().from(localAuthorities).where(eq(localAuthorities.id, id)).get();
  if (!la) throw notFound("Local authority");
  return la;
}
async function readSchoolRow(c: Context<AppEnv>, id: string) {
  const school = await c.var.db.select().from(schools).where(eq(schools.id, id)).get();
  if (!school) throw notFound("School");
  return school;
}

/** The admin's pages over the same directory functions as /api/admin (issue 17). Admins see no pupil here. */
export const adminPages = new Hono<AppEnv>()
  .use(staffPages(), requireStaff(), requireAdmin())
  .get("/", async (c) => {
    const notice = { la: "The local authority is saved.", school: "The school is saved." }[c.req.query("saved") ?? ""];
    return c.html(directoryPage(await listLocalAuthorities(c.var.db), await listSchools(c.var.db), notice));
  })
  .get("/las/new", (c) => c.html(laFormPage(emptyForm({ region: "englandAndWales" }), null)))
  .post("/las/new", async (c) => {
    const fields = await postedFields(c.req);
    const checked = checkForm(laForm, fields);
    if (!checked.ok) return c.html(laFormPage(withErrors(fields, checked.errors), null), 422);
    const saved = await addLocalAuthority(c.var.db, checked.output);
    if (!saved.ok) return c.html(laFormPage(withErrors(fields, refusedField(saved.refusal)), null), 422);
    return c.redirect("/staff/admin?saved=la", 303);
  })
  .get("/las/:id", validate("param", idParam), async (c) => {
    const la = await readLa(c, c.req.valid("param").id);
    return c.html(
      laFormPage(emptyForm({ name: la.name, code: la.code, region: la.region, retentionYearsAfterBirth: String(la.retentionYearsAfterBirth) }), la),
    );
  })
  .post("/las/:id", validate("param", idParam), async (c) => {
    const la = await readLa(c, c.req.valid("param").id);
    const fields = await postedFields(c.req);
    const checked = checkForm(laForm, fields);
    if (!checked.ok) return c.html(laFormPage(withErrors(fields, checked.errors), la), 422);
    const saved = await changeLocalAuthority(c.var.db, la.id, checked.output);
    if (!saved.ok) return c.html(laFormPage(withErrors(fields, refusedField(saved.refusal)), la), 422);
    return c.redirect("/staff/admin?saved=la", 303);
  })
  .get("/schools/new", async (c) => c.html(schoolFormPage(emptyForm({ region: "englandAndWales" }), await listLocalAuthorities(c.var.db), null, host(c))))
  .post("/schools/new", async (c) => {
    const fields = await postedFields(c.req);
    const las = await listLocalAuthorities(c.var.db);
    const rerender = (errors: FormError[]) => c.html(schoolFormPage(withErrors(fields, onBoxes(errors)), las, null, host(c)), 422);
    const checked = checkForm(newSchoolForm, withOriginLines(fields));
    if (!checked.ok) return rerender(checked.errors);
    const saved = await addSchool(c.var.db, checked.output);
    if (!saved.ok) return rerender(refusedField(saved.refusal));
    return c.redirect(`/staff/admin/schools/${saved.value.id}?saved=1`, 303);
  })
  .get("/schools/:id", validate("param", idParam), async (c) => {
    const school = await readSchoolRow(c, c.req.valid("param").id);
    const { name, urn, phase, framework, region, publicSlug } = school;
    const form = emptyForm({ name, urn, phase, framework, region, publicSlug, embedOrigins: originLines(school.embedOrigins) });
    return c.html(schoolFormPage(form, await listLocalAuthorities(c.var.db), school, host(c)));
  })
  .post("/schools/:id", validate("param", idParam), async (c) => {
    const school = await readSchoolRow(c, c.req.valid("param").id);
    const fields = await postedFields(c.req);
    const las = await listLocalAuthorities(c.var.db);
    const rerender = (errors: FormError[]) => c.html(schoolFormPage(withErrors(fields, onBoxes(errors)), las, school, host(c)), 422);
    const checked = checkForm(schoolChangeForm, withOriginLines(fields));
    if (!checked.ok) return rerender(checked.errors);
    const saved = await changeSchool(c.var.db, school.id, { ...checked.output, embedOrigins: checked.output.embedOrigins ?? [] });
    if (!saved.ok) return rerender(refusedField(saved.refusal));
    return c.redirect(`/staff/admin/schools/${school.id}?saved=1`, 303);
  })
  .get("/outbox", async (c) => {
    const page = (status: "failed" | "pending" | "sent") => listOutbox(c.var.db, status, 50, null);
    const [failed, pending, sent] = await Promise.all([page("failed"), page("pending"), page("sent")]);
    const groups = [
      { status: "failed" as const, title: "Failed: not delivered after every attempt", messages: failed.messages },
      { status: "pending" as const, title: "Waiting to be sent", messages: pending.messages },
      { status: "sent" as const, title: "Sent", messages: sent.messages },
    ];
    return c.html(outboxPage(groups, c.req.query("retried") ? "The message will be sent again on the next delivery run." : undefined));
  })
  .post("/outbox/:id/retry", validate("param", idParam), async (c) => {
    const [queued] = await retryQuery(c.var.db, c.req.valid("param").id, new Date().toISOString());
    if (!queued) throw notFound("Failed message");
    return c.redirect("/staff/admin/outbox?retried=1", 303);
  });
