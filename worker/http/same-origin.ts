import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { ApiError } from "./errors";

const safeMethods = ["GET", "HEAD", "OPTIONS"];

/**
 * Pages that change something (and sign-in, so nobody is signed in to someone else's account) take posts from this
 * site's own pages only. A browser says where a request comes from in Sec-Fetch-Site and Origin: either naming
 * another site refuses it. A request with neither comes from no browser page of another site (every current browser
 * sends Origin on a cross-site post), and the session cookie is SameSite=Strict besides.
 */
export const sameOriginWrites = () =>
  createMiddleware<AppEnv>(async function sameOriginWrites(c, next) {
    if (!safeMethods.includes(c.req.method)) {
      const site = c.req.header("sec-fetch-site");
      const origin = c.req.header("origin");
      const crossSite = (site !== undefined && site !== "same-origin" && site !== "none") || (origin !== undefined && origin !== new URL(c.req.url).origin);
      if (crossSite) throw new ApiError(403, "cross_site_request", "This can only be sent from Stepwise's own pages: open the page on Stepwise and try again");
    }
    await next();
  });
