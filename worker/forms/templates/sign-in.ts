import { html } from "hono/html";
import { button, hidden, notificationBanner, page, textInput, withErrors, type FieldError } from "../../html";

export type SignInView = {
  email: string;
  errors: readonly FieldError[];
  notice?: string | undefined;
  next?: string | null | undefined;
  /** A form posted after its session ended, sealed (worker/auth/replay.ts): kept through every attempt to sign in. */
  replay?: string | null | undefined;
};

/** The staff sign-in page; after a session ended mid-form, it says the typing is kept and carries it sealed. */
export function signInPage(view: SignInView) {
  const state = withErrors({ email: view.email }, view.errors);
  const kept = view.replay
    ? notificationBanner({ heading: "Your session ended before this was saved. Sign in again and what you typed will be saved: nothing has been lost." })
    : view.notice
      ? notificationBanner({ heading: view.notice, success: true })
      : "";
  return page(
    { title: "Sign in", errors: view.errors, script: null, signedIn: null },
    html`<h1>Sign in to Stepwise</h1>
${kept}
<form method="post" action="/staff/sign-in" novalidate>
  ${view.next ? hidden("next", view.next) : ""}
  ${view.replay ? hidden("replay", view.replay) : ""}
  ${textInput({ name: "email", label: "Email address", hint: "The address your school or local authority invited", type: "email", autocomplete: "username", state })}
  ${textInput({ name: "password", label: "Password", type: "password", autocomplete: "current-password", state })}
  <button class="button" type="submit">Sign in</button>
</form>`,
  );
}

/**
 * Signed in again: the kept form goes back to the page it was posted to, as the person's own post, so the same-origin
 * check, their authority and the case's version are checked as for any other. The script sends it at once; without
 * JavaScript the button does.
 */
export function replayPage(replay: { path: string; fields: Readonly<Record<string, string | readonly string[]>> }) {
  const inputs = Object.entries(replay.fields).flatMap(([name, value]) => [value].flat().map((item) => hidden(name, item)));
  return page(
    { title: "Save what you typed", script: "staff/replay" },
    html`<h1>Save what you typed</h1>
<p>You are signed in again. What you typed before your session ended has not been saved yet.</p>
<form method="post" action="${replay.path}" data-replay>
  ${inputs}
  ${button({ text: "Save what you typed", preventDoubleClick: true })}
</form>`,
  );
}
