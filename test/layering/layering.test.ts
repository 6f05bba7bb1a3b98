import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allImports, type Beyond, beyondViolations, describeViolation, type Intended, partOf, violations } from "./imports";
import intended from "./intended.json";

const root = path.resolve(import.meta.dirname, "../..");
const shared = process.env.INTENDED_JSON ?? path.resolve(root, "../shared/intended.json");

/** Every source file under the folders the parts name, keyed by its path from the repository root. */
function sourceTree(folders: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) files.set(relative, readFileSync(path.join(root, relative), "utf8"));
    }
  };
  for (const folder of folders) walk(folder);
  return files;
}

const rules: Intended = { parts: intended.parts, never: intended.never as Intended["never"] };
const tree = sourceTree(["worker", "schema"]);

/** Issue 13's words for what intended.json's parts cannot name: HTTP lives in worker/http/ and hono, the database in drizzle. */
const beyond: Beyond = [
  ["Workflow", "worker/http/", "the workflow knows no HTTP"],
  ["Workflow", "hono", "the workflow knows no HTTP"],
  ["Workflow", "drizzle-orm", "the workflow is pure: no database"],
  ["Workflow", "cloudflare:workers", "the workflow is pure: no platform"],
  ["Cases", "worker/http/", "the pupil's object imports no HTTP"],
  ["Cases", "hono", "the pupil's object imports no HTTP"],
  ["Schema", "worker/", "the schema imports nothing from worker/"],
];

describe("the import layering of intended.json", () => {
  it("no file under worker/ or schema/ imports along a 'never' edge, type-only imports included", () => {
    expect(tree.size).toBeGreaterThan(50);
    expect(violations(tree, rules).map(describeViolation)).toEqual([]);
  });

  it("the workflow, the pupil's object and the schema import no HTTP, database or worker/ module outside the parts", () => {
    expect(beyondViolations(tree, rules, beyond).map(describeViolation)).toEqual([]);
  });

  it("every part names files that exist, so a renamed folder cannot silently empty a part", () => {
    const files = [...tree.keys()];
    for (const [part, { is }] of Object.entries(rules.parts)) {
      for (const entry of is)
        expect(
          files.some((file) => (entry.endsWith("/") ? file.startsWith(entry) : file === entry)),
          `${part}: ${entry}`,
        ).toBe(true);
    }
  });

  it.skipIf(!existsSync(shared))("the copy's parts and nevers match the shared intended.json", () => {
    const original = JSON.parse(readFileSync(shared, "utf8")) as { parts: Record<string, { is: string[]; says: string }>; never: unknown[] };
    const parts = Object.fromEntries(Object.entries(original.parts).map(([name, { is, says }]) => [name, { is, says }]));
    expect(intended.parts).toEqual(parts);
    expect(intended.never).toEqual(original.never);
  });
});

describe("the layering check itself", () => {
  // The real tree plus the planted files; only what the planted files import is looked at.
  const planted = (extra: Record<string, string>) => new Map([...tree, ...Object.entries(extra)]);
  const fromPlanted = (found: ReturnType<typeof violations>) => found.filter(({ from }) => from.includes("planted"));

  it("reports a planted run-time import from the workflow into a route", () => {
    const route = [...tree.keys()].find((file) => partOf(file, rules) === "Routes")!;
    const specifier = path.posix.relative("worker/workflow", route).replace(/\.ts$/, "");
    const found = fromPlanted(violations(planted({ "worker/workflow/planted.ts": `import { x } from "${specifier}";\nexport const y = x;\n` }), rules));
    expect(found).toEqual([
      expect.objectContaining({ from: "worker/workflow/planted.ts", to: route, line: 1, fromPart: "Workflow", toPart: "Routes", typeOnly: false }),
    ]);
  });

  it("reports type-only, dynamic and re-export imports, and import() types", () => {
    const found = fromPlanted(
      violations(
        planted({
          "schema/planted.ts": [
            `import type { FormError } from "../worker/forms/shared/check-form";`,
            `export { definitions } from "../worker/forms/shared/definitions";`,
            `export const later = () => import("../worker/workflow/transition");`,
            `export type Kind = import("../worker/workflow/definition").Stage;`,
            `import { type Db } from "../worker/app-env";`,
          ].join("\n"),
          "worker/pupil-case/planted.ts": `import { render } from "../pages/layout";\n`,
        }),
        { ...rules, parts: { ...rules.parts, Schema: { is: [...rules.parts.Schema!.is, "schema/planted.ts"] } } },
      ),
    );
    expect(found.map(({ from, line, toPart, typeOnly, dynamic }) => ({ from, line, toPart, typeOnly, dynamic }))).toEqual([
      { from: "schema/planted.ts", line: 1, toPart: "Pages", typeOnly: true, dynamic: false },
      { from: "schema/planted.ts", line: 2, toPart: "Pages", typeOnly: false, dynamic: false },
      { from: "schema/planted.ts", line: 3, toPart: "Workflow", typeOnly: false, dynamic: true },
      { from: "schema/planted.ts", line: 4, toPart: "Workflow", typeOnly: true, dynamic: false },
      { from: "worker/pupil-case/planted.ts", line: 1, toPart: "Pages", typeOnly: false, dynamic: false },
    ]);
  });

  it("reports the pupil's object importing worker/http/ and the workflow importing hono or drizzle", () => {
    const found = fromPlanted(
      beyondViolations(
        planted({
          "worker/pupil-case/planted.ts": `import { withDb } from "../http/db";\n`,
          "worker/workflow/planted.ts": `import type { Context } from "hono";\nimport { eq } from "drizzle-orm";\n`,
        }),
        rules,
        beyond,
      ),
    );
    expect(found.map(({ from, line, to }) => `${from}:${line} ${to}`)).toEqual([
      "worker/pupil-case/planted.ts:1 worker/http/db.ts",
      "worker/workflow/planted.ts:1 hono",
      "worker/workflow/planted.ts:2 drizzle-orm",
    ]);
  });

  it("resolves a folder's index file and leaves packages alone", () => {
    const imports = allImports(
      new Map([
        ["worker/a.ts", `import { f } from "./workflow/frameworks";\nimport { Hono } from "hono";\n`],
        ["worker/workflow/frameworks/index.ts", ""],
      ]),
    );
    expect(imports.map(({ to }) => to)).toEqual(["worker/workflow/frameworks/index.ts", "hono"]);
  });

  it("allows the edges intended.json does not forbid", () => {
    const found = fromPlanted(
      violations(
        planted({ "worker/routes/planted.ts": `import { transition } from "../workflow/transition";\nimport { tables } from "../../schema/tables";\n` }),
        rules,
      ),
    );
    expect(found).toEqual([]);
  });
});
