import { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../app-env";
import { requireStaff } from "../auth/require-staff";
import { calendarFeed, issueFeedSecret, revokeFeedSecret } from "../calendar-feed/feed";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { publicUrl } from "../http/public-origin";
import { validate } from "../http/validate";

const tags = ["Calendar feed"];
const feedFile = v.object({ file: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}\.ics$/, "Not a calendar feed address")) });

/** Creating or replacing your own feed address needs your sign-in. */
export const calendarFeedRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .post(
    "/",
    describeRoute({
      summary: "Create your secret calendar feed address, replacing any earlier one (which stops working)",
      tags,
      responses: { 201: "The feed address, shown once" },
    }),
    async (c) => {
      const secret = await issueFeedSecret(c.var.db, c.var.caller.userId);
      const url = publicUrl(c.env, `/api/calendar/${secret}.ics`);
      return c.json({ url, note: "Keep this address private: anyone with it can read these dates. Ask for a new one to replace it." }, 201);
    },
  )
  .delete("/", describeRoute({ summary: "Turn off your calendar feed", tags, responses: { 204: "Turned off" } }), async (c) => {
    await revokeFeedSecret(c.var.db, c.var.caller.userId);
    return c.body(null, 204);
  });

/** The feed itself: the secret in the address is the credential, as calendar apps send no sign-in. */
export const calendarRoutes = new Hono<AppEnv>().get(
  "/:file",
  describeRoute({
    summary: "Your review dates, meetings and deadlines as an iCalendar feed",
    tags,
    public: true,
    responses: { 200: "text/calendar", 404: "No such feed" },
  }),
  validate("param", feedFile),
  async (c) => {
    const secret = c.req.valid("param").file.slice(0, -".ics".length);
    const body = await calendarFeed(c.var.db, secret, new Date().toISOString());
    if (body === null) throw notFound("Calendar feed");
    return c.body(body, 200, { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=900", "Referrer-Policy": "no-referrer" });
  },
);
