// `npm run dev`: local D1 with migrations applied and demo data, then `wrangler dev` with cron testing on.
// Everything stays on this machine: wrangler's local D1 and Durable Objects under .wrangler/state, or under the
// folder STEPWISE_STATE names (the quick-start test uses a fresh one).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

const wrangler = ["node_modules/wrangler/bin/wrangler.js"];
const state = ["--persist-to", process.env.STEPWISE_STATE ?? ".wrangler/state"];
const run = (args, options = {}) => execFileSync(process.execPath, [...wrangler, ...args], { stdio: "inherit", ...options });

if (!existsSync(".dev.vars")) {
  // A fresh machine gets its own signing key; it never leaves this machine.
  writeFileSync(".dev.vars", `JWT_SECRET=${randomBytes(32).toString("hex")}\n`);
}

run(["d1", "migrations", "apply", "stepwise", "--local", ...state], { env: { ...process.env, CI: "true" } });

const seeded = execFileSync(
  process.execPath,
  [...wrangler, "d1", "execute", "stepwise", "--local", ...state, "--json", "--command", "SELECT count(*) AS n FROM local_authorities"],
  { encoding: "utf8" },
);
if (JSON.parse(seeded)[0].results[0].n === 0) {
  mkdirSync(".wrangler", { recursive: true });
  const sql = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/demo-data.ts"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(".wrangler/demo.sql", sql);
  run(["d1", "execute", "stepwise", "--local", ...state, "--file", ".wrangler/demo.sql"]);
  console.log("Demo data loaded: sign in with the demo logins in README.md (password: stepwise-demo).");
}

const port = process.env.PORT ?? "8787";
// Links are built from PUBLIC_ORIGIN (wrangler.toml: http://localhost:8787), so another port says so.
const origin = port === "8787" ? [] : ["--var", `PUBLIC_ORIGIN:http://localhost:${port}`];
const dev = spawn(process.execPath, [...wrangler, "dev", "--port", port, "--test-scheduled", ...origin, ...state, ...process.argv.slice(2)], {
  stdio: "inherit",
});
dev.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
