import { expect, test } from 'vitest';
import type { ScoringContext, ScoringItem } from '../../../../src/train/eval/scorer-types.js';
import { extractLetter, letterScorer } from '../../../../src/train/eval/scorers/letter.js';
import { suiteScore } from '../../../../src/train/eval/statistics.js';

const ctx: ScoringContext = { cacheDir: '/nonexistent', env: {}, now: () => new Date(0), log: () => {} };
const item = (reply: string, ...references: string[]): ScoringItem => ({ suite: 's', model: 'm', id: 'x', prompt: [], references, reply });

test('extractLetter reads the first standalone capital A-J, as eval always has', () => {
  expect(['C', '(C)', 'C.', 'The answer is C', 'answer: c', 'K', 'Between A and B', ' \n D \n'].map(extractLetter)).toEqual(['C', 'C', 'C', 'C', undefined, undefined, 'A', 'D']);
});

test('letter: 1 when the reply gives a reference letter, 0 otherwise; predicted is the letter or null', async () => {
  const { scores, spend } = await letterScorer.scoreAll(
    [item('(B) because...', 'B'), item('not sure', 'B'), item('C', 'B'), item('The answer is C.', 'B', '(C)'), item('b', 'B')],
    ctx,
  );
  expect(scores).toEqual([
    { stats: [1], score: 1, predicted: 'B' },
    { stats: [0], score: 0, predicted: null },
    { stats: [0], score: 0, predicted: 'C' },
    { stats: [1], score: 1, predicted: 'C' },
    { stats: [0], score: 0, predicted: null },
  ]);
  expect(spend).toBeUndefined();
});

test('letter: a reply without a letter never matches a reference without one', async () => {
  const { scores } = await letterScorer.scoreAll([item('no idea', 'none of them')], ctx);
  expect(scores[0]).toEqual({ stats: [0], score: 0, predicted: null });
});

test('letter: a proportion with a Wilson interval; aggregate is the share right', () => {
  expect(letterScorer).toMatchObject({ name: 'letter', unit: 'proportion', range: [0, 1], interval: 'wilson' });
  expect(letterScorer.aggregate([7], 10)).toBe(0.7);
  expect(letterScorer.aggregate([0], 0)).toBe(0);
  expect(letterScorer.version(1)).toBe('letter:first-standalone-A-J|impl:tuneset-1');
});

test('letter through suiteScore: 7 of 10 right gives the accuracy and Wilson interval eval printed before (0.3968..0.8922)', async () => {
  const replies = ['A', 'A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'no idea'];
  const { scores } = await letterScorer.scoreAll(replies.map((reply) => item(reply, 'A')), ctx);
  const s = suiteScore(letterScorer, scores, { suite: 'validation', model: 'ft:m' });
  expect(s).toMatchObject({ score: 0.7, correct: 7, n: 10, unscored: 0, method: 'wilson', unit: 'proportion' });
  expect([s.interval95.low.toFixed(4), s.interval95.high.toFixed(4)]).toEqual(['0.3968', '0.8922']);
});
