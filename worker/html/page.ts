import { tryGetContext } from "hono/context-storage";
import { html } from "hono/html";
import type { AppEnv } from "../app-env";
import type { StaffRole } from "../../schema/vocab";
import { errorSummary, type FieldError, type Html } from "./error-summary";

/** Who is signed in, for the staff header: set with the caller (worker/auth/require-staff.ts). */
export type SignedIn = NonNullable<AppEnv["Variables"]["signedIn"]>;

/** Each page loads only its own forms' rules (client/staff/ for staff pages), so every page stays small; null for none. */
export type PageScript =
  | "forms"
  | `staff/${"concern" | "plan" | "review" | "parent-views" | "assessment-request" | "drs-referral" | "print" | "parent-link" | "replay"}`
  | null;

export type PageOptions = {
  title: string;
  /** Errors give the title its "Error: " prefix and put the error summary first in <main>. */
  form?: { errors: readonly FieldError[] } | undefined;
  errors?: readonly FieldError[] | undefined;
  /** Inside a school's website: no header or footer, and the frame tells this origin its height. */
  embedOrigin?: string | null | undefined;
  /** Print views: the print layout, no header, footer or navigation on paper. */
  print?: boolean;
  /** The forms script unless said: a page without a form loads none. */
  script?: PageScript | undefined;
  /** Dashboards with many columns use the full width. */
  wide?: boolean;
  /** The staff header's person; by default whoever the request proved is signed in (none on public pages). */
  signedIn?: SignedIn | null;
};

/** The role's main pages, linked from every staff page's header. */
function mainPages(signedIn: SignedIn): { href: string; label: string }[] {
  const register = signedIn.schoolIds.slice(0, 1).flatMap((id) => [
    { href: `/dashboard/schools/${id}`, label: "SEN register" },
    { href: `/forms/schools/${id}/tasks`, label: "My tasks" },
  ]);
  const pages: Record<StaffRole, { href: string; label: string }[]> = {
    teacher: [{ href: "/staff", label: "Your pupils" }],
    senco: register,
    head: register,
    laOfficer: [{ href: "/dashboard/la", label: "Dashboard" }],
    admin: [],
  };
  return pages[signedIn.role];
}

/** The one staff header: Stepwise to the person's home, their role's main pages, their name and signing out. */
export function staffHeader(signedIn: SignedIn): Html {
  return html`<header class="header header--staff"><div class="header__inner">
<a class="header__home" href="/staff">Stepwise</a>
<nav class="header__nav" aria-label="Menu"><ul class="header__list">${mainPages(signedIn).map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}</ul></nav>
<div class="header__person"><span class="header__name">${signedIn.name}</span>
<form method="post" action="/staff/sign-out"><button class="header__sign-out" type="submit">Sign out</button></form></div>
</div></header>`;
}

const publicHeader = html`<header class="header"><div class="header__inner"><a class="header__home" href="/">Stepwise</a></div></header>`;

/** The person signed in on this request, if a staff route proved one. */
export const signedInOfRequest = (): SignedIn | null => tryGetContext<AppEnv>()?.var.signedIn ?? null;

/** The one page layout: skip link, header, main, footer, the stylesheet and the page's script (no third party). */
export function page(options: PageOptions, body: Html): Html {
  const errors = options.errors ?? options.form?.errors ?? [];
  const title = `${errors.length ? "Error: " : ""}${options.title} - Stepwise`;
  const embedded = Boolean(options.embedOrigin);
  const signedIn = options.signedIn === undefined ? signedInOfRequest() : options.signedIn;
  const bodyClass = [embedded && "embedded", options.print && "print-view"].filter(Boolean).join(" ");
  const script = options.script === undefined ? "forms" : options.script;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/css/stepwise.css">
${script ? html`<script src="/js/${script}.js" defer></script>` : ""}
</head>
<body${bodyClass ? html` class="${bodyClass}"` : ""}${embedded ? html` data-embed-origin="${options.embedOrigin}"` : ""}>
${
  embedded
    ? ""
    : html`<a class="skip-link" href="#main">Skip to main content</a>
${signedIn ? staffHeader(signedIn) : publicHeader}`
}
<main id="main" class="width-container${options.wide ? " width-container--wide" : ""}">
${errorSummary(errors)}${body}
</main>
${embedded ? "" : html`<footer class="footer"><div class="width-container">Stepwise</div></footer>`}
</body>
</html>`;
}

const errorTitles: Record<number, string> = { 401: "Sign in to continue", 403: "You cannot see this page", 404: "Page not found" };

/** The one error page: not signed in (with the way to sign in and come back), not allowed, not found, or our fault. */
export function errorPage(status: number, message: string, options: { signInNext?: string } = {}): Html {
  const title = errorTitles[status] ?? "Sorry, there is a problem";
  const signIn = `/staff/sign-in${options.signInNext ? `?next=${encodeURIComponent(options.signInNext)}` : ""}`;
  return page(
    { title, script: null },
    html`<h1>${title}</h1><p>${message.replace(/\.?$/, ".")}</p>${status === 401 ? html`<p><a href="${signIn}">Sign in</a> with your school or local authority account.</p>` : ""}`,
  );
}
