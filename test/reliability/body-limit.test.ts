import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { schoolWithPupil } from "../support/world";
import { endpoints, fillPath, parameterNames, takesBody } from "./routes";

/**
 * Just over the largest body any endpoint accepts (worker/index.ts): signing in, which may carry a 2 MB form kept,
 * sealed in base64, from a session that ended, beside its own few fields.
 */
const oversized = Math.ceil((2 * 1024 * 1024 * 4) / 3) + 64 * 1024 + 1;

const streamOf = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const chunk = new Uint8Array(64 * 1024).fill(0x61);
      for (let sent = 0; sent < bytes; sent += chunk.length) controller.enqueue(chunk.subarray(0, Math.min(chunk.length, bytes - sent)));
      controller.close();
    },
  });

describe("an oversized body", () => {
  const writable = endpoints().filter(takesBody);

  it.each(writable.map((e) => [`${e.method} ${e.path}`, e] as const))("%s answers 413, told its length or streamed", async (_, endpoint) => {
    const { pupil, senco } = await schoolWithPupil("england2001", "concernRecorded");
    const url = `https://stepwise.test${fillPath(endpoint.path, Object.fromEntries(parameterNames(endpoint.path).map((name) => [name, pupil.id])))}`;
    for (const contentType of ["application/json", "application/x-www-form-urlencoded"]) {
      const headers = { ...senco.headers, "Content-Type": contentType };
      const sized = await SELF.fetch(url, { method: endpoint.method, headers, body: "a".repeat(oversized) });
      expect(sized.status, `${contentType}, with Content-Length`).toBe(413);
      await sized.arrayBuffer();
      const streamed = await SELF.fetch(url, { method: endpoint.method, headers, body: streamOf(oversized) });
      expect(streamed.status, `${contentType}, streamed`).toBe(413);
      await streamed.arrayBuffer();
    }
  });
});
