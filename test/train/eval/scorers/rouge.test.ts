import { describe, expect, test } from 'vitest';
import type { ScoringContext, ScoringItem } from '../../../../src/train/eval/scorer-types.js';
import { rougeScorer } from '../../../../src/train/eval/scorers/rouge.js';
import { lcsLength, rougeScores, rougeScoresMulti, type RougeScore } from '../../../../src/train/eval/scorers/rouge-measures.js';
import { rougeTokens } from '../../../../src/train/eval/scorers/rouge-tokenize.js';
import { suiteScore } from '../../../../src/train/eval/statistics.js';

/*
 * The published examples of Google's rouge-score, ported from google-research/google-research
 * rouge/rouge_scorer_test.py, rouge/tokenize_test.py and rouge/tokenizers_test.py (Apache-2.0,
 * Copyright The Google Research Authors), with the first two lines of its rouge/testdata/target.txt
 * and prediction.txt, whose expected numbers upstream took from ROUGE-1.5.5. Arguments keep
 * upstream's order: score(target, prediction).
 */
const TARGETS = [
  "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
  "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n",
];
const PREDICTIONS = [
  "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
  "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n",
];

/** assertAlmostEqual(expected, actual, places). */
const near = (actual: RougeScore, expected: { precision: number; recall: number; fmeasure: number }, places = 7) => {
  expect(actual.precision).toBeCloseTo(expected.precision, places);
  expect(actual.recall).toBeCloseTo(expected.recall, places);
  expect(actual.fmeasure).toBeCloseTo(expected.fmeasure, places);
};

describe("rouge-score's published examples (rouge_scorer_test.py)", () => {
  test('testRouge1', () => near(rougeScores('testing one two', 'testing').rouge1, { precision: 1, recall: 1 / 3, fmeasure: 1 / 2 }));

  test('testRougeEmpty: an empty prediction scores 0 on every type', () => {
    const scores = rougeScores('testing one two', '');
    for (const type of ['rouge1', 'rouge2', 'rougeL'] as const) near(scores[type], { precision: 0, recall: 0, fmeasure: 0 });
  });

  test('testRouge2', () => near(rougeScores('testing one two', 'testing one').rouge2, { precision: 1, recall: 1 / 2, fmeasure: 2 / 3 }));

  test('testRougeLConsecutive', () => near(rougeScores('testing one two', 'testing one').rougeL, { precision: 1, recall: 2 / 3, fmeasure: 4 / 5 }));

  test('testRougeLNonConsecutive', () => near(rougeScores('testing one two', 'testing two').rougeL, { precision: 1, recall: 2 / 3, fmeasure: 4 / 5 }));

  test('testMultipleRougeTypes', () => {
    const scores = rougeScores('testing one two', 'testing one');
    near(scores.rouge1, { precision: 1, recall: 2 / 3, fmeasure: 4 / 5 });
    near(scores.rougeL, { precision: 1, recall: 2 / 3, fmeasure: 4 / 5 });
  });

  test('testRouge1AgainstRouge155', () => {
    near(rougeScores(TARGETS[0]!, PREDICTIONS[0]!).rouge1, { recall: 0.40741, precision: 0.6875, fmeasure: 0.51163 }, 5);
    near(rougeScores(TARGETS[1]!, PREDICTIONS[1]!).rouge1, { recall: 0.40476, precision: 0.65385, fmeasure: 0.5 }, 5);
  });

  test('testRouge2AgainstRouge155', () => {
    near(rougeScores(TARGETS[0]!, PREDICTIONS[0]!).rouge2, { recall: 0.30769, precision: 0.53333, fmeasure: 0.39024 }, 5);
    near(rougeScores(TARGETS[1]!, PREDICTIONS[1]!).rouge2, { recall: 0.29268, precision: 0.48, fmeasure: 0.36364 }, 5);
  });

  test('testRougeLAgainstRouge155', () => {
    near(rougeScores(TARGETS[0]!, PREDICTIONS[0]!).rougeL, { recall: 0.40741, precision: 0.6875, fmeasure: 0.51163 }, 5);
    near(rougeScores(TARGETS[1]!, PREDICTIONS[1]!).rougeL, { recall: 0.40476, precision: 0.65385, fmeasure: 0.5 }, 5);
  });

  test('no stemming (the default): testRouge1AgainstRouge155WithStemming expects 0.42857 recall on line 2, and we give the unstemmed 0.40476', () => {
    expect(rougeScores(TARGETS[1]!, PREDICTIONS[1]!).rouge1.recall).not.toBeCloseTo(0.42857, 5);
  });

  test('n-gram matches are clipped to the count on each side (min of the two Counters)', () => {
    near(rougeScores('the cat the', 'the').rouge1, { precision: 1, recall: 1 / 3, fmeasure: 1 / 2 });
    near(rougeScores('the', 'the the the').rouge1, { precision: 1 / 3, recall: 1, fmeasure: 1 / 2 });
  });

  test('testLcsTable: LCS lengths', () => {
    expect(lcsLength([1, 2, 3, 4, 5], [2, 5, 3, 4])).toBe(3);
    expect(lcsLength([1, 2, 3, 4, 5], [8, 9])).toBe(0);
    expect(lcsLength([], [1])).toBe(0);
  });
});

describe('the default tokenizer (tokenize_test.py, tokenizers_test.py)', () => {
  test('lower-cases and splits on whitespace', () => {
    expect(rougeTokens('one Two three')).toEqual(['one', 'two', 'three']);
    expect(rougeTokens('one\n Two \nthree')).toEqual(['one', 'two', 'three']);
    expect(rougeTokens('this is a test')).toEqual(['this', 'is', 'a', 'test']);
  });

  test('no Porter stemmer: "the friends had a meeting" keeps its suffixes (the stemmer gives friend, meet)', () => {
    expect(rougeTokens('the friends had a meeting')).toEqual(['the', 'friends', 'had', 'a', 'meeting']);
  });

  test('anything outside [a-z0-9] separates tokens and is dropped', () => {
    expect(rougeTokens("Don't stop, 3.5x! Café naïve — ok")).toEqual(['don', 't', 'stop', '3', '5x', 'caf', 'na', 've', 'ok']);
    expect(rougeTokens(' /// ')).toEqual([]);
  });
});

describe('several references: score_multi', () => {
  test('each type takes the whole score of the reference with its best F1', () => {
    // rouge1 and rouge2 are best against the second reference, rougeL against the first.
    const scores = rougeScoresMulti(['the cat sat', 'on the mat the cat lay'], 'the cat sat on the mat');
    near(scores.rouge1, { precision: 5 / 6, recall: 5 / 6, fmeasure: 5 / 6 });
    near(scores.rouge2, { precision: 3 / 5, recall: 3 / 5, fmeasure: 3 / 5 });
    near(scores.rougeL, { precision: 1 / 2, recall: 1, fmeasure: 2 / 3 });
  });

  test('a tie in F1 keeps the first reference (numpy argmax)', () => {
    expect(rougeScoresMulti(['a b c d', 'a'], 'a b').rouge1).toEqual({ precision: 1, recall: 0.5, fmeasure: 2 / 3 });
    expect(rougeScoresMulti(['a', 'a b c d'], 'a b').rouge1).toEqual({ precision: 0.5, recall: 1, fmeasure: 2 / 3 });
  });
});

describe('the rouge scorer', () => {
  const ctx: ScoringContext = { cacheDir: '/nonexistent', env: {}, now: () => new Date(0), log: () => {} };
  const item = (reply: string, ...references: string[]): ScoringItem => ({ suite: 's', model: 'm', id: 'x', prompt: [], references, reply });

  test('per example: P, R, F of rouge1, rouge2, rougeL as stats; score = rougeL F1; the three F1s as detail', async () => {
    const { scores, spend } = await rougeScorer.scoreAll([item('testing one', 'testing one two'), item('', 'testing')], ctx);
    expect(scores[0]!.stats).toHaveLength(9);
    const [r1p, r1r, r1f, r2p, r2r, r2f, lp, lr, lf] = scores[0]!.stats;
    expect([r1p, r1r, r2p, r2r, lp, lr]).toEqual([1, 2 / 3, 1, 1 / 2, 1, 2 / 3]);
    expect(r1f).toBeCloseTo(4 / 5, 12);
    expect(r2f).toBeCloseTo(2 / 3, 12);
    expect(lf).toBeCloseTo(4 / 5, 12);
    expect(scores[0]!.score).toBe(lf);
    expect(scores[0]!.detail).toEqual({ rouge1: r1f, rouge2: r2f, rougeL: lf });
    expect(scores[1]).toEqual({ stats: [0, 0, 0, 0, 0, 0, 0, 0, 0], score: 0, detail: { rouge1: 0, rouge2: 0, rougeL: 0 } });
    expect(spend).toBeUndefined();
  });

  test('an example without a reference is unscored, with the reason', async () => {
    const { scores } = await rougeScorer.scoreAll([item('anything')], ctx);
    expect(scores).toEqual([{ stats: [], score: null, detail: { unscored: 'no reference to compare with' } }]);
  });

  test('aggregate: mean rougeL F1; components: mean F1 of each type', () => {
    const totals = [0, 0, 1.2, 0, 0, 0.6, 0, 0, 1.5];
    expect(rougeScorer.aggregate(totals, 2)).toBeCloseTo(0.75, 12);
    expect(rougeScorer.components!(totals, 2)).toEqual({ rouge1: 0.6, rouge2: 0.3, rougeL: 0.75 });
    expect(rougeScorer.aggregate(new Array(9).fill(0), 0)).toBe(0);
    expect(rougeScorer).toMatchObject({ name: 'rouge', unit: 'f1', range: [0, 1], interval: 'bootstrap' });
    expect(rougeScorer.version(1)).toBe('rouge:rouge-score-0.1.2-compatible|tok:default|stem:no|multi:best-f|impl:tuneset-1');
  });

  test('through suiteScore: mean rougeL F1 with a bootstrap interval and the components', async () => {
    const { scores } = await rougeScorer.scoreAll([item('testing one', 'testing one two'), item('testing', 'testing one two'), item('two', 'testing one two')], ctx);
    const s = suiteScore(rougeScorer, scores, { suite: 'validation', model: 'ft:m' });
    // rougeL F1: 4/5, 1/2, 1/2.
    expect(s.score).toBeCloseTo(0.6, 12);
    expect(s.components!['rougeL']).toBeCloseTo(0.6, 12);
    expect(s.components!['rouge2']).toBeCloseTo(2 / 9, 12);
    expect(s).toMatchObject({ method: 'bootstrap', unit: 'f1', n: 3, unscored: 0 });
    expect(s.interval95.low).toBeGreaterThanOrEqual(0.5);
    expect(s.interval95.high).toBeLessThanOrEqual(0.8 + 1e-12);
  });
});
