import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../schema/tables";
import worker from "../../worker/index";
import { clientAddress, localAddress } from "../../worker/http/client-address";
import { db, schoolWithPupil } from "../support/world";

/** The Worker as `npm run dev` runs it: at an http origin, where nothing in front of it sets CF-Connecting-IP. */
const local = { ...env, PUBLIC_ORIGIN: "http://localhost:8787" };

async function fetchLocally(path: string, init: RequestInit) {
  const context = createExecutionContext();
  const response = await worker.fetch(new Request(`http://localhost:8787${path}`, init), local, context);
  await waitOnExecutionContext(context);
  return response;
}

const sentAddress = (n: number) => ({ "CF-Connecting-IP": `192.0.2.${n}` });

describe("issue 16 finding: a client-sent CF-Connecting-IP is trusted locally", () => {
  it("the address is Cloudflare's CF-Connecting-IP behind the edge (an https deployment), and one fixed address locally", () => {
    const header = (name: string) => (name === "CF-Connecting-IP" ? "192.0.2.7" : undefined);
    expect(clientAddress({ PUBLIC_ORIGIN: "https://stepwise.example.org" }, header)).toBe("192.0.2.7");
    expect(clientAddress({ PUBLIC_ORIGIN: "http://localhost:8787" }, header)).toBe(localAddress);
    expect(clientAddress({ PUBLIC_ORIGIN: "http://127.0.0.1:5173" }, () => undefined)).toBe(localAddress);
  });

  it("locally, naming a new address on every attempt does not escape sign-in's limit of ten a minute per address", async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= 11; n++) {
      const response = await fetchLocally("/staff/sign-in", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...sentAddress(n) },
        body: new URLSearchParams({ email: `nobody-${n}-${crypto.randomUUID()}@school.test`, password: "a guess at a password" }),
        redirect: "manual",
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("locally, the audit log records the local address, not the one the request named", async () => {
    const world = await schoolWithPupil("england2014");
    const read = await fetchLocally(`/api/pupils/${world.pupil.id}`, { headers: { Authorization: world.senco.headers.Authorization, ...sentAddress(99) } });
    expect(read.status).toBe(200);
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.pupilId, world.pupil.id), eq(auditLog.action, "read")));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((entry) => entry.ipAddress)).toEqual(entries.map(() => localAddress));
  });
});
