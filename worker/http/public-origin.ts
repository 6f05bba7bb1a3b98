/**
 * The address of `path` on this deployment: PUBLIC_ORIGIN (wrangler.toml), never the request's Host or URL, which any
 * sender chooses. Every link Stepwise writes into a page, an answer or an email is built here.
 */
export function publicUrl(env: Pick<Env, "PUBLIC_ORIGIN">, path: string): string {
  const origin = new URL(env.PUBLIC_ORIGIN);
  if (origin.protocol !== "https:" && origin.protocol !== "http:") throw new Error(`PUBLIC_ORIGIN must be an http(s) origin, not ${env.PUBLIC_ORIGIN}`);
  return new URL(path, origin.origin).href;
}

/** The deployment's origin itself, for domain code that builds its own paths. */
export const publicOrigin = (env: Pick<Env, "PUBLIC_ORIGIN">) => publicUrl(env, "/").slice(0, -1);
