/**
 * Carries pages from Crawlee's request handlers (push) to the source's async generator (pull).
 * Handlers wait when the consumer falls behind, so a slow pipeline slows the crawl instead of
 * holding every page in memory.
 */
export class PageChannel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wakeConsumer: (() => void) | undefined;
  private readonly waitingProducers: (() => void)[] = [];

  constructor(private readonly highWater = 64) {}

  async push(item: T): Promise<void> {
    this.items.push(item);
    this.wake();
    while (this.items.length > this.highWater && !this.closed) await new Promise<void>((r) => this.waitingProducers.push(r));
  }

  close(): void {
    this.closed = true;
    this.wake();
    this.releaseProducers();
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        if (this.items.length <= this.highWater) this.releaseProducers();
        yield item;
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.closed) return;
      await new Promise<void>((r) => (this.wakeConsumer = r));
    }
  }

  private wake(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = undefined;
    wake?.();
  }

  private releaseProducers(): void {
    for (const release of this.waitingProducers.splice(0)) release();
  }
}
