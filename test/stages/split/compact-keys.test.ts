import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { GroupUnion } from '../../../src/pipeline/group-union.js';
import type { Item } from '../../../src/pipeline/item.js';
import { split } from '../../../src/stages/split/split.js';
import { hash52 } from '../../../src/stages/split/split-keys.js';
import { item, runStage } from '../../helpers/run-stage.js';

const idsIn = (out: Item<unknown>[], side: string) => out.filter((o) => o.meta['split'] === side).map((o) => o.id);

test('records that tie on the order key (the same data) come out by id, the ids read back from the spool', async () => {
  const items = [
    ...Array.from({ length: 30 }, (_, i) => item(`q${i}`, { text: `question ${i}` }, { group: `g${i}` })),
    // Same data, so the same seeded order key, given in reverse id order and in three groups.
    item('c-copy', { text: 'same' }, { group: 'x' }),
    item('a-copy', { text: 'same' }, { group: 'y' }),
    item('b-copy', { text: 'same' }, { group: 'z' }),
  ];
  const { out } = await runStage(split({ validation: 0.3, seed: 5 }), items);
  const side = out.find((o) => o.id === 'a-copy')!.meta['split'] as string;
  const ids = idsIn(out, side);
  const at = ids.indexOf('a-copy');
  expect(ids.slice(at, at + 3)).toEqual(['a-copy', 'b-copy', 'c-copy']);
});

test('thousands of groups, united by dedupe, by a shared prompt and through a key split never saw, resolve to their roots', async () => {
  const groups = new GroupUnion();
  const items: Item<{ text: string }>[] = [];
  for (let g = 0; g < 4000; g++) {
    for (let q = 0; q <= g % 3; q++) items.push(item(`g${g}-q${q}`, { text: `question ${q} of ${g}` }, { group: `group-${g}` }));
  }
  // Groups 0-1999 in pairs far apart through the run's union-find (g with g + 1000), 2000-3999 in pairs by a shared prompt.
  for (let g = 0; g < 1000; g++) groups.union(`group-${g}`, `group-${g + 1000}`);
  for (let g = 2000; g < 4000; g += 2) items.push(item(`g${g}-again`, { text: `QUESTION 0 of ${g + 1}` }, { group: `group-${g}` }));
  // A root that no record of split carries: "aaa" sorts before every group name.
  groups.union('group-7', 'aaa-dropped-duplicate');
  const { out, report } = await runStage(split({ validation: 0.2, test: 0.1, seed: 11 }), items, { groups });
  expect(report).toMatchObject({ items: items.length, groups: 2000 });
  // A prompt table far past its memory share (sorted runs on disk) unites the same groups: the same output.
  const spilledGroups = new GroupUnion();
  for (let g = 0; g < 1000; g++) spilledGroups.union(`group-${g}`, `group-${g + 1000}`);
  spilledGroups.union('group-7', 'aaa-dropped-duplicate');
  const spilled = await runStage(split({ validation: 0.2, test: 0.1, seed: 11 }), items, { groups: spilledGroups, keyMemoryBytes: 2048 });
  expect(spilled.out).toEqual(out);
  expect(spilled.report).toEqual(report);
  const sideOf = new Map(out.map((o) => [o.id, o.meta['split']]));
  for (let g = 0; g < 1000; g++) expect(sideOf.get(`g${g}-q0`), `group ${g}`).toBe(sideOf.get(`g${g + 1000}-q0`));
  for (let g = 2000; g < 4000; g += 2) expect(sideOf.get(`g${g}-q0`), `group ${g}`).toBe(sideOf.get(`g${g + 1}-q0`));
  expect(groups.find('group-1007')).toBe('aaa-dropped-duplicate');
});

// The Map-based greedy assignment split used before its keys were compacted, as the oracle.
const greedyWithMaps = (items: Item<unknown>[], ratios: number[], seed: number): Map<string, number> => {
  const groups = new Map<string, { key: string; size: number; labels: Map<string, number>; order: string }>();
  for (const it of items) {
    const key = it.group!;
    let g = groups.get(key);
    const order = String(hash52(createHash('sha256').update(`${seed}:${key}`).digest())).padStart(16, '0');
    if (!g) groups.set(key, (g = { key, size: 0, labels: new Map(), order }));
    g.size++;
    const label = String(it.meta['answer']);
    g.labels.set(label, (g.labels.get(label) ?? 0) + 1);
  }
  let total = 0;
  const labelTotals = new Map<string, number>();
  for (const g of groups.values()) {
    total += g.size;
    for (const [l, n] of g.labels) labelTotals.set(l, (labelTotals.get(l) ?? 0) + n);
  }
  const sizes = ratios.map(() => 0);
  const labelCounts = ratios.map(() => new Map<string, number>());
  const cost = (have: number, add: number, target: number) => (target > 0 ? ((have + add - target) ** 2 - (have - target) ** 2) / target : Infinity);
  const assignment = new Map<string, number>();
  for (const g of [...groups.values()].sort((a, b) => b.size - a.size || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))) {
    let best = -1;
    let bestDelta = Infinity;
    for (const [s, ratio] of ratios.entries()) {
      if (ratio <= 0) continue;
      let delta = cost(sizes[s]!, g.size, ratio * total);
      for (const [l, n] of g.labels) delta += cost(labelCounts[s]!.get(l) ?? 0, n, ratio * labelTotals.get(l)!);
      if (delta < bestDelta) [bestDelta, best] = [delta, s];
    }
    assignment.set(g.key, best);
    sizes[best]! += g.size;
    for (const [l, n] of g.labels) labelCounts[best]!.set(l, (labelCounts[best]!.get(l) ?? 0) + n);
  }
  return assignment;
};

for (const kinds of [3, 2500]) {
  test(`stratified by ${kinds} distinct labels, the assignment is the Map-based greedy one and the report counts every label`, async () => {
    const items: Item<{ text: string }>[] = [];
    for (let g = 0; g < 600; g++) {
      for (let q = 0; q < 1 + ((g * 7) % 9); q++) items.push(item(`g${g}-q${q}`, { text: `q${q} of ${g}` }, { group: `g${g}`, meta: { answer: `L${(g * 31 + q * 17) % kinds}` } }));
    }
    const { out, report } = await runStage(split({ validation: 0.2, test: 0.1, stratify: 'answer', seed: 3 }), items);
    // Train's share computed as split computes it (1 - 0.2 - 0.1 is not 0.7 in floating point).
    const expected = greedyWithMaps(items, [1 - 0.2 - 0.1, 0.2, 0.1], 3);
    const names = ['train', 'validation', 'test'];
    expect(out.map((o) => `${o.id}:${o.meta['split']}`).sort()).toEqual(items.map((it) => `${it.id}:${names[expected.get(it.group!)!]}`).sort());
    const labels = (report as { labels: Record<string, Record<string, number>> }).labels;
    expect(Object.keys(labels)).toEqual([...new Set(items.map((it) => it.meta['answer'] as string))].sort());
    expect(Object.values(labels).reduce((n, bySide) => n + Object.values(bySide).reduce((a, b) => a + b, 0), 0)).toBe(items.length);
  });
}
