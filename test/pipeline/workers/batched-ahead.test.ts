import { expect, test } from 'vitest';
import { batchedAhead } from '../../../src/pipeline/workers/batched-ahead.js';

async function* numbers(n: number) {
  for (let i = 0; i < n; i++) yield i;
}

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

test('every item comes with its own result, in input order, the last batch short', async () => {
  const batches: number[][] = [];
  // Later batches settle first, as threads finishing out of step would.
  const work = (items: number[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve) => setTimeout(() => resolve(items.map((i) => `r${i}`)), 10 - batches.length));
  };
  const got = await collect(batchedAhead(numbers(7), { batch: 3, inFlight: 2 }, work));
  expect(got).toEqual(Array.from({ length: 7 }, (_, i) => [i, `r${i}`]));
  expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
});

test('at most inFlight batches are started and not yet yielded', async () => {
  let started = 0;
  let yielded = 0;
  let most = 0;
  const work = async (items: number[]) => {
    started++;
    most = Math.max(most, started - Math.floor(yielded / 2));
    return items;
  };
  for await (const _ of batchedAhead(numbers(40), { batch: 2, inFlight: 3 }, work)) yielded++;
  expect([started, yielded, most]).toEqual([20, 40, 3]);
});

test("a batch's failure ends the iteration with its error, after the items before it", async () => {
  const seen: number[] = [];
  const work = async (items: number[]) => {
    if (items[0] === 4) throw new Error('the worker thread stopped');
    return items;
  };
  await expect(
    (async () => {
      for await (const [item] of batchedAhead(numbers(10), { batch: 2, inFlight: 3 }, work)) seen.push(item);
    })(),
  ).rejects.toThrow('the worker thread stopped');
  expect(seen).toEqual([0, 1, 2, 3]);
});

test('stopping early with failing batches in flight leaves no unhandled rejection (vitest fails the file on one)', async () => {
  const work = async (items: number[]) => {
    if (items[0]! > 0) throw new Error(`batch at ${items[0]} failed after the consumer stopped`);
    return items;
  };
  const first: number[] = [];
  for await (const [item] of batchedAhead(numbers(10), { batch: 2, inFlight: 4 }, work)) {
    first.push(item);
    break;
  }
  // Let the rejections of the abandoned batches surface, if they were going to.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(first).toEqual([0]);
});
