import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/**
 * Three projects: "workers" runs in workerd (the API, the workflow, D1 and the Durable Objects); "layering" reads the
 * imports of worker/ and schema/ in Node; "e2e" runs in Node
 * against the built Worker under Miniflare, driving Debian's Chromium, and checks the README's quick start.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  JWT_SECRET: "test-secret-of-at-least-thirty-two-bytes-long",
                  // The tests' requests go to https://stepwise.test, so the links they follow are the deployment's own.
                  PUBLIC_ORIGIN: "https://stepwise.test",
                },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/**/*.test.ts"],
            exclude: ["test/e2e/**", "test/layering/**"],
            setupFiles: ["./test/setup/apply-migrations.ts"],
            // A ceiling for a busy two-core machine, not a speed goal (benchmarks hold those).
            testTimeout: 90_000,
          },
        },
        {
          // Reads the source tree from disk, so it runs in Node rather than in workerd.
          test: { name: "layering", environment: "node", include: ["test/layering/**/*.test.ts"] },
        },
        {
          test: {
            name: "e2e",
            environment: "node",
            include: ["test/e2e/**/*.test.ts"],
            globalSetup: ["./test/e2e/support/global-setup.ts"],
            testTimeout: 120_000,
            hookTimeout: 300_000,
            // Two cores: one Chromium and one Worker at a time keeps the timings honest.
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
