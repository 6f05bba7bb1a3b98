// Runs the built Worker under Miniflare directly (no `wrangler dev` proxy): for browser tests and the benchmark.
// The bindings are read from wrangler.toml, so this runs what `wrangler deploy` would ship.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from "wrangler";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bundles worker/index.ts as `wrangler deploy` would, without deploying; returns the bundle's path. `entry` bundles
 * another module with the same configuration (the benchmark's row-counting wrapper).
 */
export function buildWorker(outdir = mkdtempSync(path.join(tmpdir(), "stepwise-build-")), entry = undefined) {
  const args = ["deploy", ...(entry ? [entry] : []), "--dry-run", "--outdir", outdir];
  execFileSync(process.execPath, [path.join(root, "node_modules/wrangler/bin/wrangler.js"), ...args], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  });
  return path.join(outdir, `${path.basename(entry ?? "index.ts", ".ts")}.js`);
}

/** Every migration in order, split into statements the way wrangler applies them. */
export function migrationStatements() {
  const dir = path.join(root, "migrations");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .flatMap((file) => unstable_splitSqlQuery(readFileSync(path.join(dir, file), "utf8")));
}

/** A port free on 127.0.0.1 now: the Worker's links (PUBLIC_ORIGIN) must name its port before it starts. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the Worker on 127.0.0.1 with fresh local D1 and Durable Objects (in memory unless `persistTo` is given) and
 * every migration applied (unless `migrate` is false). Returns the Miniflare instance, its URL and the D1 binding for direct seeding.
 * `log` is a Miniflare Log: the browser tests read the path of each delivered .eml file from it.
 */
export async function startLocalWorker({ scriptPath = buildWorker(), port = 0, persistTo, bindings = {}, migrate = true, log = undefined } = {}) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, "wrangler.toml"));
  const persistence = persistTo ? { d1Persist: path.join(persistTo, "d1"), durableObjectsPersist: path.join(persistTo, "do") } : {};
  for (let attempt = 1; ; attempt++) {
    const listenOn = port || (await freePort());
    const miniflare = new Miniflare({
      ...workerOptions,
      name: "stepwise",
      modules: true,
      modulesRoot: path.dirname(scriptPath),
      scriptPath,
      host: "127.0.0.1",
      port: listenOn,
      ...persistence,
      ...(log ? { log } : {}),
      bindings: {
        ...workerOptions.bindings,
        JWT_SECRET: "local-worker-secret-of-at-least-thirty-two-bytes",
        PUBLIC_ORIGIN: `http://127.0.0.1:${listenOn}`,
        ...bindings,
      },
    });
    try {
      const url = await miniflare.ready;
      const db = await miniflare.getD1Database("DB");
      // A persisted state started again (the benchmark's second look at the same data) is already migrated.
      if (migrate) for (const statement of migrationStatements()) await db.prepare(statement).run();
      return { miniflare, url: url.href.replace(/\/$/, ""), db };
    } catch (error) {
      await miniflare.dispose();
      // Miniflare's synchronous proxy (each db.prepare from Node) can lose a reply on a busy machine and fail an
      // internal assertion; a fresh instance on fresh storage starts clean.
      if (attempt >= 3 || !migrate) throw error;
      if (persistTo) for (const dir of Object.values(persistence)) rmSync(dir, { recursive: true, force: true });
    }
  }
}
