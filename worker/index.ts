import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { contextStorage } from "hono/context-storage";
import type { AppEnv } from "./app-env";
import { ApiError, renderError } from "./http/errors";
import { withDb } from "./http/db";
import { openApiDocument } from "./http/openapi";
import { adminOutboxRoutes } from "./routes/admin-outbox";
import { alertSettingsRoutes } from "./routes/alert-settings";
import { assessmentRoutes } from "./routes/assessments";
import { authRoutes } from "./routes/auth";
import { calendarFeedRoutes, calendarRoutes } from "./routes/calendar-feed";
import { copyRoutes } from "./routes/copies";
import { drsRoutes } from "./routes/drs";
import { interventionRoutes } from "./routes/interventions";
import { laSettingsRoutes } from "./routes/la-settings";
import { meetingRoutes } from "./routes/meetings";
import { planRoutes } from "./routes/plans";
import { dashboardPages } from "./routes/dashboard-pages";
import { dashboardRoutes } from "./routes/dashboard";
import { pupilRoutes } from "./routes/pupils";
import { publicConcernApi } from "./routes/public-concern-api";
import { publicConcernPages } from "./routes/public-concern";
import { printPages } from "./routes/print";
import { subjectAccessPrintPages } from "./routes/print-subject-access";
import { reviewRoutes } from "./routes/reviews";
import { teachingRoutes } from "./routes/teaching";
import { transferRoutes } from "./routes/transfers";
import { adminRoutes } from "./routes/admin";
import { adminPages } from "./routes/admin-pages";
import { laOfficerPages, schoolStaffPages } from "./routes/team-pages";
import { auditRoutes } from "./routes/audit";
import { invitationRoutes } from "./routes/invitations";
import { signInRedirect, staffPages } from "./routes/staff-pages";
import { parentLinkRoutes } from "./routes/parent-links";
import { parentPages } from "./routes/parent-pages";
import { dataProtectionRoutes } from "./routes/data-protection";
import { ehcStepRoutes } from "./routes/ehc-steps";
import { sameOriginWrites } from "./http/same-origin";
import { securityHeaders } from "./http/security-headers";
import { auditedAnswers } from "./audit/record";
import { staffFormPages } from "./routes/staff-forms";
import { isStaffPagePath, staffNotFoundPage } from "./forms/staff-pages";
import { scheduled } from "./scheduled";

export { PupilCase } from "./pupil-case";

/** Large enough for a long form with a 1 MB field (refused by its own limit, naming it); anything larger is 413. */
const maxBodyBytes = 2 * 1024 * 1024;
/** The staff and parents' pages post a few short fields. */
const maxPageBodyBytes = 64 * 1024;
/** Signing in may carry a whole form kept, sealed, from a session that ended (base64 adds a third). */
const maxSignInBodyBytes = Math.ceil((maxBodyBytes * 4) / 3) + maxPageBodyBytes;
const pageBodyLimit = bodyLimit({ maxSize: maxPageBodyBytes });
const signInBodyLimit = bodyLimit({ maxSize: maxSignInBodyBytes });

const api = new Hono<AppEnv>()
  .use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(413, "body_too_large", `Bodies are limited to ${maxBodyBytes} bytes`);
      },
    }),
  )
  .use(withDb())
  .route("/auth", authRoutes)
  .route("/pupils", pupilRoutes)
  .route("/pupils", planRoutes)
  .route("/pupils", reviewRoutes)
  .route("/pupils", meetingRoutes)
  .route("/pupils", copyRoutes)
  .route("/pupils", assessmentRoutes)
  .route("/schools", interventionRoutes)
  .route("/schools", teachingRoutes)
  .route("/drs-referrals", drsRoutes)
  .route("/transfers", transferRoutes)
  .route("/las", laSettingsRoutes)
  .route("/pupils", parentLinkRoutes)
  .route("/pupils", dataProtectionRoutes)
  .route("/pupils", ehcStepRoutes)
  .route("/invitations", invitationRoutes)
  .route("/audit", auditRoutes)
  .route("/admin/outbox", adminOutboxRoutes)
  .route("/admin", adminRoutes)
  .route("/public", publicConcernApi)
  .route("/dashboard", dashboardRoutes)
  .route("/las", alertSettingsRoutes)
  .route("/calendar-feed", calendarFeedRoutes)
  .route("/calendar", calendarRoutes);

/** Exported so tests can enumerate every route (test/reliability, test/tenancy/matrix.ts). */
export const app = new Hono<AppEnv>()
  // The page layout reads who is signed in from the request it draws (worker/html/page.ts).
  .use(contextStorage())
  .use(securityHeaders())
  .use(auditedAnswers())
  .route("/api", api)
  .use("/s/*", bodyLimit({ maxSize: maxBodyBytes }), withDb())
  .route("/s", publicConcernPages)
  .use("/forms/*", sameOriginWrites(), bodyLimit({ maxSize: maxBodyBytes }), withDb())
  .route("/forms", staffFormPages)
  .use("/print/*", sameOriginWrites(), bodyLimit({ maxSize: maxBodyBytes }), withDb())
  .route("/print", printPages)
  .route("/print", subjectAccessPrintPages)
  .get("/api/openapi.json", (c) => c.json(openApiDocument(api, { title: "Stepwise API", version: "0.1.0" }, "/api")))
  .get("/api/health", (c) => c.json({ ok: true }))
  .use("/staff/*", sameOriginWrites(), (c, next) => (c.req.path === "/staff/sign-in" ? signInBodyLimit(c, next) : pageBodyLimit(c, next)), withDb())
  .use("/parent/*", sameOriginWrites(), bodyLimit({ maxSize: maxPageBodyBytes }), withDb())
  .route("/staff/admin", adminPages)
  .route("/staff/schools/:teamId/staff", schoolStaffPages)
  .route("/staff/las/:teamId/officers", laOfficerPages)
  .route("/staff", staffPages)
  .route("/sign-in", signInRedirect)
  .route("/parent", parentPages)
  .route("/dashboard", new Hono<AppEnv>().use(sameOriginWrites(), withDb()).route("/", dashboardPages))
  .notFound((c) => (isStaffPagePath(c.req.path) ? staffNotFoundPage(c) : c.json({ error: { code: "not_found", message: "No such route", fields: [] } }, 404)))
  .onError(renderError);

export type App = typeof app;

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
