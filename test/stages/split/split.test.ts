import { expect, test } from 'vitest';
import { GroupUnion } from '../../../src/pipeline/group-union.js';
import type { Item } from '../../../src/pipeline/item.js';
import { split } from '../../../src/stages/split/split.js';
import { item, runStage } from '../../helpers/run-stage.js';

// A deterministic corpus: 300 groups of 1..10 items, labels A-E skewed towards A.
const corpus = (): Item<{ text: string }>[] => {
  const items: Item<{ text: string }>[] = [];
  for (let g = 0; g < 300; g++) {
    const size = 1 + ((g * 7) % 10);
    for (let i = 0; i < size; i++) {
      const label = 'AABCDE'[(g * 3 + i * 5) % 6]!;
      items.push(item(`g${g}-q${i}`, { text: `question ${i} of group ${g}` }, { group: `g${g}`, meta: { answer: label } }));
    }
  }
  return items;
};

const shuffle = <T>(xs: T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

const sides = (out: Item<unknown>[]) => out.map((o) => `${o.meta['split']}:${o.id}`);

test('never splits a group, and each split and label share stays near its target', async () => {
  const { out, report, counters } = await runStage(split({ validation: 0.15, test: 0.1, stratify: 'answer', seed: 7 }), corpus());
  const sideOfGroup = new Map<string, string>();
  for (const o of out) {
    const seen = sideOfGroup.get(o.group!);
    expect(seen === undefined || seen === o.meta['split']).toBe(true);
    sideOfGroup.set(o.group!, o.meta['split'] as string);
  }
  const r = report as { shares: Record<string, number>; labels: Record<string, Record<string, number>>; items: number };
  expect(Math.abs(r.shares['train']! - 0.75)).toBeLessThanOrEqual(0.02);
  expect(Math.abs(r.shares['validation']! - 0.15)).toBeLessThanOrEqual(0.02);
  expect(Math.abs(r.shares['test']! - 0.1)).toBeLessThanOrEqual(0.02);
  for (const [, bySide] of Object.entries(r.labels)) {
    const labelTotal = Object.values(bySide).reduce((a, b) => a + b, 0);
    for (const side of ['train', 'validation', 'test']) {
      const sideTotal = r.shares[side]! * r.items;
      expect(Math.abs((bySide[side] ?? 0) / sideTotal - labelTotal / r.items)).toBeLessThanOrEqual(0.03);
    }
  }
  expect(counters.balanced()).toBe(true);
});

test('the same records in any order give the same assignment and the same output order', async () => {
  const a = await runStage(split({ validation: 0.2, stratify: 'answer', seed: 3 }), corpus());
  const b = await runStage(split({ validation: 0.2, stratify: 'answer', seed: 3 }), shuffle(corpus(), 42));
  expect(sides(b.out)).toEqual(sides(a.out));
  const c = await runStage(split({ validation: 0.2, stratify: 'answer', seed: 4 }), corpus());
  expect(sides(c.out)).not.toEqual(sides(a.out));
});

test('groups united earlier in the run (by dedupe) stay together', async () => {
  const groups = new GroupUnion();
  const items = corpus();
  for (let g = 1; g < 300; g += 2) groups.union(`g${g}`, `g${g - 1}`);
  const { out } = await runStage(split({ validation: 0.3, seed: 1 }), items, { groups });
  const side = new Map(out.map((o) => [o.group!, o.meta['split']]));
  for (let g = 1; g < 300; g += 2) expect(side.get(`g${g}`)).toBe(side.get(`g${g - 1}`));
});

test('identical content in two groups is kept on one side', async () => {
  const items = [...corpus(), item('copy', { text: 'question 0 of group 5' }, { group: 'elsewhere' })];
  const { out } = await runStage(split({ validation: 0.5, seed: 9 }), items);
  const sideOf = (id: string) => out.find((o) => o.id === id)!.meta['split'];
  expect(sideOf('copy')).toBe(sideOf('g5-q0'));
});

test('the same prompt in two groups is kept on one side even when the answers differ', async () => {
  const chat = (question: string, answer: string) => ({ messages: [{ role: 'user', content: question }, { role: 'assistant', content: answer }] });
  const items = [...Array.from({ length: 40 }, (_, g) => item(`p${g}`, chat(`puzzle ${g}`, 'A'), { group: `p${g}` }))];
  // Same question, other group, other answer; case and line wrapping differ too.
  items.push(item('again', chat('PUZZLE\n7', 'B'), { group: 'other' }));
  for (const seed of [1, 2, 3, 4, 5]) {
    const { out } = await runStage(split({ validation: 0.5, seed }), items);
    const sideOf = (id: string) => out.find((o) => o.id === id)!.meta['split'];
    expect(sideOf('again')).toBe(sideOf('p7'));
  }
});

test('shares must leave room for train', () => {
  expect(() => split({ validation: 0.6, test: 0.4, seed: 1 })).toThrow(expect.objectContaining({ message: 'stage "split": option validation: validation + test must leave a share for train' }));
});
