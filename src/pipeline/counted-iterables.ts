import { performance } from 'node:perf_hooks';
import type { StageCounters } from './counters.js';
import { StageError, TunesetError } from './errors.js';

/** Time spent waiting for each side of a stage; self time is the difference. */
export interface StageTiming {
  outputWaitMs: number;
  inputWaitMs: number;
  /** The item the stage pulled last: an unexpected failure names it (a stack overflow names nothing). */
  lastIn?: unknown;
}

/** `q17 (data.jsonl:17)` for an item with an id and a source; undefined for anything else. */
const describeItem = (item: unknown): string | undefined => {
  const { id, source } = (item ?? {}) as { id?: unknown; source?: { uri?: unknown; line?: unknown } };
  if (typeof id !== 'string') return undefined;
  const uri = typeof source?.uri === 'string' ? source.uri.slice(source.uri.lastIndexOf('/') + 1) : undefined;
  return uri === undefined ? id : `${id} (${uri}${typeof source?.line === 'number' ? `:${source.line}` : ''})`;
};

/** Counts what a stage pulls from upstream as `in`, and the time it spends waiting for it. */
export async function* countInput<T>(input: AsyncIterable<T>, counters: StageCounters, timing: StageTiming): AsyncGenerator<T> {
  const it = input[Symbol.asyncIterator]();
  try {
    for (;;) {
      const t0 = performance.now();
      const r = await it.next();
      timing.inputWaitMs += performance.now() - t0;
      if (r.done) return;
      counters.in++;
      timing.lastIn = r.value;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

/**
 * Counts what a stage emits as `out`; an unexpected failure inside the stage is wrapped with the
 * stage name. `onItem` lets the runner throttle progress reports without another wrapper.
 */
export async function* countOutput<T>(
  output: AsyncIterable<T>,
  stage: string,
  counters: StageCounters,
  timing: StageTiming,
  onItem: () => void,
): AsyncGenerator<T> {
  const it = output[Symbol.asyncIterator]();
  try {
    for (;;) {
      const t0 = performance.now();
      let r: IteratorResult<T>;
      try {
        r = await it.next();
      } catch (error) {
        if (error instanceof TunesetError) throw error;
        const lastRead = describeItem(timing.lastIn);
        throw new StageError(stage, undefined, lastRead === undefined ? { cause: error } : { cause: error, lastRead });
      } finally {
        timing.outputWaitMs += performance.now() - t0;
        counters.selfMs = Math.max(0, timing.outputWaitMs - timing.inputWaitMs);
      }
      if (r.done) return;
      counters.out++;
      onItem();
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

/** Stops after `limit` items without asking for one more, so the source reads no extra record. */
export async function* take<T>(input: AsyncIterable<T>, limit: number): AsyncGenerator<T> {
  if (limit <= 0) return;
  let n = 0;
  for await (const item of input) {
    yield item;
    if (++n >= limit) return;
  }
}

export async function* nothing(): AsyncGenerator<never> {}
