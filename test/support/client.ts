import { createExecutionContext, env } from "cloudflare:test";
import { testClient } from "hono/testing";
import { app } from "../../worker/index";

/**
 * The app as a typed client (hono/testing): paths, params, JSON bodies and answers are checked against the routes'
 * own validators, so a renamed field fails to compile. For new tests; `api` in world.ts stays for the untyped ones.
 */
export const client = (headers: Record<string, string> = {}) => testClient(app, env, createExecutionContext(), { headers });
