import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SideTracker } from '../../src/pipeline/leakage.js';

test('20,000 keys each on one side: every key counted once, no leak, no name asked for', () => {
  const tracker = new SideTracker((split) => `${split}.jsonl`);
  let named = 0;
  for (let i = 0; i < 20_000; i++) tracker.see(`key-${i}`, i % 3 === 0 ? 'validation' : 'train', i + 1, () => String(named++));
  for (let i = 0; i < 20_000; i += 7) tracker.see(`key-${i}`, i % 3 === 0 ? 'validation' : 'train', 30_000 + i, () => String(named++));
  expect(tracker.size).toBe(20_000);
  expect(tracker.leakCount).toBe(0);
  expect(tracker.leaks()).toEqual([]);
  expect(named).toBe(0);
});

test('leaks are counted once each, the first ten named and placed, and a third side is added to a listed leak', () => {
  const tracker = new SideTracker((split) => `${split}.jsonl`);
  const asked: string[] = [];
  const name = (key: string) => () => (asked.push(key), `name of ${key}`);
  for (let i = 0; i < 15; i++) tracker.see(`k${i}`, 'train', i + 1, name(`k${i}`));
  for (let i = 0; i < 15; i++) tracker.see(`k${i}`, 'validation', 100 + i, name(`k${i}`));
  // Seen again on both sides, and on a third side: counted once, the listed ones gain the split.
  for (let i = 0; i < 15; i++) tracker.see(`k${i}`, 'validation', 200 + i, name(`k${i}`));
  for (let i = 0; i < 15; i++) tracker.see(`k${i}`, 'test', 300 + i, name(`k${i}`));
  expect(tracker.leakCount).toBe(15);
  expect(tracker.size).toBe(15);
  expect(asked).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
  const leaks = tracker.leaks();
  expect(leaks).toHaveLength(10);
  expect(leaks[3]).toEqual({
    name: 'name of k3',
    splits: ['train', 'validation', 'test'],
    places: [
      { split: 'train', file: 'train.jsonl', line: 4 },
      { split: 'validation', file: 'validation.jsonl', line: 103 },
    ],
  });
});

test('a fifth split is refused in plain words', () => {
  const tracker = new SideTracker(() => 'meta.jsonl');
  for (const [i, s] of ['a', 'b', 'c', 'd'].entries()) tracker.see(`k${i}`, s, 1, () => s);
  expect(() => tracker.see('k9', 'e', 1, () => 'e')).toThrow('leakage check: more than four splits (a, b, c, d, e)');
});

test('past its budget the table spills to sorted runs on disk and answers exactly as in memory; close deletes them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-leak-spill-'));
  const feed = (tracker: SideTracker) => {
    for (let i = 0; i < 5_000; i++) tracker.see(`key-${i}`, i % 4 === 0 ? 'validation' : 'train', i + 1, () => `name ${i}`);
    // Every 97th key again on the other side: leaks whose first sighting sits in a run on disk by now.
    for (let i = 0; i < 5_000; i += 97) tracker.see(`key-${i}`, i % 4 === 0 ? 'train' : 'validation', 10_000 + i, () => `name ${i}`);
    return { size: tracker.size, leakCount: tracker.leakCount, leaks: tracker.leaks() };
  };
  const spilled = new SideTracker((split) => `${split}.jsonl`, { dir, budgetBytes: 4096 });
  const answers = feed(spilled);
  expect(readdirSync(join(dir, readdirSync(dir)[0]!)).length).toBeGreaterThan(3);
  expect(answers).toEqual(feed(new SideTracker((split) => `${split}.jsonl`)));
  expect(answers.leakCount).toBe(52);
  spilled.close();
  expect(readdirSync(dir)).toEqual([]);
});
