import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireStaff, signOut } from "../auth/require-staff";
import { checkSignIn, signInFields, startSession } from "../auth/sign-in";
import { clientAddress } from "../http/client-address";
import { ApiError } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";

const tags = ["Sign-in"];
const invalidCredentials = () => new ApiError(401, "invalid_credentials", "The email address or password is not right");

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/sign-in",
    describeRoute({
      summary: "Sign in with email and password: a short-lived token, also set as an HttpOnly session cookie",
      tags,
      body: signInFields,
      public: true,
      responses: { 200: "Signed in", 400: "Invalid body", 401: "Wrong email or password", 429: "Too many attempts" },
    }),
    validate("json", signInFields),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const result = await checkSignIn(
        c.env,
        c.var.db,
        email,
        password,
        clientAddress(c.env, (name) => c.req.header(name)),
      );
      if (!result.ok && result.reason === "rateLimited") {
        c.header("Retry-After", String(result.retryAfterSeconds));
        throw new ApiError(429, "rate_limited", "Too many sign-in attempts: wait a minute and try again");
      }
      if (!result.ok) throw invalidCredentials();
      const user = result.user;

      const session = await startSession(c, user);
      return c.json({
        ...session,
        user: { id: user.id, name: user.name, role: user.role },
      });
    },
  )
  .post(
    "/sign-out",
    describeRoute({
      summary: "Sign out everywhere: every token issued before now stops working",
      tags,
      responses: { 204: "Signed out", 401: "Not signed in" },
    }),
    requireStaff(),
    async (c) => {
      await signOut(c, c.var.db, c.var.caller.userId);
      return c.body(null, 204);
    },
  )
  .get(
    "/me",
    describeRoute({ summary: "Who you are signed in as, and your scope", tags, responses: { 200: "The caller", 401: "Not signed in" } }),
    requireStaff(),
    (c) => c.json({ caller: c.var.caller }),
  );
