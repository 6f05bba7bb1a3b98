import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app-env";
import { ApiError, renderError } from "./http/errors";
import { withDb } from "./http/db";
import { openApiDocument } from "./http/openapi";
import { authRoutes } from "./routes/auth";
import { assessmentRoutes } from "./routes/assessments";
import { copyRoutes } from "./routes/copies";
import { interventionRoutes } from "./routes/interventions";
import { meetingRoutes } from "./routes/meetings";
import { planRoutes } from "./routes/plans";
import { drsRoutes } from "./routes/drs";
import { laSettingsRoutes } from "./routes/la-settings";
import { pupilRoutes } from "./routes/pupils";
import { reviewRoutes } from "./routes/reviews";
import { adminRoutes } from "./routes/admin";
import { auditRoutes } from "./routes/audit";
import { invitationRoutes } from "./routes/invitations";
import { staffPages } from "./routes/staff-pages";
import { parentLinkRoutes } from "./routes/parent-links";
import { parentPages } from "./routes/parent-pages";
import { dataProtectionRoutes } from "./routes/data-protection";
import { printPages } from "./routes/print";
import { securityHeaders } from "./http/security-headers";

export { PupilCase } from "./pupil-case";

/** Large enough for a long form with a 1 MB field (refused by its own limit, naming it); anything larger is 413. */
const maxBodyBytes = 2 * 1024 * 1024;
/** The staff and parents' pages post a few short fields. */
const maxPageBodyBytes = 64 * 1024;

const api = new Hono<AppEnv>()
  .use(bodyLimit({ maxSize: maxBodyBytes, onError: () => { throw new ApiError(413, "body_too_large", `Bodies are limited to ${maxBodyBytes} bytes`); } }))
  .use(withDb())
  .route("/auth", authRoutes)
  .route("/pupils", pupilRoutes)
  .route("/pupils", planRoutes)
  .route("/pupils", reviewRoutes)
  .route("/pupils", meetingRoutes)
  .route("/pupils", copyRoutes)
  .route("/pupils", assessmentRoutes)
  .route("/schools", interventionRoutes)
  .route("/drs-referrals", drsRoutes)
  .route("/las", laSettingsRoutes)
  .route("/pupils", parentLinkRoutes)
  .route("/pupils", dataProtectionRoutes)
  .route("/invitations", invitationRoutes)
  .route("/audit", auditRoutes)
  .route("/admin", adminRoutes);

export const app = new Hono<AppEnv>()
  .use(securityHeaders())
  .route("/api", api)
  .get("/api/openapi.json", (c) => c.json(openApiDocument(api, { title: "Stepwise API", version: "0.1.0" }, "/api")))
  .get("/api/health", (c) => c.json({ ok: true }))
  .use("/staff/*", bodyLimit({ maxSize: maxPageBodyBytes }), withDb())
  .use("/parent/*", bodyLimit({ maxSize: maxPageBodyBytes }), withDb())
  .route("/staff", staffPages)
  .route("/parent", parentPages)
  .use("/print/*", withDb())
  .route("/print", printPages)
  .notFound((c) => c.json({ error: { code: "not_found", message: "No such route", fields: [] } }, 404))
  .onError(renderError);

export type App = typeof app;

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
