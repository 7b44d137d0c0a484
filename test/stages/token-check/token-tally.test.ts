import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { lookupModel } from '../../../src/providers/openai/model-table.js';
import { buildTokenReport, readSplitTokens } from '../../../src/stages/token-check/report.js';
import { summarizeTokens } from '../../../src/stages/token-check/stats.js';
import { TokenTally } from '../../../src/stages/token-check/token-tally.js';

/** A small seeded generator (mulberry32), so the test data is the same on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};

/** The definitions, over every count: nearest rank on the sorted list, plain sums. */
const byDefinition = (counts: number[], limit: number) => {
  const sorted = [...counts].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return {
    stats: { total: counts.reduce((a, b) => a + b, 0), min: sorted[0] ?? 0, median: rank(50), p95: rank(95), max: sorted.at(-1) ?? 0 },
    overLimit: counts.filter((c) => c > limit).length,
    capped: counts.reduce((a, c) => a + Math.min(limit, c), 0),
  };
};

test('a tally gives the same statistics as every count, with counts repeated or not', () => {
  const random = seeded(13);
  for (const [n, distinct] of [[1, 1], [2, 2], [19, 3], [20, 20], [1000, 7], [5001, 300]] as const) {
    const counts = Array.from({ length: n }, () => 50 + Math.floor(random() * distinct) * 17);
    const tally = TokenTally.of(counts);
    const limit = 50 + Math.floor(distinct / 2) * 17;
    const want = byDefinition(counts, limit);
    expect(summarizeTokens(tally), `${n}/${distinct}`).toEqual(want.stats);
    expect(tally.examples).toBe(n);
    expect(tally.sum((c) => (c > limit ? 1 : 0))).toBe(want.overLimit);
    expect(tally.sum((c) => Math.min(limit, c))).toBe(want.capped);
  }
  expect(summarizeTokens(new TokenTally())).toEqual({ total: 0, min: 0, median: 0, p95: 0, max: 0 });
});

test('the median sits on the boundary between two runs of one count', () => {
  // Ranks 1-2 are 5, 3-4 are 9: the lower middle of four is rank 2, a 5; p95 is rank 4, a 9.
  expect(summarizeTokens(TokenTally.of([9, 5, 9, 5]))).toEqual({ total: 28, min: 5, median: 5, p95: 9, max: 9 });
  expect(summarizeTokens(TokenTally.of([9, 5, 9, 5, 9]))).toEqual({ total: 37, min: 5, median: 9, p95: 9, max: 9 });
});

test("meta.jsonl is read into a tally per split: the report equals the one built from every line's count", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-token-tally-'));
  const path = join(dir, 'meta.jsonl');
  const random = seeded(7);
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    id: `r${i}`,
    split: i % 7 === 0 ? 'validation' : i % 11 === 0 ? 'test' : 'train',
    meta: i % 500 === 3 ? {} : { tokens: 200 + Math.floor(random() * 40) * 25 },
  }));
  writeFileSync(path, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n\n`);
  const { splits, uncounted } = await readSplitTokens(path);
  expect(uncounted).toBe(6);
  const every = new Map<string, number[]>();
  for (const r of rows) if (typeof r.meta.tokens === 'number') every.set(r.split, [...(every.get(r.split) ?? []), r.meta.tokens]);
  expect([...splits].map(([name, t]) => [name, t.examples])).toEqual([...every].map(([name, c]) => [name, c.length]));
  const model = lookupModel('gpt-4o-mini');
  const input = { model, limit: 900, overLimit: 'flag' as const, epochsRequested: 'auto' as const };
  const fromTally = buildTokenReport({ ...input, splits });
  expect(fromTally).toEqual(buildTokenReport({ ...input, splits: every }));
  for (const name of ['train', 'validation', 'test']) {
    const want = byDefinition(every.get(name)!, 900);
    expect([fromTally.splits[name]!.tokens, fromTally.splits[name]!.overLimit], name).toEqual([want.stats, want.overLimit]);
  }
  expect(fromTally.billedTokens).toBe(byDefinition(every.get('train')!, model.tokenLimit).capped * fromTally.epochs.resolved);
});
