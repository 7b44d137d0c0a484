import { expect, test } from 'vitest';
import { NearKeys } from '../../../src/stages/near-dedupe/near-keys.js';

test('every body position and hasWords bit comes back, across checkpoints and chunks', () => {
  const keys = new NearKeys();
  const n = 70_000; // past one chunk of 65,536 records
  const length = (i: number) => 1 + ((i * 37) % 101);
  let offset = 0;
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keys.push({ offset, length: length(i) }, i % 3 !== 0) !== i) indices.push(i);
    offset += length(i);
  }
  expect(indices).toEqual([]);
  expect(keys.size).toBe(n);
  let expected = 0;
  const wrong: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = keys.body(i);
    if (at.offset !== expected || at.length !== length(i) || keys.hasWords(i) !== (i % 3 !== 0)) wrong.push(i);
    expected += length(i);
  }
  expect(wrong).toEqual([]);
});
