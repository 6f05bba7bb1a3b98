import path from "node:path";
import type { Page } from "playwright-core";

const axePath = path.resolve(import.meta.dirname, "../../../node_modules/axe-core/axe.min.js");

/** WCAG 2.2 AA as axe-core tags it. */
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The axe-core violations on the page as it stands: rule id, help and the first offending elements. */
export async function axeViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (values) => {
    const result = await (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, {
      runOnly: { type: "tag", values },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  }, tags);
}
