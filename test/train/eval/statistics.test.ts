import { describe, expect, test } from 'vitest';
import type { ExampleScore, Scorer } from '../../../src/train/eval/scorer-types.js';
import { compareScores, suiteScore } from '../../../src/train/eval/statistics.js';
import { seededRandom } from '../../../src/train/eval/seeded-random.js';

const scorer = (over: Partial<Scorer>): Scorer => ({
  name: 'test',
  version: () => 'test:1',
  unit: 'f1',
  range: [0, 1],
  interval: 'bootstrap',
  scoreAll: () => Promise.reject(new Error('not used')),
  aggregate: (totals, n) => totals[0]! / n,
  ...over,
});

/** A mean-type scorer: stats [score]. */
const mean = scorer({ name: 'mean' });
/** A proportion: stats [1|0], Wilson. */
const proportion = scorer({ name: 'share', unit: 'proportion', interval: 'wilson' });
/** A corpus metric: matches over attempts, summed before dividing (as BLEU sums n-gram counts). */
const ratio = scorer({ name: 'ratio', aggregate: (t) => (t[1] === 0 ? 0 : t[0]! / t[1]!), components: (t, n) => ({ matches: t[0]!, attempts: t[1]!, n }) });

const of = (values: readonly (number | null)[]): ExampleScore[] => values.map((v) => (v === null ? { stats: [], score: null } : { stats: [v], score: v }));
const about = { suite: 'validation', model: 'ft:m' };

/** n values spread evenly over [0, 1], in a scrambled order. */
const spread = (n: number, seed: string): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => i / (n - 1)).sort(() => random() - 0.5);
};

describe('suiteScore', () => {
  test('a proportion: unscored examples left out, Wilson interval as eval printed it before (7 of 10: 0.3968..0.8922)', () => {
    const s = suiteScore(proportion, of([1, 1, null, 0, 1, 1, 0, 1, 1, null, 0, 1]), about);
    expect(s).toMatchObject({ suite: 'validation', scorer: 'share', model: 'ft:m', method: 'wilson', unit: 'proportion', n: 10, unscored: 2, correct: 7, score: 0.7 });
    expect([s.interval95.low.toFixed(4), s.interval95.high.toFixed(4)]).toEqual(['0.3968', '0.8922']);
    expect(s.components).toBeUndefined();
  });

  test('a corpus metric is aggregated from the summed stats, not averaged per example; components come from the same sums', () => {
    const scores: ExampleScore[] = [
      { stats: [1, 1], score: 1 },
      { stats: [0, 9], score: 0 },
      { stats: [], score: null },
    ];
    const s = suiteScore(ratio, scores, about);
    expect(s.score).toBe(0.1);
    expect(s.components).toEqual({ matches: 1, attempts: 10, n: 2 });
    expect(s).toMatchObject({ n: 2, unscored: 1, method: 'bootstrap' });
    expect(s.correct).toBeUndefined();
  });

  test('bootstrap: the interval has the width the standard error predicts and holds the score', () => {
    // 401 values evenly over [0, 1]: sd 0.2894, se 0.01445, so the 95% interval is about 0.5 ± 0.028.
    const values = spread(401, 'widths');
    const s = suiteScore(mean, of(values), about);
    expect(s.score).toBeCloseTo(0.5, 10);
    const width = s.interval95.high - s.interval95.low;
    expect(width).toBeGreaterThan(0.048);
    expect(width).toBeLessThan(0.066);
    expect(s.interval95.low).toBeLessThan(0.5);
    expect(s.interval95.high).toBeGreaterThan(0.5);
  });

  test('bootstrap: the same answers give the same interval; another seed, suite or model gives another', () => {
    const scores = of(spread(60, 'determinism'));
    const first = suiteScore(mean, scores, about);
    expect(suiteScore(mean, scores, about)).toEqual(first);
    expect(suiteScore(mean, scores, about, { seed: 'tuneset' })).toEqual(first);
    expect(suiteScore(mean, scores, about, { seed: 'other' }).interval95).not.toEqual(first.interval95);
    expect(suiteScore(mean, scores, { ...about, model: 'gpt-4o-mini' }).interval95).not.toEqual(first.interval95);
    expect(suiteScore(mean, scores, { ...about, suite: 'general' }).interval95).not.toEqual(first.interval95);
  });

  test('bootstrap with every example the same: the interval is that value', () => {
    expect(suiteScore(mean, of([0.25, 0.25, 0.25]), about).interval95).toEqual({ low: 0.25, high: 0.25 });
  });

  test('n = 0 (nothing scored, or no examples): score 0, interval 0..0, no throw', () => {
    expect(suiteScore(mean, of([null, null]), about)).toEqual({
      suite: 'validation', scorer: 'mean', model: 'ft:m', method: 'bootstrap', unit: 'f1', n: 0, unscored: 2, score: 0, interval95: { low: 0, high: 0 },
    });
    expect(suiteScore(proportion, [], about)).toMatchObject({ n: 0, unscored: 0, score: 0, correct: 0, interval95: { low: 0, high: 0 } });
    expect(suiteScore(ratio, [], about).components).toBeUndefined();
  });

  test('a scored example with a different number of stats is an error naming the scorer, model, suite and example', () => {
    const scores: ExampleScore[] = [{ stats: [1, 2], score: 0.5 }, { stats: [1], score: 1 }];
    expect(() => suiteScore(ratio, scores, about)).toThrow('ratio scores of ft:m on validation: example 1 has 1 stats where the first scored example has 2');
  });

  test('1000 draws over 3000 examples of 10 stats take well under a second', () => {
    const wide = scorer({ name: 'wide', aggregate: (t, n) => t.reduce((a, b) => a + b, 0) / n });
    const random = seededRandom('speed');
    const scores = Array.from({ length: 3000 }, () => ({ stats: Array.from({ length: 10 }, () => random()), score: 1 }));
    const started = performance.now();
    suiteScore(wide, scores, about);
    // Typed arrays take this to ~60 ms here; a generous bound, since the machine is shared.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('compareScores', () => {
  const pair = { suite: 'validation', model: 'ft:m', baseline: 'gpt-4o-mini' };

  test('a clear gain: the difference, an interval above 0, p-value 0, significant', () => {
    const model = of(Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 0 : 1)));
    const baseline = of(Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0)));
    const c = compareScores(proportion, model, baseline, pair);
    expect(c).toMatchObject({ suite: 'validation', scorer: 'share', model: 'ft:m', baseline: 'gpt-4o-mini', n: 50, pValue: 0, significant: true });
    expect(c.difference).toBeCloseTo(0.6, 10);
    expect(c.interval95.low).toBeGreaterThan(0.3);
    expect(c.interval95.high).toBeLessThanOrEqual(0.9);
  });

  test('a loss is negative and significant too', () => {
    const c = compareScores(mean, of([0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2]), of([0.9, 0.8, 0.9, 0.8, 0.9, 0.8, 0.9, 0.8]), pair);
    expect(c.difference).toBeCloseTo(-0.7, 10);
    expect(c.interval95.high).toBeLessThan(0);
    expect(c).toMatchObject({ pValue: 0, significant: true });
  });

  test('one more right out of 40: not significant, a large p-value, an interval across 0', () => {
    const base = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const better = base.map((v, i) => (i === 1 ? 1 : v));
    // Shuffled: the two disagree on many examples, both ways.
    const random = seededRandom('shuffle');
    const model = of([...better].sort(() => random() - 0.5));
    const c = compareScores(proportion, model, of(base), pair);
    expect(c.difference).toBeCloseTo(0.025, 10);
    expect(c.interval95.low).toBeLessThan(0);
    expect(c.interval95.high).toBeGreaterThan(0);
    expect(c.pValue).toBeGreaterThan(0.5);
    expect(c.significant).toBe(false);
  });

  test('a gain on one example only: the draws that leave it out show no difference and count against it', () => {
    // A draw misses the example with chance (39/40)^40 = 0.363, so p is about 2 × 0.363 = 0.73; the interval starts at 0.
    const base = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const c = compareScores(proportion, of(base.map((v, i) => (i === 1 ? 1 : v))), of(base), pair);
    expect(c.difference).toBeCloseTo(0.025, 10);
    expect(c.interval95.low).toBe(0);
    expect(c.pValue).toBeGreaterThan(0.64);
    expect(c.pValue).toBeLessThan(0.82);
    expect(c.significant).toBe(false);
  });

  test('paired: a small gain on every example is significant although both models vary widely', () => {
    // Drawn independently for the two models this interval would be about ±0.08; paired it is 0.01 exactly.
    const baseline = spread(200, 'paired').map((v) => v * 0.9);
    const model = baseline.map((v) => v + 0.01);
    const c = compareScores(mean, of(model), of(baseline), pair);
    expect(c.difference).toBeCloseTo(0.01, 10);
    expect(c.interval95.low).toBeCloseTo(0.01, 10);
    expect(c.interval95.high).toBeCloseTo(0.01, 10);
    expect(c).toMatchObject({ pValue: 0, significant: true });
  });

  test('only the examples both models have scores for count, matched by index', () => {
    // Without the pairing filter the model's 0 at index 1 and the baseline's 1 at index 0 would move the difference.
    const model = of([null, 0, 1, 1]);
    const baseline = of([1, null, 0, 0]);
    const c = compareScores(proportion, model, baseline, pair);
    expect(c.n).toBe(2);
    expect(c.difference).toBe(1);
  });

  test('a corpus metric: the difference of the aggregated sums', () => {
    const model: ExampleScore[] = [{ stats: [1, 1], score: 1 }, { stats: [0, 9], score: 0 }];
    const baseline: ExampleScore[] = [{ stats: [0, 1], score: 0 }, { stats: [1, 9], score: 0.11 }];
    expect(compareScores(ratio, model, baseline, pair).difference).toBeCloseTo(0, 10);
  });

  test('no difference at all: p-value 1, not significant', () => {
    const same = of([0.2, 0.4, 0.9]);
    expect(compareScores(mean, same, same, pair)).toMatchObject({ difference: 0, interval95: { low: 0, high: 0 }, pValue: 1, significant: false, n: 3 });
  });

  test('deterministic: the same answers give the same comparison; another seed moves the interval', () => {
    const model = of(spread(30, 'a'));
    const baseline = of(spread(30, 'b'));
    const first = compareScores(mean, model, baseline, pair);
    expect(compareScores(mean, model, baseline, pair)).toEqual(first);
    expect(compareScores(mean, model, baseline, pair, { seed: 'x' }).interval95).not.toEqual(first.interval95);
  });

  test('n = 0: nothing shared gives 0, 0..0, p 1, not significant, without throwing', () => {
    const expected = { ...pair, scorer: 'share', n: 0, difference: 0, interval95: { low: 0, high: 0 }, pValue: 1, significant: false };
    expect(compareScores(proportion, of([1, null]), of([null, 0]), pair)).toEqual(expected);
    expect(compareScores(proportion, [], [], pair)).toEqual(expected);
  });

  test('different numbers of examples cannot be paired: an error naming both models', () => {
    expect(() => compareScores(mean, of([1, 0]), of([1]), pair)).toThrow('mean on validation: ft:m has 2 scores and gpt-4o-mini 1; a paired comparison needs the same examples');
  });
});

test("a score and interval a hair past the scale's end (BLEU's perfect 100.00000000000004) are held to the scale", () => {
  const overshoot = scorer({ name: 'points', unit: 'points', range: [0, 100], aggregate: () => 100.00000000000004 });
  const s = suiteScore(overshoot, of([1, 1, 1]), about);
  expect([s.score, s.interval95]).toEqual([100, { low: 100, high: 100 }]);
});
