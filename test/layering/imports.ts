import path from "node:path";
import ts from "typescript";

/**
 * Reads the imports of a set of source files and checks them against intended.json's parts and "never" edges.
 * Pure over an in-memory file set, so the test of the test can plant a forbidden import without touching the tree.
 */

export type Intended = {
  parts: Record<string, { is: string[] }>;
  never: [from: string, to: string, why: string][];
};

export type Import = { from: string; to: string; line: number; typeOnly: boolean; dynamic: boolean };
export type Violation = Import & { fromPart: string; toPart: string; why: string };

const sourceExtensions = [".ts", ".tsx", ".mts", ".js", ".mjs"];

export type Found = Omit<Import, "to"> & { specifier: string };

/** Every module a file names: static imports and re-exports, `import x = require()`, `import()` and `import("…")` types. */
const parsed = new Map<string, Found[]>();

export function importsOf(file: string, text: string): Found[] {
  const key = `${file}\0${text}`;
  const cached = parsed.get(key);
  if (cached) return cached;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean, dynamic: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ from: file, specifier: specifier.text, line, typeOnly, dynamic });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const everyNameTypeOnly = !clause?.name && named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly);
      add(node, node.moduleSpecifier, Boolean(clause?.isTypeOnly) || everyNameTypeOnly, false);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly, false);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  parsed.set(key, found);
  return found;
}

/** The repository path a relative specifier names, among the files given; packages and unknown files resolve to the specifier itself. */
export function resolve(from: string, specifier: string, files: ReadonlySet<string>): string {
  if (!specifier.startsWith(".")) return specifier;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.replace(/\.(m?js)$/, "");
  const candidates = [base, ...sourceExtensions.map((ext) => stem + ext), ...sourceExtensions.map((ext) => `${base}/index${ext}`)];
  return candidates.find((candidate) => files.has(candidate)) ?? base;
}

/** The part a file belongs to: the longest "is" entry that names it (a folder ends in "/"). */
export function partOf(file: string, intended: Intended): string | undefined {
  let best: { part: string; length: number } | undefined;
  for (const [part, { is }] of Object.entries(intended.parts)) {
    for (const entry of is) {
      const matches = entry.endsWith("/") ? file.startsWith(entry) : file === entry;
      if (matches && entry.length > (best?.length ?? -1)) best = { part, length: entry.length };
    }
  }
  return best?.part;
}

export function allImports(files: ReadonlyMap<string, string>): Import[] {
  const names = new Set(files.keys());
  return [...files].flatMap(([file, text]) => importsOf(file, text).map(({ specifier, ...rest }) => ({ ...rest, to: resolve(file, specifier, names) })));
}

/**
 * Every import that is an edge of the "never" list. Type-only imports count: a part that may not import another
 * may not depend on its shapes either ("the schema imports nothing from worker/", "the workflow is pure: no tables").
 */
export function violations(files: ReadonlyMap<string, string>, intended: Intended): Violation[] {
  const found: Violation[] = [];
  for (const edge of allImports(files)) {
    const fromPart = partOf(edge.from, intended);
    const toPart = partOf(edge.to, intended);
    if (!fromPart || !toPart || fromPart === toPart) continue;
    const rule = intended.never.find(([from, to]) => from === fromPart && to === toPart);
    if (rule) found.push({ ...edge, fromPart, toPart, why: rule[2] });
  }
  return found;
}

export const describeViolation = (v: Violation) =>
  `${v.from}:${v.line} (${v.fromPart}) imports ${v.typeOnly ? "types from " : ""}${v.to} (${v.toPart}): ${v.why}`;

/** A part that may not import a folder or package no part of intended.json names: [part, module prefix, why]. */
export type Beyond = [part: string, prefix: string, why: string][];

/** Imports of a part into modules outside every part (worker/http/, packages), by the issue's own words. */
export function beyondViolations(files: ReadonlyMap<string, string>, intended: Intended, beyond: Beyond): Violation[] {
  const found: Violation[] = [];
  for (const edge of allImports(files)) {
    const fromPart = partOf(edge.from, intended);
    const rule = beyond.find(([part, prefix]) => part === fromPart && (edge.to === prefix || edge.to.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`)));
    if (fromPart && rule) found.push({ ...edge, fromPart, toPart: rule[1], why: rule[2] });
  }
  return found;
}
