import { Hono } from "hono";
import { cors } from "hono/cors";
import * as v from "valibot";
import { idempotencyKey, parentConcern } from "../../schema/parent-concern";
import type { AppEnv } from "../app-env";
import { schoolBySlug, submitParentConcern } from "../concerns/parent-concern";
import { concernAllowed, concernRetryAfterSeconds } from "../concerns/rate-limit";
import { clientAddress } from "../http/client-address";
import { ApiError, fieldErrors, notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { publicOrigin, publicUrl } from "../http/public-origin";
import { validate } from "../http/validate";

const slugParam = v.object({ slug: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,100}$/, "Unknown school link")) });

/** Only the school's registered website may call this from a browser; others get no CORS headers and are refused. */
const schoolWebsitesOnly = cors({
  origin: async (origin, c) => {
    const slug = c.req.param("slug");
    const school = slug && origin ? await schoolBySlug(c.var.db, slug) : null;
    return school?.embedOrigins.includes(origin) ? origin : null;
  },
  allowMethods: ["POST"],
  allowHeaders: ["Content-Type", "Idempotency-Key"],
  exposeHeaders: ["Retry-After"],
  maxAge: 600,
});

/** The public concern as JSON, for a school website's own script: the same rules as the form. */
export const publicConcernApi = new Hono<AppEnv>().use("/schools/:slug/concerns", schoolWebsitesOnly).post(
  "/schools/:slug/concerns",
  describeRoute({
    summary: "A parent raises a concern through the school's public link (no account). Send an Idempotency-Key: a retry with it makes no second concern",
    tags: ["Public concern link"],
    body: parentConcern,
    public: true,
    responses: {
      201: "The reference, the date the school will respond by and the private status link",
      200: "The same key was sent before: the concern it made",
      400: "Invalid body or Idempotency-Key",
      404: "No school has this link",
      422: "The Idempotency-Key was already used for a different concern",
      429: "Too many concerns from this address or to this school: wait Retry-After seconds",
    },
  }),
  validate("param", slugParam),
  validate("json", parentConcern),
  async (c) => {
    const key = v.safeParse(idempotencyKey, c.req.header("Idempotency-Key"));
    if (!key.success)
      throw new ApiError(400, "invalid_header", "The Idempotency-Key header is not valid", [{ field: "Idempotency-Key", message: key.issues[0].message }]);
    const { slug } = c.req.valid("param");
    const admit = (schoolId: string) =>
      concernAllowed(
        c.env,
        clientAddress(c.env, (name) => c.req.header(name)),
        schoolId,
      );
    const outcome = await submitParentConcern(c.var.db, {
      slug,
      input: c.req.valid("json"),
      idempotencyKey: key.output,
      secret: c.env.JWT_SECRET,
      at: new Date().toISOString(),
      origin: publicOrigin(c.env),
      admit,
    });
    if (!outcome.ok && outcome.reason === "schoolNotFound") throw notFound("School");
    if (!outcome.ok && outcome.reason === "rateLimited") {
      c.header("Retry-After", String(concernRetryAfterSeconds));
      throw new ApiError(429, "rate_limited", "Too many concerns have been sent: wait a minute and try again");
    }
    if (!outcome.ok) throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different concern", fieldErrors([]));
    const { reference, respondBy, statusToken, replayed } = outcome.concern;
    const statusUrl = publicUrl(c.env, `/s/${slug}/status/${statusToken}`);
    return c.json({ reference, respondBy, statusUrl, replayed }, replayed ? 200 : 201);
  },
);
