/**
 * Runs tasks strictly one after another. A Durable Object alone does not give this: every await on D1 opens the
 * input gate and lets the next request in, so a read-decide-write sequence must queue explicitly.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;
  /** The most tasks ever seen running at once: 1 unless serialisation is broken. */
  maxConcurrent = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      this.running += 1;
      this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
      try {
        return await task();
      } finally {
        this.running -= 1;
      }
    });
    // A failed task must not block the ones queued behind it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
