import { openDb } from "../../worker/db";

/**
 * A drizzle handle over D1 that adds up meta.rows_read of every statement it runs. `raw()` carries no meta, so the
 * statement is also run once through `all()` to read it: only for measuring in tests.
 */
export function countingDb(d1: D1Database) {
  let rowsRead = 0;
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const counted = async <T>(run: () => Promise<T>) => {
      rowsRead += (await stmt.all()).meta.rows_read;
      return run();
    };
    const proxy = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values)),
      all: () => counted(() => stmt.all()),
      raw: (options?: { columnNames?: boolean }) => counted(() => stmt.raw(options as { columnNames: true })),
      first: (column?: string) => counted(() => (column ? stmt.first(column) : stmt.first())),
      run: () => counted(() => stmt.run()),
    } as unknown as D1PreparedStatement;
    real.set(proxy, stmt);
    return proxy;
  };
  const counting = {
    prepare: (query: string) => wrap(d1.prepare(query)),
    batch: async (statements: D1PreparedStatement[]) => {
      const results = await d1.batch(statements.map((statement) => real.get(statement) ?? statement));
      for (const result of results) rowsRead += result.meta.rows_read;
      return results;
    },
  } as unknown as D1Database;
  return {
    db: openDb(counting),
    /** Rows read by what `work` runs. */
    async rowsReadBy(work: (db: ReturnType<typeof openDb>) => Promise<unknown>) {
      const before = rowsRead;
      await work(openDb(counting));
      return rowsRead - before;
    },
  };
}
