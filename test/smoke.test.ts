import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("answers health and has the schema", async () => {
  const res = await SELF.fetch("https://x/api/health");
  expect(await res.json()).toEqual({ ok: true });
  const { results } = await env.DB.prepare("select name from sqlite_master where type='trigger'").all();
  expect(results.map((row) => row.name)).toEqual(
    expect.arrayContaining([
      "pupil_events_gapless",
      "pupil_events_no_update",
      "pupil_events_no_delete_while_open",
      "pupils_version_follows_events",
      "pupils_counted_on_insert",
      "pupils_uncounted_on_delete",
      "pupils_recounted_on_change",
    ]),
  );
});
