import { expect, test } from 'vitest';
import { chooseBands, collisionProbability } from '../../../src/stages/near-dedupe/bands.js';
import { acceptCutoff } from '../../../src/stages/near-dedupe/cutoff.js';
import { shingleHashes, words } from '../../../src/stages/near-dedupe/shingles.js';

test('the documented S-curve for the defaults', () => {
  expect(chooseBands(0.8, 256)).toEqual({ bands: 32, rows: 8 });
  expect(chooseBands(0.8, 128)).toEqual({ bands: 21, rows: 6 });
  expect(collisionProbability(0.8, 32, 8)).toBeGreaterThan(0.995);
  expect(collisionProbability(0.4, 32, 8)).toBeLessThan(0.03);
  expect(acceptCutoff(0.8, 256)).toBeCloseTo(0.759, 3);
});

test('every (threshold, permutations) gets bands that fit and catch pairs at the threshold', () => {
  for (const t of [0.5, 0.7, 0.9, 0.95]) {
    for (const k of [32, 128, 512]) {
      const { bands, rows } = chooseBands(t, k);
      expect(bands * rows).toBeLessThanOrEqual(k);
      expect(collisionProbability(t, bands, rows)).toBeGreaterThanOrEqual(0.995);
    }
  }
});

test('normalisation ignores case, punctuation and spacing; shingles are order-sensitive', () => {
  expect(words('  Hello, WORLD!\n it’s  — fine. ')).toEqual(['hello', 'world', 'it', 's', 'fine']);
  const a = shingleHashes(words('one two three four five six'), 5);
  expect(a).toHaveLength(2);
  expect(shingleHashes(words('ONE two, three four five six'), 5)).toEqual(a);
  expect(shingleHashes(words('two one three four five six'), 5)[0]).not.toBe(a[0]);
  expect(shingleHashes(words('just three words'), 5)).toHaveLength(1);
  expect(shingleHashes([], 5)).toHaveLength(0);
});
