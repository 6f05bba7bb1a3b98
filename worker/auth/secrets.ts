/**
 * Capability secrets (parents' links, staff invitations): 256 random bits, base64url, of which only the SHA-256 is
 * stored, so a copy of the database opens nothing.
 */
const secretBytes = 32;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/=+$/, "")
    .replaceAll("+", "-")
    .replaceAll("/", "_");

export function newSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(secretBytes)));
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The shape of a secret newSecret() makes: anything else is refused before touching the database. */
export const secretPattern = /^[A-Za-z0-9_-]{43}$/;
