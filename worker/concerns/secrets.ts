/** Hashing and keyed derivation through WebCrypto: the same in the Worker and in Node. */

const encoder = new TextEncoder();

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
const base64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** HMAC-SHA256 of `message` under `secret`, as 43 URL-safe characters (256 bits). */
export async function hmacToken(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return base64url(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/** Crockford's base-32 alphabet: no I, L, O or U, so a reference read over the phone is not misheard. */
const referenceAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A parent's reference, e.g. "SW-7KQ2-M9XD": 40 random bits; the unique index catches the rare repeat. */
export function newReference(): string {
  const chars = [...crypto.getRandomValues(new Uint8Array(8))].map((byte) => referenceAlphabet[byte % 32]).join("");
  return `SW-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
