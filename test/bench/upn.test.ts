import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { benchUpnSql } from "../../bench/seed.mjs";
import { upn, withUpnCheckLetter } from "../../schema/rules";
import * as v from "valibot";

describe("the bench's pupils", () => {
  it("have UPNs whose check letter is the DfE's, as schema/rules.ts computes it", async () => {
    const numbers = [0, 1, 7, 42, 999, 12_345, 987_654, 3_440_000_001, 999_999_999_999];
    for (const n of numbers) {
      const row = await env.DB.prepare(`SELECT ${benchUpnSql("?1")} AS upn`)
        .bind(n)
        .first<{ upn: string }>();
      expect(row?.upn).toBe(withUpnCheckLetter(String(n).padStart(12, "0")));
      expect(v.is(upn, row?.upn)).toBe(true);
    }
  });
});
