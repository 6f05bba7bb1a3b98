// What a user downloads: the Worker bundle gzipped, and each form page with everything it loads.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const gzippedKb = (file) => Math.round(gzipSync(readFileSync(file)).length / 102.4) / 10;

/** Every HTML page under static/, as the path it is served at. */
export function staticPages(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith(".html"))
    .map((file) => `/${file.split(path.sep).join("/")}`.replace(/\/index\.html$/, "/"));
}

/**
 * The form pages the Worker renders (GET routes under /s/, /forms/ and /print/), with their parameters filled from `values`;
 * a page needing a parameter not given (a record's id) is left out.
 */
export function workerPages(routes, values) {
  const pages = routes
    .filter((r) => r.method === "GET" && /^\/(s|forms|print)\//.test(r.path) && !r.path.endsWith("*") && !r.path.includes("status"))
    .map((r) => r.path.replace(/:(\w+)(\{[^}]*\})?/g, (whole, name) => values[name] ?? whole))
    .filter((p) => !p.includes(":"));
  return [...new Set(pages)];
}

const references = (text, pattern) =>
  [...text.matchAll(pattern)].map((m) => m[1] ?? m[2]).filter((ref) => ref && !ref.startsWith("data:") && !ref.startsWith("#"));

/**
 * Fetches the page and each stylesheet, script, image, icon and font it loads (following CSS url() and @import),
 * summing the bytes of same-origin ones and counting any request to another origin.
 */
export async function pageWeight(origin, pagePath, headers = {}) {
  const seen = new Set();
  const thirdParty = new Set();
  let bytes = 0;
  const visit = async (url, kind) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    if (url.origin !== origin) return void thirdParty.add(url.href);
    const response = await fetch(url, kind === "html" ? { headers } : {});
    const body = Buffer.from(await response.arrayBuffer());
    bytes += body.length;
    const text = body.toString("utf8");
    const found =
      kind === "html"
        ? [
            ...references(text, /<link[^>]+href="([^"]+)"/g).map((ref) => [ref, ref.endsWith(".css") ? "css" : "other"]),
            ...references(text, /<(?:script|img|iframe|source)[^>]+src="([^"]+)"/g).map((ref) => [ref, "other"]),
          ]
        : kind === "css"
          ? references(text, /url\(["']?([^"')]+)["']?\)|@import\s+["']([^"']+)["']/g).map((ref) => [ref, ref.endsWith(".css") ? "css" : "other"])
          : [];
    for (const [ref, refKind] of found) await visit(new URL(ref, url), refKind);
  };
  await visit(new URL(pagePath, origin), "html");
  return { path: pagePath, kb: Math.round(bytes / 102.4) / 10, requests: seen.size, thirdPartyRequests: thirdParty.size };
}
