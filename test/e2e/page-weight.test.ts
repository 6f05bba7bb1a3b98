import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";

const limit = 40 * 1024;

/** The page and everything it loads (its stylesheet and scripts), as bytes: raw, and gzipped as Cloudflare sends them. */
async function pageWeight(url: string, init?: RequestInit) {
  const html = await (await fetch(url, init)).text();
  const assets = [...html.matchAll(/(?:href|src)="(\/(?:css|js)\/[^"]+)"/g)].map((m) => m[1]!);
  const bodies = [Buffer.from(html), ...(await Promise.all(assets.map(async (path) => Buffer.from(await (await fetch(new URL(path, url))).arrayBuffer()))))];
  return { assets, raw: bodies.reduce((sum, b) => sum + b.length, 0), gzipped: bodies.reduce((sum, b) => sum + gzipSync(b).length, 0) };
}

describe("small pages: no framework, no third-party requests", () => {
  let worker: LocalWorker;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(() => worker?.stop());

  it("keeps the public concern page, with its stylesheet and script, under 40 KB", async () => {
    const school = await insertSchool(worker.db);
    const weight = await pageWeight(`${worker.url}/s/${school.publicSlug}/concern`);
    expect(weight.assets).toEqual(["/css/stepwise.css", "/js/forms.js"]);
    expect(weight.raw).toBeLessThan(limit);
  });

  it("serves the embed script small enough to paste into any website", async () => {
    const script = await (await fetch(`${worker.url}/js/embed.js`)).text();
    expect(script.length).toBeLessThan(2 * 1024);
  });
});
