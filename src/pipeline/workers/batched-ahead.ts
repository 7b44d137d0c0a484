/**
 * Reads `input` ahead in batches, starts `work` on each batch as it fills (so a pool's threads work
 * while the caller's thread runs the stages upstream), and yields every item with its result in
 * input order. At most `inFlight` batches are started and not yet yielded, which bounds memory.
 * `work` must return one result per item, in the batch's order.
 */
export async function* batchedAhead<T, R>(
  input: AsyncIterable<T>,
  options: { batch: number; inFlight: number },
  work: (items: T[]) => Promise<R[]>,
): AsyncGenerator<[T, R]> {
  const started: { items: T[]; results: Promise<R[]> }[] = [];
  let batch: T[] = [];
  const start = () => {
    const items = batch;
    batch = [];
    const results = work(items);
    // Awaited in order below; a rejection is handled there, not reported as unhandled meanwhile.
    results.catch(() => {});
    started.push({ items, results });
  };
  async function* drainTo(limit: number): AsyncGenerator<[T, R]> {
    while (started.length > limit) {
      const { items, results } = started.shift()!;
      const out = await results;
      for (let i = 0; i < items.length; i++) yield [items[i]!, out[i]!];
    }
  }
  for await (const item of input) {
    batch.push(item);
    if (batch.length >= options.batch) {
      start();
      yield* drainTo(options.inFlight - 1);
    }
  }
  if (batch.length > 0) start();
  yield* drainTo(0);
}
