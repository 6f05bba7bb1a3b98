import { Hono } from "hono";
import { html } from "hono/html";
import * as v from "valibot";
import { idempotencyKey } from "../../schema/parent-concern";
import type { AppEnv } from "../app-env";
import { concernStatus, parentConcernTimescale, schoolBySlug, submitParentConcern, type PublicSchool } from "../concerns/parent-concern";
import { concernAllowed, concernRetryAfterSeconds } from "../concerns/rate-limit";
import { clientAddress } from "../http/client-address";
import { emptyForm, type FormState } from "../html";
import { postedFields, setPageHeaders } from "../forms/http";
import { page } from "../html";
import { publicOrigin, publicUrl } from "../http/public-origin";
import { checkForm } from "../forms/shared/check-form";
import { parentConcernForm } from "../forms/shared/definitions";
import type { RawFields } from "../forms/shared/read-fields";
import { concernStatusPage } from "../forms/templates/concern-status";
import { parentConcernPage } from "../forms/templates/parent-concern";

type PublicEnv = { Bindings: AppEnv["Bindings"]; Variables: AppEnv["Variables"] & { school: PublicSchool } };

/** The embedding origin, if the school registered it; anything else renders the plain page. */
const embedOriginOf = (school: PublicSchool, asked: string | undefined) => (asked && school.embedOrigins.includes(asked) ? asked : null);
const field = (fields: RawFields, name: string) => [fields[name] ?? ""].flat()[0] ?? "";
const newKey = () => crypto.randomUUID();

/** The public concern link /s/{slug}/concern and the parent's private status page: no account, plain HTML forms. */
export const publicConcernPages = new Hono<PublicEnv>()
  .use("/:slug/*", async (c, next) => {
    const school = await schoolBySlug(c.var.db, c.req.param("slug") ?? "");
    if (!school) {
      setPageHeaders(c);
      return c.html(page({ title: "Page not found" }, html`<h1>Page not found</h1><p>Check the link the school gave you.</p>`), 404);
    }
    c.set("school", school);
    setPageHeaders(c, school.embedOrigins);
    await next();
  })
  .get("/:slug/concern", (c) => {
    const school = c.var.school;
    const embedOrigin = embedOriginOf(school, c.req.query("embed"));
    return c.html(parentConcernPage({ school, state: emptyForm(), idempotencyKey: newKey(), embedOrigin }));
  })
  .post("/:slug/concern", async (c) => {
    const school = c.var.school;
    const fields = await postedFields(c.req);
    const embedOrigin = embedOriginOf(school, field(fields, "embedOrigin"));
    const rerender = (state: FormState, key: string, status: 422 | 429) =>
      c.html(parentConcernPage({ school, state, idempotencyKey: key, embedOrigin }), status);
    const key = v.is(idempotencyKey, field(fields, "idempotencyKey")) ? field(fields, "idempotencyKey") : newKey();

    // A filled honeypot is a robot: thank it and store nothing. Neither it nor an invalid form is counted by the limits.
    if (field(fields, "website") !== "") return c.html(page({ title: "Concern sent", embedOrigin }, html`<h1>Concern sent</h1>`));
    const checked = checkForm(parentConcernForm, fields);
    if (!checked.ok) return rerender({ values: fields, errors: checked.errors }, key, 422);

    // Counted once per post, even if an edited form's reused key makes it try a second key.
    let admitted: Promise<boolean> | undefined;
    const admit = (schoolId: string) =>
      (admitted ??= concernAllowed(
        c.env,
        clientAddress(c.env, (name) => c.req.header(name)),
        schoolId,
      ));
    const submit = (idempotencyKey: string) =>
      submitParentConcern(c.var.db, {
        slug: school.publicSlug,
        input: checked.output,
        idempotencyKey,
        secret: c.env.JWT_SECRET,
        at: new Date().toISOString(),
        origin: publicOrigin(c.env),
        admit,
      });
    let outcome = await submit(key);
    // The same form page sent again after an edit (the back button keeps its key) is a new concern.
    if (!outcome.ok && outcome.reason === "keyReusedForAnotherConcern") outcome = await submit(newKey());
    if (!outcome.ok && outcome.reason === "rateLimited") {
      c.header("Retry-After", String(concernRetryAfterSeconds));
      return rerender(
        {
          values: fields,
          errors: [{ field: "description", message: "Too many concerns have been sent from here in the last minute. Wait a minute, then send again." }],
        },
        key,
        429,
      );
    }
    if (!outcome.ok) throw new Error(`the concern was not stored: ${outcome.reason}`);
    const query = new URLSearchParams({ sent: "1", ...(embedOrigin ? { embed: embedOrigin } : {}) });
    return c.redirect(`/s/${school.publicSlug}/status/${outcome.concern.statusToken}?${query}`, 303);
  })
  .get("/:slug/status/:token", async (c) => {
    const found = await concernStatus(c.var.db, c.req.param("slug"), c.req.param("token"));
    if (!found) return c.html(page({ title: "Page not found" }, html`<h1>Page not found</h1><p>Check the link is complete.</p>`), 404);
    const { timescale } = await parentConcernTimescale(c.var.db, found.school, found.concern.createdAt.slice(0, 10));
    const statusUrl = publicUrl(c.env, `/s/${found.school.publicSlug}/status/${c.req.param("token")}`);
    return c.html(
      concernStatusPage({
        ...found,
        statusUrl,
        justSent: c.req.query("sent") === "1",
        timescaleSource: timescale.source,
        embedOrigin: embedOriginOf(found.school, c.req.query("embed")),
      }),
    );
  });
