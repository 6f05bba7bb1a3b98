/** Every request a local run answers comes from this one address, whatever CF-Connecting-IP it was sent with. */
export const localAddress = "local";

/**
 * The address a request came from, for the rate limits, sign-in's limit and the audit log's "from where". A deployment
 * answers at its https public origin behind Cloudflare's edge, which sets CF-Connecting-IP from the connection and
 * overwrites one the client sent. A local run (wrangler dev, Miniflare: an http origin) passes a sent one through, so
 * there any sender could name any address; it is ignored and every request is the one local address.
 */
export function clientAddress(env: { PUBLIC_ORIGIN: string }, header: (name: string) => string | undefined): string {
  if (new URL(env.PUBLIC_ORIGIN).protocol !== "https:") return localAddress;
  return header("CF-Connecting-IP") ?? "unknown";
}
