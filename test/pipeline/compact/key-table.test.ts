import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { key128, key128FromBytes } from '../../../src/pipeline/compact/key128.js';
import { KeyTable } from '../../../src/pipeline/compact/key-table.js';
import { seededRandom } from '../../../src/train/eval/seeded-random.js';

const word = (random: () => number): number => Math.floor(random() * 2 ** 32) >>> 0;
const keyOf = (words: number[]): Uint32Array => Uint32Array.from(words);
const name = (key: Uint32Array): string => Array.from(key).join(',');

test('key128 is the first 16 bytes of sha256 of the UTF-8 text, as little-endian words', () => {
  const digest = createHash('sha256').update('héllo', 'utf8').digest();
  const key = key128('héllo');
  expect(Array.from(key)).toEqual([0, 4, 8, 12].map((at) => digest.readUInt32LE(at)));
  expect(Array.from(key128FromBytes(digest))).toEqual(Array.from(key));
  const out = new Uint32Array(4);
  expect(key128('héllo', out)).toBe(out);
  expect(Array.from(out)).toEqual(Array.from(key));
  expect(() => key128FromBytes(new Uint8Array(15))).toThrow('a 128-bit key needs 16 bytes, got 15');
});

test('key128FromBytes reads a view at an offset into a larger buffer', () => {
  const bytes = new Uint8Array(20);
  for (let i = 0; i < 20; i++) bytes[i] = i;
  expect(Array.from(key128FromBytes(bytes.subarray(4)))).toEqual([0x07060504, 0x0b0a0908, 0x0f0e0d0c, 0x13121110]);
});

test('seeded random keys: the same answers as a Map through many doublings', () => {
  const random = seededRandom('key-table');
  const table = new KeyTable(16);
  const map = new Map<string, number>();
  const keys: Uint32Array[] = [];
  for (let i = 0; i < 20_000; i++) {
    // one key in four repeats an earlier one, so setIfAbsent and set meet present keys too
    const key = keys.length > 0 && random() < 0.25 ? keys[Math.floor(random() * keys.length)]! : keyOf([word(random), word(random), word(random), word(random)]);
    keys.push(key);
    const value = word(random);
    if (random() < 0.5) {
      const before = map.get(name(key));
      expect(table.setIfAbsent(key, value)).toBe(before);
      if (before === undefined) map.set(name(key), value);
    } else {
      table.set(key, value);
      map.set(name(key), value);
    }
  }
  expect(table.size).toBe(map.size);
  for (const key of keys) expect(table.get(key)).toBe(map.get(name(key)));
  for (let i = 0; i < 1000; i++) expect(table.get(keyOf([word(random), word(random), 1, 2]))).toBeUndefined();
  // 20 bytes a slot, at most 3/4 full: between 20/0.75 and 2 * 20/0.75 bytes an entry
  expect(table.bytes / table.size).toBeGreaterThanOrEqual(20 / 0.75);
  expect(table.bytes / table.size).toBeLessThanOrEqual((2 * 20) / 0.75);
});

test('keys that share a probe start (the same first word) are told apart by the other words', () => {
  const table = new KeyTable(16);
  // the same first word: every key starts probing at the same slot, and the run wraps past the end
  for (let i = 0; i < 200; i++) expect(table.setIfAbsent(keyOf([15, i, 0, 0]), i)).toBeUndefined();
  for (let i = 0; i < 200; i++) expect(table.get(keyOf([15, i, 0, 0]))).toBe(i);
  // differing only in the last word, or in high bits the mask never reads
  expect(table.setIfAbsent(keyOf([15, 0, 0, 1]), 7)).toBeUndefined();
  expect(table.setIfAbsent(keyOf([15 + 2 ** 31, 0, 0, 0]), 8)).toBeUndefined();
  expect(table.get(keyOf([15, 0, 0, 1]))).toBe(7);
  expect(table.get(keyOf([15 + 2 ** 31, 0, 0, 0]))).toBe(8);
  expect(table.get(keyOf([15, 0, 0, 0]))).toBe(0);
  expect(table.get(keyOf([15, 200, 0, 0]))).toBeUndefined();
  expect(table.setIfAbsent(keyOf([15, 3, 0, 0]), 99)).toBe(3);
  expect(table.size).toBe(202);
});

test('growth: the table doubles at 3/4 full and keeps every entry', () => {
  const table = new KeyTable(16);
  expect(table.bytes).toBe(16 * 20);
  expect(table.room).toBe(12);
  for (let i = 1; i <= 12; i++) table.set(keyOf([i, i, i, i]), i);
  expect(table.bytes).toBe(16 * 20);
  expect(table.room).toBe(0);
  table.set(keyOf([13, 13, 13, 13]), 13);
  expect(table.bytes).toBe(32 * 20);
  expect(table.room).toBe(24 - 13);
  for (let i = 1; i <= 13; i++) expect(table.get(keyOf([i, i, i, i]))).toBe(i);
});

test('the all-zero key (the empty-slot mark) is a key like any other', () => {
  const table = new KeyTable();
  const zero = new Uint32Array(4);
  expect(table.get(zero)).toBeUndefined();
  expect(table.setIfAbsent(zero, 5)).toBeUndefined();
  expect(table.setIfAbsent(zero, 6)).toBe(5);
  table.set(zero, 2 ** 32 - 1);
  expect(table.get(zero)).toBe(2 ** 32 - 1);
  expect(table.size).toBe(1);
  expect(Array.from(table.sortedEntries())).toEqual([0, 0, 0, 0, 2 ** 32 - 1]);
});

test('sortedEntries lists every entry by key, each word unsigned, and clear empties the table', () => {
  const table = new KeyTable();
  table.set(keyOf([2 ** 31, 0, 0, 0]), 1);
  table.set(keyOf([1, 5, 0, 0]), 2);
  table.set(keyOf([1, 2 ** 32 - 1, 0, 0]), 3);
  table.set(keyOf([1, 5, 0, 9]), 4);
  expect(Array.from(table.sortedEntries())).toEqual([1, 5, 0, 0, 2, 1, 5, 0, 9, 4, 1, 2 ** 32 - 1, 0, 0, 3, 2 ** 31, 0, 0, 0, 1]);
  table.clear(16);
  expect(table.size).toBe(0);
  expect(table.get(keyOf([1, 5, 0, 0]))).toBeUndefined();
  expect(table.bytes).toBe(16 * 20);
});

test('sortedEntries of thousands of seeded random keys: every entry once, in key order', () => {
  const random = seededRandom('sorted-entries');
  const table = new KeyTable();
  const expected: number[][] = [];
  for (let i = 0; i < 5000; i++) {
    const entry = [word(random), word(random), word(random), word(random), i];
    table.set(keyOf(entry.slice(0, 4)), i);
    expected.push(entry);
  }
  expected.sort((a, b) => {
    for (let w = 0; w < 4; w++) if (a[w] !== b[w]) return a[w]! - b[w]!;
    return 0;
  });
  expect(Array.from(table.sortedEntries())).toEqual(expected.flat());
});
