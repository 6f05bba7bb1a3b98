import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, signInToken } from "./support/staff";

const limit = 40 * 1024;

/** The page and everything it loads (its stylesheet and scripts), as bytes: raw, and gzipped as Cloudflare sends them. */
async function pageWeight(url: string, init?: RequestInit) {
  const html = await (await fetch(url, init)).text();
  const assets = [...html.matchAll(/(?:href|src)="(\/(?:css|js)\/[^"]+)"/g)].map((m) => m[1]!);
  const loaded = await Promise.all(assets.map((path) => fetch(new URL(path, url))));
  // A missing asset would weigh next to nothing.
  expect(loaded.filter((response) => !response.ok).map((response) => response.url)).toEqual([]);
  const bodies = [Buffer.from(html), ...(await Promise.all(loaded.map(async (response) => Buffer.from(await response.arrayBuffer()))))];
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

  it("keeps each staff form page, with its stylesheet and script, under 40 KB", async () => {
    const school = await insertSchool(worker.db);
    const senco = await insertStaff(worker.db, school, "senco");
    const token = await signInToken(worker.url, senco.email);
    const enrolled = await fetch(`${worker.url}/api/pupils`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        upn: withUpnCheckLetter("123456789012"),
        givenName: "Sam",
        familyName: "Example",
        dateOfBirth: "2017-05-04",
        yearGroup: "4",
        schoolId: school.id,
        stage: "schoolAction",
      }),
    });
    expect(enrolled.status).toBe(201);
    const { pupil } = (await enrolled.json()) as { pupil: { id: string } };
    const session = { headers: { Cookie: `__Host-stepwise_session=${token}` } };
    const forms = ["concern", "plan", "review", "parent-views", "assessment-request", "drs-referral"];
    const weights = await Promise.all(forms.map(async (form) => ({ form, ...(await pageWeight(`${worker.url}/forms/pupils/${pupil.id}/${form}`, session)) })));
    // Each page loads its own script, carrying only its own form's rules.
    for (const { form, assets } of weights) expect(assets).toEqual(["/css/stepwise.css", `/js/staff/${form}.js`]);
    expect(weights.filter((weight) => weight.raw >= limit).map(({ form, raw }) => `${form}: ${raw} bytes`)).toEqual([]);
  });

  it("serves the embed script small enough to paste into any website", async () => {
    const script = await (await fetch(`${worker.url}/js/embed.js`)).text();
    expect(script.length).toBeLessThan(2 * 1024);
  });
});
