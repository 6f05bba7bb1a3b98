import { Hono } from "hono";
import { html } from "hono/html";
import * as v from "valibot";
import type { AppEnv } from "../app-env";
import { requireStaff, resolveCaller, signOut } from "../auth/require-staff";
import { checkSignIn, signInFields, startSession } from "../auth/sign-in";
import { fieldErrors, type FieldError } from "../http/errors";
import { formFields, page, textField } from "../pages/layout";

/** Sign-in and sign-out for staff, as pages that work without JavaScript (post, then redirect or re-render). */

function signInPage(email: string, errors: FieldError[], notice?: string) {
  return page({
    title: "Sign in",
    errors,
    body: html`<h1>Sign in to Stepwise</h1>
${notice ? html`<div class="panel panel--confirmation"><p>${notice}</p></div>` : ""}
<form method="post" action="/staff/sign-in" novalidate>
  ${textField({ name: "email", label: "Email address", hint: "The address your school or local authority invited", type: "email", autocomplete: "username", value: email, errors })}
  ${textField({ name: "password", label: "Password", type: "password", autocomplete: "current-password", errors })}
  <button class="button" type="submit">Sign in</button>
</form>`,
  });
}

export const staffPages = new Hono<AppEnv>()
  .get("/sign-in", (c) => c.html(signInPage("", [], c.req.query("invited") === "accepted" ? "Your account is ready: sign in with your new password." : undefined)))
  .post("/sign-in", async (c) => {
    const fields = await formFields(c.req);
    const parsed = v.safeParse(signInFields, { email: fields.email ?? "", password: fields.password ?? "" });
    if (!parsed.success) return c.html(signInPage(fields.email ?? "", fieldErrors(parsed.issues)), 422);
    const { email, password } = parsed.output;
    const result = await checkSignIn(c.env, c.var.db, email, password, c.req.header("CF-Connecting-IP") ?? "unknown");
    if (!result.ok && result.reason === "rateLimited") {
      c.header("Retry-After", String(result.retryAfterSeconds));
      return c.html(signInPage(fields.email ?? "", [{ field: "email", message: "Too many attempts to sign in: wait a minute and try again" }]), 429);
    }
    if (!result.ok) return c.html(signInPage(fields.email ?? "", [{ field: "email", message: "The email address or password is not right" }]), 422);
    await startSession(c, result.user);
    return c.redirect("/staff", 303);
  })
  .get("/", async (c) => {
    const caller = await resolveCaller(c);
    if (!caller) return c.redirect("/staff/sign-in", 303);
    const user = await c.var.db.query.staffUsers.findFirst({ columns: { name: true, email: true }, where: (u, { eq }) => eq(u.id, caller.userId) });
    return c.html(
      page({
        title: "Signed in",
        body: html`<h1>Signed in</h1>
<p>You are signed in as ${user?.name} (${user?.email}).</p>
<form method="post" action="/staff/sign-out"><button class="button button--secondary" type="submit">Sign out</button></form>`,
      }),
    );
  })
  .post("/sign-out", requireStaff(), async (c) => {
    await signOut(c, c.var.db, c.var.caller.userId);
    return c.redirect("/staff/sign-in", 303);
  });
