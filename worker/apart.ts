/**
 * The scheduled run works through many rows of many LAs; one bad row (a clock due in year 10000, a payload that no
 * longer parses) must not stop the rest. Each item runs apart: its failure is logged with its id, kept in the run's
 * report, and the item is left as it was, so a later run tries it again.
 */
export type ItemFailure = { step: string; id: string; error: string };
export type Failures = ItemFailure[];

export function recordFailure(failures: Failures, step: string, id: string, error: unknown): void {
  const failure = { step, id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  console.error(JSON.stringify({ scheduledItemFailed: failure }));
  failures.push(failure);
}

/** Runs one item; a failure is recorded and answered with undefined, never thrown. */
export async function apart<T>(failures: Failures, step: string, id: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    recordFailure(failures, step, id, error);
    return undefined;
  }
}

/** The same for pure work on one row. */
export function apartSync<T>(failures: Failures, step: string, id: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    recordFailure(failures, step, id, error);
    return undefined;
  }
}

/**
 * Reads rows for many ids in one go and, should that fail (one row that no longer parses fails the whole read), reads
 * them one id at a time so only the bad row is left out.
 */
export async function readApart<T>(failures: Failures, step: string, ids: string[], read: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length === 0) return [];
  try {
    return await read(ids);
  } catch {
    const rows: T[] = [];
    for (const id of ids) rows.push(...((await apart(failures, step, id, () => read([id]))) ?? []));
    return rows;
  }
}

/**
 * Writes each item's statements in one transaction with the item (D1 runs a batch atomically), many items a batch;
 * should a batch fail, its items are written one at a time so only the failing item is left for a later run.
 * Answers each item's statement results, or undefined where the item failed.
 */
export async function writeApart<S, R>(
  failures: Failures,
  step: string,
  items: { id: string; statements: [S, ...S[]] }[],
  run: (batch: [S, ...S[]]) => Promise<R[]>,
  statementsPerBatch = 100,
): Promise<(R[] | undefined)[]> {
  const results: (R[] | undefined)[] = [];
  for (let i = 0; i < items.length; ) {
    const group: typeof items = [];
    let size = 0;
    while (i < items.length && (group.length === 0 || size + items[i]!.statements.length <= statementsPerBatch)) {
      size += items[i]!.statements.length;
      group.push(items[i]!);
      i += 1;
    }
    const [first, ...rest] = group.flatMap((item) => item.statements);
    try {
      const all = await run([first!, ...rest]);
      let at = 0;
      for (const item of group) {
        results.push(all.slice(at, at + item.statements.length));
        at += item.statements.length;
      }
    } catch {
      for (const item of group) results.push(await apart(failures, step, item.id, () => run(item.statements)));
    }
  }
  return results;
}
