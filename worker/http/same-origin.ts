import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { ApiError } from "./errors";

const safeMethods = ["GET", "HEAD", "OPTIONS"];

/**
 * Pages that change something (and sign-in, so nobody is signed in to someone else's account) take posts from this
 * site's own pages only. Sec-Fetch-Site, set by the browser and beyond a page's reach, decides when sent: same-origin
 * (or none, a person's own action) passes. It outranks Origin, which our pages' no-referrer policy turns to "null" on
 * their own posts. A browser too old to send Sec-Fetch-Site is judged by Origin, which must be this site's. A request
 * with neither comes from no other site's page (every current browser sends Origin on a cross-site post), and the
 * session cookie is SameSite=Strict besides.
 */
export const sameOriginWrites = () =>
  createMiddleware<AppEnv>(async function sameOriginWrites(c, next) {
    if (!safeMethods.includes(c.req.method)) {
      const site = c.req.header("sec-fetch-site");
      const origin = c.req.header("origin");
      const crossSite = site !== undefined ? site !== "same-origin" && site !== "none" : origin !== undefined && origin !== new URL(c.req.url).origin;
      if (crossSite) throw new ApiError(403, "cross_site_request", "This can only be sent from Stepwise's own pages: open the page on Stepwise and try again");
    }
    await next();
  });
