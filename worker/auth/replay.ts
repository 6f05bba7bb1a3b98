import * as v from "valibot";

/**
 * A form posted after its session ended is kept, sealed, through signing in again (issue 14: work is never lost). The
 * seal (AES-GCM under a key derived from JWT_SECRET) binds the typed fields to the person whose session it was and to
 * the staff path they posted to, for a short while: nobody can forge one, point it elsewhere or post it as someone else.
 */

/** Long enough to find the password; short enough that a seal left in a page's history is soon worthless. */
export const replayLifetimeSeconds = 30 * 60;

/**
 * Where to go after signing in: only a path on this site ("/forms/…", "/dashboard/…"); anything that could leave it
 * ("//host", "/\\host", "https://…", control characters) is dropped and the staff home is used.
 */
export function safeNext(value: string | undefined | null): string | null {
  if (!value || value.length > 2048 || !value.startsWith("/") || /^\/[\/\\]/.test(value) || /[\u0000-\u001f\u007f\\]/.test(value)) return null;
  const base = "https://stepwise.invalid";
  try {
    const url = new URL(value, base);
    // Checked again after normalising: /.//evil.example and /..//evil.example become //evil.example, another site.
    if (url.origin !== base || /^\/[\/\\]/.test(url.pathname)) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** The staff pages whose posts are kept: the forms, dashboards and staff pages, never signing in or out itself. */
export function replayablePath(value: string | undefined | null): string | null {
  const path = safeNext(value);
  if (!path || path.includes("#") || !/^\/(forms|dashboard|print|staff)\//.test(path)) return null;
  return /^\/staff\/(sign-in|sign-out)(\/|\?|$)/.test(path) ? null : path;
}

const stash = v.object({
  userId: v.pipe(v.string(), v.minLength(1)),
  path: v.string(),
  fields: v.record(v.string(), v.union([v.string(), v.array(v.string())])),
  expiresAt: v.number(),
});
export type Replay = Omit<v.InferOutput<typeof stash>, "expiresAt">;

const encoder = new TextEncoder();
const keyFor = async (secret: string) => {
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("stepwise"), info: encoder.encode("replay of a form posted after its session ended") },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
};

const toBase64Url = (bytes: Uint8Array) =>
  btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (char) => char.charCodeAt(0));

/** The sealed form, or null when the path is not a staff page's (nothing is kept for anywhere else). */
export async function sealReplay(config: Pick<Env, "JWT_SECRET">, replay: Replay, nowSeconds: number): Promise<string | null> {
  const path = replayablePath(replay.path);
  if (!path) return null;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify({ ...replay, path, expiresAt: nowSeconds + replayLifetimeSeconds }));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFor(config.JWT_SECRET), plain));
  return `${toBase64Url(iv)}.${toBase64Url(sealed)}`;
}

/** The kept form, if the seal is ours, unexpired, names a staff page and belongs to the person now signed in; else null. */
export async function openReplay(
  config: Pick<Env, "JWT_SECRET">,
  sealed: string | undefined,
  signedInUserId: string,
  nowSeconds: number,
): Promise<Replay | null> {
  const [iv, body, extra] = (sealed ?? "").split(".");
  if (!iv || !body || extra !== undefined) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64Url(iv) }, await keyFor(config.JWT_SECRET), fromBase64Url(body));
    const parsed = v.safeParse(stash, JSON.parse(new TextDecoder().decode(plain)));
    if (!parsed.success || parsed.output.expiresAt < nowSeconds || parsed.output.userId !== signedInUserId) return null;
    const path = replayablePath(parsed.output.path);
    return path ? { userId: parsed.output.userId, path, fields: parsed.output.fields } : null;
  } catch {
    // Not our seal (tampered, truncated, another key): as if none had come.
    return null;
  }
}
