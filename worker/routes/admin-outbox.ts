import { Hono } from "hono";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { requireRole } from "../auth/require-role";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { validate } from "../http/validate";
import { retryQuery } from "../mail/deliver";
import { listOutbox, outboxCounts } from "../mail/admin-view";

const outboxQuery = v.object({
  status: v.optional(v.picklist(["pending", "sent", "failed"], "Choose pending, sent or failed"), "failed"),
  after: v.optional(v.pipe(v.string(), v.regex(/^[^|]{1,40}\|[^|]{1,64}$/, "Use the `next` value of the previous page"))),
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200)), "50"),
});
const messageParam = v.object({ id: entityId });
const tags = ["Admin: mail"];

export const adminOutboxRoutes = new Hono<AppEnv>()
  .use(requireStaff(), requireRole("admin"))
  .get(
    "/",
    describeRoute({
      summary: "The outbox: failed deliveries by default, or pending or sent mail, with counts",
      tags,
      query: outboxQuery,
      responses: { 200: "A page of messages (never their contents)", 403: "Admins only" },
    }),
    validate("query", outboxQuery),
    async (c) => {
      const { status, after, limit } = c.req.valid("query");
      const [at, id] = after?.split("|") ?? [];
      const page = await listOutbox(c.var.db, status, limit, at && id ? { at, id } : null);
      const counts = Object.fromEntries((await outboxCounts(c.var.db)).map((row) => [row.status, row.count]));
      return c.json({ status, counts: { pending: 0, sent: 0, failed: 0, ...counts }, ...page });
    },
  )
  .post(
    "/:id/retry",
    describeRoute({
      summary: "Send a failed message again, with a fresh set of attempts",
      tags,
      responses: { 200: "Queued again", 403: "Admins only", 404: "No failed message with this id" },
    }),
    validate("param", messageParam),
    async (c) => {
      const [queued] = await retryQuery(c.var.db, c.req.valid("param").id, new Date().toISOString());
      if (!queued) throw notFound("Failed message");
      return c.json({ id: queued.id, status: "pending" });
    },
  );
