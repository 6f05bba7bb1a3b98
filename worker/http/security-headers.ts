import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

/**
 * Every response the Worker gives (API, pages, errors) carries these. Nothing is loaded from a third party, and
 * no page may be framed unless its route says by whom (allowFramingBy): the embeddable concern form does, for the
 * origins its school registered. Static files the Worker does not answer get the same from static/_headers.
 */
export type SecurityHeaderOptions = { frameAncestors?: readonly string[] };

const contentSecurityPolicy = (frameAncestors: readonly string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");

/** Lets this response be framed by these origins (each already validated as https://host[:port]). */
export function allowFramingBy(c: Context<AppEnv>, origins: readonly string[]) {
  c.set("frameAncestors", origins);
}

export const securityHeaders = ({ frameAncestors = [] }: SecurityHeaderOptions = {}) =>
  createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    await next();
    const allowed = c.var.frameAncestors ?? frameAncestors;
    const headers = c.res.headers;
    headers.set("Content-Security-Policy", contentSecurityPolicy(allowed));
    headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    // Children's records: nothing the Worker answers is kept by a browser or a shared cache.
    if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (allowed.length === 0) headers.set("X-Frame-Options", "DENY");
    else headers.delete("X-Frame-Options");
  });
