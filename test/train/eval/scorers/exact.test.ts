import { expect, test } from 'vitest';
import type { ScoringContext, ScoringItem } from '../../../../src/train/eval/scorer-types.js';
import { exactScorer } from '../../../../src/train/eval/scorers/exact.js';

const ctx: ScoringContext = { cacheDir: '/nonexistent', env: {}, now: () => new Date(0), log: () => {} };
const item = (reply: string, ...references: string[]): ScoringItem => ({ suite: 's', model: 'm', id: 'x', prompt: [], references, reply });

test('exact: trimmed and case-folded equality with any reference; predicted is the trimmed reply', async () => {
  const { scores, spend } = await exactScorer.scoreAll(
    [item('  Paris\n', 'paris'), item('Paris.', 'Paris'), item('LYON', 'Paris', ' lyon '), item('', ''), item('Par is', 'Paris')],
    ctx,
  );
  expect(scores).toEqual([
    { stats: [1], score: 1, predicted: 'Paris' },
    { stats: [0], score: 0, predicted: 'Paris.' },
    { stats: [1], score: 1, predicted: 'LYON' },
    { stats: [1], score: 1, predicted: '' },
    { stats: [0], score: 0, predicted: 'Par is' },
  ]);
  expect(spend).toBeUndefined();
});

test('exact: a proportion with a Wilson interval; aggregate is the share right', () => {
  expect(exactScorer).toMatchObject({ name: 'exact', unit: 'proportion', range: [0, 1], interval: 'wilson' });
  expect(exactScorer.aggregate([3], 4)).toBe(0.75);
  expect(exactScorer.aggregate([0], 0)).toBe(0);
  expect(exactScorer.version(2)).toBe('exact:trim|lowercase|any-reference|impl:tuneset-1');
});
