/** D1 binds at most 100 parameters a statement: a long IN list is read in chunks below that. */
export const maxIdsPerQuery = 90;

export async function inChunks<T>(ids: Iterable<string>, read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const list = [...new Set(ids)];
  const rows: T[] = [];
  for (let i = 0; i < list.length; i += maxIdsPerQuery) rows.push(...(await read(list.slice(i, i + maxIdsPerQuery))));
  return rows;
}

/** Runs statements in D1 batches of a bounded size; returns each statement's result in order. */
export async function inBatches<S, R>(statements: S[], run: (batch: [S, ...S[]]) => Promise<R[]>, size = 100): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < statements.length; i += size) {
    const [first, ...rest] = statements.slice(i, i + size);
    if (first !== undefined) results.push(...(await run([first, ...rest])));
  }
  return results;
}
