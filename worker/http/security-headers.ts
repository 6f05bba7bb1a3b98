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

/**
 * Lets this response be framed by these sources (each already validated as http(s)://host[:port], or 'self'). A route
 * that sets its own Content-Security-Policy (the public forms do, with their school's embed origins) keeps it; this
 * call then only tells the middleware not to send X-Frame-Options: DENY, which would contradict it.
 */
export function allowFramingBy(c: Context, origins: readonly string[]) {
  (c as Context<AppEnv>).set("frameAncestors", origins);
}

export const securityHeaders = ({ frameAncestors = [] }: SecurityHeaderOptions = {}) =>
  createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    await next();
    const allowed = c.var.frameAncestors ?? frameAncestors;
    const headers = c.res.headers;
    // A route's own policy (forms' pages: default-src 'none', framed by their school's origins) is never overwritten.
    if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", contentSecurityPolicy(allowed));
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
