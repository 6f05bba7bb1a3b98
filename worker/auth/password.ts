/**
 * Passwords: PBKDF2-SHA256 through WebCrypto, at the 100,000 iterations the Workers runtime allows, with a random
 * 16-byte salt per user. Runs the same in the Worker and in Node (the demo data and create-admin scripts).
 */
export const passwordIterations = 100_000;
const saltBytes = 16;
const hashBits = 256;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: passwordIterations }, key, hashBits);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = crypto.getRandomValues(new Uint8Array(saltBytes));
  return { hash: toBase64(await derive(password, salt)), salt: toBase64(salt) };
}

/** Compares in constant time, so how long it takes says nothing about how much of the hash matched. */
export async function verifyPassword(password: string, stored: { hash: string; salt: string }): Promise<boolean> {
  const expected = fromBase64(stored.hash);
  const actual = await derive(password, fromBase64(stored.salt));
  let difference = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) difference |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
  return difference === 0;
}
