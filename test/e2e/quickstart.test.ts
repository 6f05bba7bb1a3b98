import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The README's first command, `npm run dev`, run as written against fresh local state. */

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

async function waitFor(url: string, dev: ChildProcess, log: () => string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`npm run dev exited with ${dev.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`npm run dev did not answer within ${timeoutMs} ms:\n${log()}`);
}

const root = path.resolve(import.meta.dirname, "../..");

describe("the README quick start: npm run dev", () => {
  const state = mkdtempSync(path.join(tmpdir(), "stepwise-quickstart-"));
  let dev: ChildProcess;
  let output = "";
  let base = "";

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = spawn("npm", ["run", "dev"], {
      cwd: root,
      env: { ...process.env, PORT: String(port), STEPWISE_STATE: state, WRANGLER_SEND_METRICS: "false" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    dev.stdout?.on("data", (chunk) => (output += chunk));
    dev.stderr?.on("data", (chunk) => (output += chunk));
    await waitFor(`${base}/api/health`, dev, () => output.slice(-4000));
  });

  afterAll(() => {
    if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, "SIGTERM");
    rmSync(state, { recursive: true, force: true });
  });

  const signIn = async (email: string) => {
    const response = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password: "stepwise-demo" }),
    });
    expect(response.status, email).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  const allPupils = async (token: string) => {
    const seen: { stage: string; schoolId: string }[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `?limit=200&after=${encodeURIComponent(after)}` : "?limit=200";
      const page = (await (await fetch(`${base}/api/pupils${query}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        pupils: { stage: string; schoolId: string }[];
        next: string | null;
      };
      seen.push(...page.pupils);
      after = page.next;
    } while (after);
    return seen;
  };

  it("serves the home page and the API description", async () => {
    expect((await fetch(`${base}/`)).status).toBe(200);
    const openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string };
    expect(openapi.openapi).toBe("3.1.0");
  });

  it("loads the demo: every SENCO sees about fifty pupils of their school over every stage of its framework", async () => {
    const stagesByFramework = { hamilton: 11, conway: 7, sthelier: 10 };
    for (const [school, stageCount] of Object.entries(stagesByFramework)) {
      const pupils = await allPupils(await signIn(`senco@${school}.stepwise.demo`));
      expect(pupils.length, school).toBeGreaterThanOrEqual(45);
      expect(new Set(pupils.map((p) => p.schoolId)).size, school).toBe(1);
      expect(new Set(pupils.map((p) => p.stage)).size, school).toBe(stageCount);
    }
  });

  it("lets the LA officer see all three schools, and the head and teacher sign in", async () => {
    const pupils = await allPupils(await signIn("la.officer@stepwise.demo"));
    expect(new Set(pupils.map((p) => p.schoolId)).size).toBe(3);
    await signIn("head@conway.stepwise.demo");
    await signIn("teacher@sthelier.stepwise.demo");
    await signIn("admin@stepwise.demo");
  });

  it("creates a first admin with the documented command, who can then sign in", async () => {
    const email = `first.admin.${Date.now()}@la.example`;
    const password = "a long first admin password";
    execFileSync("npm", ["run", "create-admin", "--", "--email", email, "--name", "First Admin"], {
      cwd: root,
      env: { ...process.env, STEPWISE_STATE: state, STEPWISE_ADMIN_PASSWORD: password, WRANGLER_SEND_METRICS: "false" },
      stdio: "pipe",
    });
    const response = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    const me = await fetch(`${base}/api/auth/me`, { headers: { Authorization: `Bearer ${((await response.json()) as { token: string }).token}` } });
    expect(await me.json()).toMatchObject({ caller: { role: "admin", laId: null } });
  });
});
