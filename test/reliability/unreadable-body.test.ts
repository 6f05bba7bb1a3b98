import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { schoolWithPupil } from "../support/world";
import { endpoints, fillPath, parameterNames, takesBody } from "./routes";

/** Bodies that cannot be parsed as what they claim to be: each once found a 500 (the fuzz sweep's counterexamples). */
const unreadable = [
  { contentType: "multipart/form-data", body: "" },
  { contentType: "multipart/form-data", body: "move=x" },
  { contentType: "multipart/form-data; boundary=stepwise", body: "--stepwise\r\nnot a part" },
  { contentType: "application/json", body: '{"move":' },
];

describe("a body that cannot be read", () => {
  const writable = endpoints().filter(takesBody);

  it.each(writable.map((e) => [`${e.method} ${e.path}`, e] as const))("%s answers 4xx, never 5xx", async (_, endpoint) => {
    const { pupil, senco } = await schoolWithPupil("england2001", "concernRecorded");
    const url = `https://stepwise.test${fillPath(endpoint.path, Object.fromEntries(parameterNames(endpoint.path).map((name) => [name, pupil.id])))}`;
    for (const { contentType, body } of unreadable) {
      const response = await SELF.fetch(url, { method: endpoint.method, headers: { ...senco.headers, "Content-Type": contentType }, body });
      await response.arrayBuffer();
      expect(response.status, `${contentType}: ${JSON.stringify(body)}`).toBeLessThan(500);
    }
  });
});
