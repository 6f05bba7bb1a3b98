import { Hono } from "hono";
import { html } from "hono/html";
import * as v from "valibot";
import type { AppEnv } from "../app-env";
import { resolveCaller, sessionCookieName, signOut } from "../auth/require-staff";
import { openReplay, safeNext } from "../auth/replay";
import { replayPage, signInPage } from "../forms/templates/sign-in";
import { checkSignIn, signInFields, startSession } from "../auth/sign-in";
import { clientAddress } from "../http/client-address";
import type { FieldError } from "../http/errors";
import { formErrors } from "../forms/shared/messages";
import { newPassword } from "../../schema/inputs";
import { secretPattern } from "../auth/secrets";
import { formFields } from "../forms/http";
import { errorPage, page, textInput, withErrors } from "../html";
import { deleteCookie } from "hono/cookie";
import { staffHomeLinks, type HomeLink } from "../staff/home";
import { acceptInvitation, openInvitation } from "../staff/invitations";

/** Sign-in and sign-out for staff, as pages that work without JavaScript (post, then redirect or re-render). */

export { safeNext } from "../auth/replay";

/** The address other pages link to (/sign-in?next=…) answers with the staff sign-in page, keeping a safe next. */
export const signInRedirect = new Hono<AppEnv>().get("/", (c) => {
  const next = safeNext(c.req.query("next"));
  return c.redirect(next ? `/staff/sign-in?next=${encodeURIComponent(next)}` : "/staff/sign-in", 302);
});

function acceptancePage(secret: string, invitation: { name: string; email: string }, errors: FieldError[]) {
  const state = withErrors({}, errors);
  return page(
    { title: "Set your password", errors, script: null },
    html`<h1>Set your password</h1>
<p>You have been invited to Stepwise as ${invitation.name} (${invitation.email}).</p>
<form method="post" action="/staff/invitations/${secret}" novalidate>
  ${textInput({ name: "password", label: "Password", hint: "At least 12 characters. A few unrelated words are easy to remember and hard to guess.", type: "password", autocomplete: "new-password", state })}
  ${textInput({ name: "confirmPassword", label: "Confirm password", type: "password", autocomplete: "new-password", state })}
  <button class="button" type="submit">Create account</button>
</form>`,
  );
}

export const notFoundPage = () => errorPage(404, "The link may be wrong, used already, withdrawn or expired. Ask whoever sent it for a new one");

export const staffPages = new Hono<AppEnv>()
  .get("/sign-in", (c) =>
    c.html(
      signInPage({
        email: "",
        errors: [],
        notice: c.req.query("invited") === "accepted" ? "Your account is ready: sign in with your new password." : undefined,
        next: safeNext(c.req.query("next")),
      }),
    ),
  )
  .post("/sign-in", async (c) => {
    const fields = await formFields(c.req);
    const next = safeNext(fields.next);
    const again = (email: string, errors: FieldError[]) => signInPage({ email, errors, next, replay: fields.replay });
    const parsed = v.safeParse(signInFields, { email: fields.email ?? "", password: fields.password ?? "" });
    if (!parsed.success) return c.html(again(fields.email ?? "", formErrors(signInFields, parsed.issues)), 422);
    const { email, password } = parsed.output;
    const result = await checkSignIn(
      c.env,
      c.var.db,
      email,
      password,
      clientAddress(c.env, (name) => c.req.header(name)),
    );
    if (!result.ok && result.reason === "rateLimited") {
      c.header("Retry-After", String(result.retryAfterSeconds));
      return c.html(again(fields.email ?? "", [{ field: "email", message: "Too many attempts to sign in: wait a minute and try again" }]), 429);
    }
    if (!result.ok) return c.html(again(fields.email ?? "", [{ field: "email", message: "The email address or password is not right" }]), 422);
    await startSession(c, result.user);
    // A form kept from an ended session goes back to its page, but only for the person whose session it was.
    const replay = await openReplay(c.env, fields.replay, result.user.id, Math.floor(Date.now() / 1000));
    if (replay) return c.html(replayPage(replay));
    return c.redirect(fields.replay ? "/staff" : (next ?? "/staff"), 303);
  })
  .get("/", async (c) => {
    const caller = await resolveCaller(c);
    if (!caller) return c.redirect("/staff/sign-in", 303);
    const [user, home] = await Promise.all([
      c.var.db.query.staffUsers.findFirst({ columns: { name: true, email: true }, where: (u, { eq }) => eq(u.id, caller.userId) }),
      staffHomeLinks(c.var.db, caller),
    ]);
    const links = (items: HomeLink[]) => html`<ul>${items.map((item) => html`<li><a href="${item.href}">${item.label}</a></li>`)}</ul>`;
    return c.html(
      page(
        { title: "Signed in", script: null },
        html`<h1>Signed in</h1>
<p>You are signed in as ${user?.name} (${user?.email}).</p>
${home.places.length ? links(home.places) : ""}
${caller.role === "teacher" ? html`<h2>Your pupils</h2>${home.pupils.length ? links(home.pupils) : html`<p>No pupils are assigned to you yet.</p>`}` : ""}`,
      ),
    );
  })
  .get("/invitations/:secret", async (c) => {
    const secret = c.req.param("secret");
    const invitation = secretPattern.test(secret) ? await openInvitation(c.var.db, secret, new Date()) : null;
    if (!invitation) return c.html(notFoundPage(), 404);
    return c.html(acceptancePage(secret, invitation, []));
  })
  .post("/invitations/:secret", async (c) => {
    const secret = c.req.param("secret");
    const invitation = secretPattern.test(secret) ? await openInvitation(c.var.db, secret, new Date()) : null;
    if (!invitation) return c.html(notFoundPage(), 404);
    const fields = await formFields(c.req);
    const parsed = v.safeParse(newPassword, { password: fields.password ?? "", confirmPassword: fields.confirmPassword ?? "" });
    if (!parsed.success) return c.html(acceptancePage(secret, invitation, formErrors(newPassword, parsed.issues)), 422);
    const accepted = await acceptInvitation(c.var.db, secret, parsed.output.password, new Date());
    if (!accepted.ok && accepted.reason === "emailTaken") {
      return c.html(
        acceptancePage(secret, invitation, [{ field: "password", message: "There is already an account for this email address: sign in instead" }]),
        422,
      );
    }
    if (!accepted.ok) return c.html(notFoundPage(), 404);
    return c.redirect("/staff/sign-in?invited=accepted", 303);
  })
  // A session that has already ended still signs out: the cookie goes, and no one is left signed in.
  .post("/sign-out", async (c) => {
    const caller = await resolveCaller(c);
    if (caller) await signOut(c, c.var.db, caller.userId);
    else deleteCookie(c, sessionCookieName, { path: "/", secure: true });
    return c.redirect("/staff/sign-in", 303);
  });
