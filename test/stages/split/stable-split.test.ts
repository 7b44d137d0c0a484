import { expect, test } from 'vitest';
import { GroupUnion } from '../../../src/pipeline/group-union.js';
import type { Item } from '../../../src/pipeline/item.js';
import { silentLogger } from '../../../src/pipeline/logger.js';
import { split } from '../../../src/stages/split/split.js';
import { stableSide } from '../../../src/stages/split/stable-assign.js';
import { item, runStage } from '../../helpers/run-stage.js';

// Groups of 1..10 items, so the greedy assignment (which balances sizes) would react to every change.
const groupItems = (g: string, size: number, text = 'question'): Item<{ text: string }>[] =>
  Array.from({ length: size }, (_, i) => item(`${g}-q${i}`, { text: `${text} ${i} of ${g}` }, { group: g }));
const corpus = (groups: readonly string[]) => groups.flatMap((g, n) => groupItems(g, 1 + ((n * 7) % 10)));

// A small deterministic generator (LCG), so every "random" change is the same on every run.
const random = (seed: number) => {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
};

const shuffle = <T>(xs: readonly T[], next: (n: number) => number): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/** group -> split, failing if a group straddles two splits. */
const sideOfGroups = (out: Item<unknown>[]): Map<string, string> => {
  const sides = new Map<string, string>();
  for (const o of out) {
    const seen = sides.get(o.group!);
    expect(seen === undefined || seen === o.meta['split'], `group ${o.group} straddles two splits`).toBe(true);
    sides.set(o.group!, o.meta['split'] as string);
  }
  return sides;
};

const OPTIONS = { validation: 0.2, test: 0.1, seed: 7, stable: true } as const;

test('stable: adding and removing groups never moves any other group (40 random edits of a 150-group corpus)', async () => {
  const base = Array.from({ length: 150 }, (_, g) => `page-${g}`);
  const before = sideOfGroups((await runStage(split(OPTIONS), corpus(base))).out);
  expect(new Set(before.values())).toEqual(new Set(['train', 'validation', 'test']));
  const next = random(12);
  let added = 0;
  for (let trial = 0; trial < 40; trial++) {
    const kept = base.filter(() => next(4) !== 0);
    const fresh = Array.from({ length: 1 + next(20) }, () => `new-${added++}`);
    const groups = shuffle([...kept, ...fresh], next);
    // The same group keys with other sizes too: a kept group may grow or shrink.
    const items = groups.flatMap((g) => groupItems(g, 1 + next(10)));
    const after = sideOfGroups((await runStage(split(OPTIONS), items)).out);
    for (const g of kept) expect(after.get(g), `trial ${trial}: ${g}`).toBe(before.get(g));
  }
});

test('stable: a changed group stays where it was, whatever changed inside it', async () => {
  const groups = Array.from({ length: 60 }, (_, g) => `page-${g}`);
  const before = sideOfGroups((await runStage(split(OPTIONS), corpus(groups))).out);
  const edited = groups.flatMap((g, n) => groupItems(g, n % 3 === 0 ? 12 : 2, n % 2 === 0 ? 'edited question' : 'question'));
  expect(sideOfGroups((await runStage(split(OPTIONS), edited)).out)).toEqual(before);
});

test('stable: the same records in any order give the same assignment and the same output', async () => {
  const items = corpus(Array.from({ length: 120 }, (_, g) => `page-${g}`));
  const a = await runStage(split(OPTIONS), items);
  for (const seed of [1, 2, 3]) {
    const b = await runStage(split(OPTIONS), shuffle(items, random(seed)));
    expect(b.out.map((o) => `${o.meta['split']}:${o.id}`)).toEqual(a.out.map((o) => `${o.meta['split']}:${o.id}`));
    expect(JSON.stringify(b.out)).toBe(JSON.stringify(a.out));
  }
});

test('stable: over 10,000 groups each split holds its share within 2 points, validation and test included', async () => {
  const items = Array.from({ length: 10_000 }, (_, g) => item(`g${g}`, { text: `page ${g}` }, { group: `g${g}` }));
  for (const [validation, test] of [
    [0.2, 0],
    [0.15, 0.1],
  ] as const) {
    const { report, counters } = await runStage(split({ validation, test, seed: 3, stable: true }), items);
    const { shares, groups } = report as { shares: Record<string, number>; groups: number };
    expect(groups).toBe(10_000);
    expect(Math.abs(shares['train']! - (1 - validation - test))).toBeLessThanOrEqual(0.02);
    expect(Math.abs(shares['validation']! - validation)).toBeLessThanOrEqual(0.02);
    expect(Math.abs((shares['test'] ?? 0) - test)).toBeLessThanOrEqual(0.02);
    if (test === 0) expect(shares['test']).toBeUndefined();
    expect(counters.balanced()).toBe(true);
  }
});

test('stable: another seed places the groups otherwise', async () => {
  const items = corpus(Array.from({ length: 100 }, (_, g) => `page-${g}`));
  const a = sideOfGroups((await runStage(split(OPTIONS), items)).out);
  const b = sideOfGroups((await runStage(split({ ...OPTIONS, seed: 8 }), items)).out);
  const moved = [...a].filter(([g, s]) => b.get(g) !== s).length;
  // Two independent placements with shares 0.7/0.2/0.1 differ for 1 - (0.49 + 0.04 + 0.01) = 46% of groups on average.
  expect(moved).toBeGreaterThan(25);
  expect(moved).toBeLessThan(70);
});

test('stable: groups united earlier in the run (by dedupe) land together, placed by their smallest key', async () => {
  const groups = new GroupUnion();
  const names = Array.from({ length: 80 }, (_, g) => `page-${String(g).padStart(2, '0')}`);
  for (let g = 1; g < 80; g += 2) groups.union(names[g]!, names[g - 1]!);
  const { out } = await runStage(split(OPTIONS), corpus(names), { groups });
  const united = sideOfGroups(out);
  // Alone, the even pages (the smallest key of each pair) sit where the pair now sits.
  const alone = sideOfGroups((await runStage(split(OPTIONS), corpus(names.filter((_, g) => g % 2 === 0)))).out);
  for (let g = 1; g < 80; g += 2) expect(united.get(names[g]!)).toBe(alone.get(names[g - 1]!));
});

test('stable: validation is [0, v), test [1 - t, 1) and train between, so a bigger held-out share only takes from train', () => {
  expect([0, 0.1999, 0.2, 0.8999, 0.9, 0.99999].map((u) => stableSide(u, 0.2, 0.1))).toEqual([1, 1, 0, 0, 2, 2]);
  expect(stableSide(0.99999, 0.2, 0)).toBe(0);
  expect(stableSide(0, 0, 0.1)).toBe(0);
  for (let k = 0; k < 1000; k++) {
    const u = k / 1000;
    const small = stableSide(u, 0.1, 0.05);
    const big = stableSide(u, 0.2, 0.1);
    expect(small === big || small === 0, `u=${u}: ${small} -> ${big}`).toBe(true);
  }
});

test('stable cannot be combined with stratify, refused when the pipeline is loaded', () => {
  expect(() => split({ validation: 0.2, stratify: 'answer', seed: 1, stable: true })).toThrow(
    expect.objectContaining({
      message:
        'stage "split": option stratify: stratify cannot be used with stable: true (a hash per group cannot balance labels; without stratify every label gets the same shares on average)',
    }),
  );
  expect(() => split({ validation: 0.2, stratify: 'answer', seed: 1, stable: false })).not.toThrow();
});

test('stable stays out of the options (and the config hash) unless given', () => {
  expect(split({ validation: 0.2, seed: 1 }).options).toEqual({ validation: 0.2, test: 0, seed: 1 });
  expect(split({ validation: 0.2, seed: 1, stable: true }).options).toEqual({ validation: 0.2, test: 0, seed: 1, stable: true });
});

test('stable: a split with a share that no group landed in is a warning naming it', async () => {
  const warnings: string[] = [];
  const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  // Three groups at validation 0.05: with this seed none lands in validation.
  const { out } = await runStage(split({ validation: 0.05, seed: 1, stable: true }), corpus(['a', 'b', 'c']), { log });
  expect(new Set(out.map((o) => o.meta['split']))).toEqual(new Set(['train']));
  expect(warnings).toEqual([
    'stable: none of the 3 groups landed in validation (share 0.05): each group is placed by its own hash, so few groups can leave a split empty; more groups, a larger share or another seed change that',
  ]);
  warnings.length = 0;
  await runStage(split({ validation: 0.2, test: 0.1, seed: 7, stable: true }), corpus(Array.from({ length: 150 }, (_, g) => `page-${g}`)), { log });
  expect(warnings).toEqual([]);
});
