import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { key128 } from '../../../src/pipeline/compact/key128.js';
import { SpillingKeyTable } from '../../../src/pipeline/compact/spilling-key-table.js';
import { seededRandom } from '../../../src/train/eval/seeded-random.js';

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'spilling-key-table-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const word = (random: () => number): number => Math.floor(random() * 2 ** 32) >>> 0;

/** Mixed setIfAbsent/set/get on hashed keys (one in three a repeat), checked against a Map at every step. */
const exercise = (table: SpillingKeyTable, steps: number, seed: string): Map<string, number> => {
  const random = seededRandom(seed);
  const map = new Map<string, number>();
  const texts: string[] = [];
  for (let i = 0; i < steps; i++) {
    const text = texts.length > 0 && random() < 1 / 3 ? texts[Math.floor(random() * texts.length)]! : `text ${word(random)}`;
    texts.push(text);
    const key = key128(text);
    const value = word(random);
    const op = random();
    if (op < 0.6) {
      const before = map.get(text);
      expect(table.setIfAbsent(key, value)).toBe(before);
      if (before === undefined) map.set(text, value);
    } else if (op < 0.8) {
      table.set(key, value);
      map.set(text, value);
    } else {
      expect(table.get(key)).toBe(map.get(text));
    }
  }
  expect(table.size).toBe(map.size);
  for (const [text, value] of map) expect(table.get(key128(text))).toBe(value);
  for (let i = 0; i < 500; i++) expect(table.get(key128(`absent ${i}`))).toBeUndefined();
  return map;
};

test('a tiny budget spills many runs and answers as a Map does', () => {
  const table = new SpillingKeyTable(scratch(), 16 * 20 * 2);
  exercise(table, 6000, 'spill');
  expect(table.runs).toBeGreaterThan(100);
  table.close();
});

test('a large budget never spills and gives the same answers', () => {
  const table = new SpillingKeyTable(scratch(), 64 << 20);
  exercise(table, 6000, 'spill');
  expect(table.runs).toBe(0);
  table.close();
});

test('setIfAbsent sees a key held only in an older run, and set shadows it with a newer value', () => {
  const table = new SpillingKeyTable(scratch(), 16 * 20 * 2);
  for (let i = 0; i < 200; i++) expect(table.setIfAbsent(key128(`k${i}`), i)).toBeUndefined();
  expect(table.runs).toBeGreaterThan(5);
  expect(table.setIfAbsent(key128('k0'), 999)).toBe(0);
  table.set(key128('k0'), 1000);
  expect(table.get(key128('k0'))).toBe(1000);
  for (let i = 200; i < 400; i++) table.setIfAbsent(key128(`k${i}`), i); // push k0's new value to a run too
  expect(table.get(key128('k0'))).toBe(1000);
  expect(table.setIfAbsent(key128('k0'), 5)).toBe(1000);
  expect(table.size).toBe(400);
  table.close();
});

test('memory stays within the budget while runs spill, and close deletes every file it wrote', () => {
  const dir = scratch();
  // each run keeps ~1.5 bytes a key in memory (filter and index): 20,000 keys leave room for the table
  const budget = 64 * 1024;
  const table = new SpillingKeyTable(dir, budget);
  for (let i = 0; i < 20_000; i++) {
    table.setIfAbsent(key128(`m${i}`), i);
    expect(table.bytes).toBeLessThanOrEqual(budget);
  }
  expect(table.runs).toBeGreaterThan(5);
  // runs of hundreds of keys: lookups go through the sparse index to the right block
  for (let i = 0; i < 20_000; i++) expect(table.get(key128(`m${i}`))).toBe(i);
  for (let i = 0; i < 2000; i++) expect(table.get(key128(`absent ${i}`))).toBeUndefined();
  const [own] = readdirSync(dir);
  expect(readdirSync(join(dir, own!)).length).toBe(table.runs);
  table.close();
  expect(readdirSync(dir)).toEqual([]);
  expect(existsSync(join(dir, own!))).toBe(false);
  expect(() => table.get(key128('m1'))).toThrow('this key table was closed');
});

test("past the budget, runs keep their size: their indexes and filters take at most half of it from the table", () => {
  const dir = scratch();
  const budget = 128 * 1024;
  const table = new SpillingKeyTable(dir, budget);
  // 200,000 keys: their runs' indexes and filters (~1.5 bytes a key) pass the whole budget.
  for (let i = 0; i < 200_000; i++) table.setIfAbsent(key128(`r${i}`), i);
  // The table keeps room for 2,048 slots, spilled at 1,536 keys: ~130 runs. Charging the runs in
  // full shrinks it to 1,024 slots once they pass ~88 KiB: ~220 ever smaller runs.
  expect(table.runs).toBeLessThanOrEqual(Math.ceil(200_000 / 1536));
  expect(table.bytes).toBeLessThanOrEqual(budget / 2 + 200_000 * 2);
  for (let i = 0; i < 200_000; i += 997) expect(table.get(key128(`r${i}`))).toBe(i);
  table.close();
});
