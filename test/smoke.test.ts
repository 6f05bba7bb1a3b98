import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("answers health and has the schema", async () => {
  const res = await SELF.fetch("https://x/api/health");
  expect(await res.json()).toEqual({ ok: true });
  const { results } = await env.DB.prepare("select name from sqlite_master where type='trigger'").all();
  expect(results.length).toBe(4);
});
