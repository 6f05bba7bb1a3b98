import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, StaffCaller } from "../app-env";
import { drsAccess, pupilAccess, schoolAccess, type PupilAction, type SchoolScope } from "../auth/policy";
import { ApiError } from "../http/errors";
import { readSchool, type PupilRow } from "../pupils/queries";
import { errorPage } from "../html";
import { postedFields, setPageHeaders } from "./http";
import { resolveCaller, staffOfEndedSession } from "../auth/require-staff";
import { sealReplay } from "../auth/replay";
import { signInPage } from "./templates/sign-in";
import type { FormError } from "./shared/check-form";
import { refusalMessage } from "../http/refusal-messages";
import type { FormLink } from "./templates/pupil-file";
import type { PupilRecord } from "./templates/pupil-summary";
import { frameworkFor } from "../workflow/frameworks";
import type { FrameworkWords } from "../workflow/definition";

/** Each form's link, in the words of the pupil's framework where it has its own. */
const pupilForms: { action: PupilAction; path: string; label: (words: FrameworkWords) => string }[] = [
  { action: "raiseConcern", path: "concern", label: () => "Record a concern" },
  { action: "writePlan", path: "plan", label: () => "Write a plan (IEP or IBP)" },
  { action: "recordReview", path: "review", label: () => "Record a review of progress" },
  { action: "recordParentViews", path: "parent-views", label: () => "Record the parents' views" },
  { action: "requestAssessment", path: "assessment-request", label: (words) => words.requestAssessment },
];

/**
 * The forms the caller may fill for a pupil they can see, by the same policy each form's page enforces. Seeing the
 * pupil is proof enough that a teacher teaches them.
 */
export function formsOpenTo(caller: StaffCaller, pupil: PupilRow): FormLink[] {
  const { words } = frameworkFor(pupil.framework);
  const links = pupilForms
    .filter((form) => pupilAccess(caller, pupil, true, form.action) === "granted")
    .map((form) => ({ href: `/forms/pupils/${pupil.id}/${form.path}`, label: form.label(words) }));
  if (drsAccess(caller, pupil, true).access === "granted")
    links.push({ href: `/forms/pupils/${pupil.id}/drs-referral`, label: "Refer a disagreement to the Disagreement Resolution Service" });
  if (pupilAccess(caller, pupil, true, "transfer") === "granted")
    links.push({ href: `/forms/pupils/${pupil.id}/transfer`, label: "Transfer to another school" });
  return links;
}

/** Where the caller came from: the school's SEN register, or the LA officer's view of the school. */
export function registerOf(caller: StaffCaller, school: SchoolScope): string | null {
  if (schoolAccess(caller, school, "readRegister") === "granted") return `/dashboard/schools/${school.id}`;
  return caller.role === "laOfficer" ? `/dashboard/la/schools/${school.id}` : null;
}

export async function pupilRecord(c: Context<AppEnv>, pupil: PupilRow): Promise<PupilRecord> {
  const school = await readSchool(c.var.db, pupil.schoolId);
  if (!school) throw new ApiError(404, "not_found", "School not found");
  return { pupil, school };
}

/** Today as day, month and year fields, for a date a form usually records as today. */
export function today(name: string, now = new Date()): Record<string, string> {
  return { [`${name}.day`]: String(now.getUTCDate()), [`${name}.month`]: String(now.getUTCMonth() + 1), [`${name}.year`]: String(now.getUTCFullYear()) };
}

/**
 * Runs a form's submission; a refusal the person can act on (a stale version, a decision no longer open, a bad
 * reference) comes back as form errors for a 422 re-render, linked to the field the API names.
 */
export async function refusalsAsErrors<T>(
  submit: () => Promise<T>,
  fieldOfRefusal = "decision",
): Promise<{ ok: true; value: T } | { ok: false; errors: FormError[] }> {
  try {
    return { ok: true, value: await submit() };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500 || error.status === 403 || error.status === 404) throw error;
    const message = refusalMessage({ code: error.code, message: error.message });
    const errors = error.fields.length ? error.fields.map(({ field }) => ({ field, message })) : [{ field: fieldOfRefusal, message }];
    return { ok: false, errors };
  }
}

/**
 * A form posted after its session ended: the sign-in page, carrying what was typed sealed for the same person and the
 * same page (worker/auth/replay.ts), so nothing is lost. Null when there is nothing to keep or no one it was.
 */
async function keptThroughSignIn(c: Context<AppEnv>, next: string) {
  if (c.req.method !== "POST" || !/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header("content-type") ?? "")) return null;
  const userId = await staffOfEndedSession(c);
  if (!userId) return null;
  const fields = await postedFields(c.req).catch(() => null);
  const replay = fields && (await sealReplay(c.env, { userId, path: c.req.path, fields }, Math.floor(Date.now() / 1000)));
  return replay ? c.html(signInPage({ email: "", errors: [], next, replay }), 401) : null;
}

/** Staff pages answer in HTML: not signed in is a page with the way to sign in and come back; beyond your scope, a plain page. */
export async function staffErrorPage(c: Context<AppEnv>, error: ApiError) {
  const status = error.status === 401 ? 401 : error.status === 403 ? 403 : 404;
  const url = new URL(c.req.url);
  const next = `${url.pathname}${url.search}`;
  const kept = status === 401 ? await keptThroughSignIn(c, next) : null;
  return kept ?? c.html(errorPage(status, error.message, { signInNext: next }), status);
}

/** For staff page groups: page headers, and a refusal as an HTML page rather than JSON. */
export const staffPages = () =>
  createMiddleware<AppEnv>(async function staffPages(c, next) {
    setPageHeaders(c);
    await next();
    if (c.error instanceof ApiError && [401, 403, 404].includes(c.error.status)) c.res = await staffErrorPage(c, c.error);
  });

/** The staff side's addresses: a mistyped one is a page with the staff header, never the API's JSON. */
export const isStaffPagePath = (path: string) => /^\/(forms|staff|dashboard|print)(\/|$)/.test(path);

export async function staffNotFoundPage(c: Context<AppEnv>) {
  setPageHeaders(c);
  // The header names whoever is signed in; a stranger sees the same page without it.
  if (!c.get("caller") && c.get("db")) await resolveCaller(c);
  return c.html(errorPage(404, "There is no page at this address. Check it was typed correctly, or go back to your home page"), 404);
}
