import { describe, expect, test } from 'vitest';
import type { ScoringContext } from '../../../../src/train/eval/scorer-types.js';
import { bleuScorer, bleuStats, computeBleu } from '../../../../src/train/eval/scorers/bleu.js';

// Test cases ported from sacreBLEU (github.com/mjpost/sacrebleu, Apache-2.0, Copyright Amazon.com,
// Inc. or its affiliates and the sacreBLEU authors): its test/test_bleu.py, test/test_sentence_bleu.py
// and the API examples of its README. Only the cases whose settings are ours (13a, mixed case, max
// order 4, smooth 'exp'; effective order for sentence BLEU) are ported, with their expected numbers
// unchanged; cases for other tokenizers or smoothing methods are left out. Asserted to two decimals
// on the 0..100 scale (upstream asserts 1e-8 or 1e-3 on 0..1).

const ctx: ScoringContext = { cacheDir: '/nonexistent', env: {}, now: () => new Date(0), log: () => undefined };

type BleuComponent = 'p1' | 'p2' | 'p3' | 'p4' | 'bp' | 'ratio' | 'sys_len' | 'ref_len';

/** sacreBLEU's layout: `refSets[k][i]` is reference set k's reference for hypothesis i. */
const corpus = async (hyps: readonly string[], refSets: readonly (readonly string[])[]) => {
  const items = hyps.map((reply, i) => ({ suite: 's', model: 'm', id: String(i), prompt: [], references: refSets.map((set) => set[i]!), reply }));
  const { scores } = await bleuScorer.scoreAll(items, ctx);
  const totals = scores[0]!.stats.map((_, k) => scores.reduce((sum, s) => sum + s.stats[k]!, 0));
  return { scores, totals, score: bleuScorer.aggregate(totals, scores.length), components: bleuScorer.components!(totals, scores.length) as Record<BleuComponent, number> };
};

// test/test_bleu.py `_refs` / `_hyps` (also the README's API example).
const REFS = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
];
const HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];

describe('corpus BLEU: sacreBLEU test/test_bleu.py', () => {
  test('test_corpus_bleu, default settings (and tokenize 13a, and test_max_ngram_order order 4): 48.530827 with two reference sets', async () => {
    const r = await corpus(HYPS, REFS);
    expect(r.score).toBeCloseTo(48.530827, 2);
    // The README prints this corpus as: BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
    expect(r.components.p1).toBeCloseTo(82.35, 2);
    expect(r.components.p2).toBeCloseTo(50.0, 2);
    expect(r.components.p3).toBeCloseTo(45.45, 2);
    expect(r.components.p4).toBeCloseTo(37.5, 2);
    expect(r.components.bp).toBeCloseTo(0.943, 3);
    expect(r.components.ratio).toBeCloseTo(0.944, 3);
    expect([r.components.sys_len, r.components.ref_len]).toEqual([17, 18]);
  });

  test('test_corpus_bleu, "ensure that empty hypotheses are not removed": three empty hypotheses score 0.0', async () => {
    const r = await corpus(['', '', ''], REFS);
    expect(r.score).toBe(0);
    // The closest reference of an empty line is the shorter one: 6 + 5 + 6 (sacreBLEU 2.6.0: BP = 0.000 hyp_len = 0 ref_len = 17).
    expect([r.components.sys_len, r.components.ref_len, r.components.bp]).toEqual([0, 17, 0]);
  });

  test('test_scoring: compute_bleu([9,7,5,3], [10,8,6,4], sys_len 11, ref_len 11) = 0.8375922397', () => {
    expect(computeBleu([11, 11, 9, 7, 5, 3, 10, 8, 6, 4], false).score).toBeCloseTo(83.75922397, 2);
  });

  test('test_statistics: "am I am a character sequence" against "I am a symbol string sequence a a" counts [4,2,1,0] of [6,5,4,3]', () => {
    // Upstream runs this with tokenize none; there is no punctuation, so 13a reads the same tokens.
    expect(bleuStats('am I am a character sequence', ['I am a symbol string sequence a a'])).toEqual([6, 8, 4, 2, 1, 0, 6, 5, 4, 3]);
  });

  test('test_raw_bleu: no match scores 0.0 (#141), an identical sentence 1.0', async () => {
    expect((await corpus(['this is a test', 'another test'], [['ref1', 'ref2']])).score).toBe(0);
    expect((await corpus(['this is a test'], [['this is a test']])).score).toBeCloseTo(100, 2);
  });

  test('no effective order in corpus BLEU: "a test" against itself has no 3- or 4-grams, so it scores 0, as sacreBLEU\'s corpus_bleu', async () => {
    const { score, components } = await corpus(['a test'], [['a test']]);
    expect(score).toBe(0);
    expect([components.p1, components.p2, components.p3, components.p4]).toEqual([100, 100, 0, 0]);
  });

  test('test_degenerate_statistics: no correct n-gram at any order scores 0.0, whatever the lengths', () => {
    for (const stats of [
      [0, 1, 0, 0, 0, 0, 4, 4, 2, 1],
      [14, 10, 0, 0, 0, 0, 10, 11, 12, 0],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [1, 5, 0, 0, 0, 0, 0, 0, 0, 0],
    ]) {
      expect(computeBleu(stats, false).score).toBe(0);
    }
  });
});

describe("multi-reference and variable references: sacreBLEU README 'Variable Number of References'", () => {
  test("an empty first reference for the first sentence: BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)", async () => {
    const r = await corpus(HYPS, [['', REFS[0]![1]!, REFS[0]![2]!], REFS[1]!]);
    expect(r.score).toBeCloseTo(29.44, 2);
    expect([r.components.p1, r.components.p2, r.components.p3, r.components.p4].map((p) => p.toFixed(1))).toEqual(['82.4', '42.9', '27.3', '12.5']);
    expect(r.components.bp.toFixed(3)).toBe('0.889');
    expect(r.components.ratio.toFixed(3)).toBe('0.895');
    expect([r.components.sys_len, r.components.ref_len]).toEqual([17, 19]);
  });

  test('each reference set alone scores lower than both together (an n-gram counts up to its most frequent reference)', async () => {
    const both = (await corpus(HYPS, REFS)).score;
    expect((await corpus(HYPS, [REFS[0]!])).score).toBeLessThan(both);
    expect((await corpus(HYPS, [REFS[1]!])).score).toBeLessThan(both);
  });

  test('a repeated n-gram is clipped to its count in the one reference that has it most, not the sum over references', () => {
    // sacreBLEU 2.6.0's segment statistics for this line: [4, 2, 1, 0, 0, 0, 4, 3, 2, 1].
    expect(bleuStats('the the the the', ['the cat', 'the dog'])).toEqual([4, 2, 1, 0, 0, 0, 4, 3, 2, 1]);
  });

  test('the closest reference length breaks a tie toward the shorter reference, in either order (bleu.py _get_closest_ref_len)', async () => {
    // 5 tokens against references of 4 and 6: ref_len 4, so no brevity penalty (sacreBLEU 2.6.0: 100.00, ref_len = 4).
    for (const sets of [[['a b c d'], ['a b c d e f']], [['a b c d e f'], ['a b c d']]]) {
      const r = await corpus(['a b c d e'], sets);
      expect(r.components.ref_len).toBe(4);
      expect(r.score).toBeCloseTo(100, 2);
    }
  });
});

describe('sentence BLEU (per example): sacreBLEU test/test_sentence_bleu.py', () => {
  // "Example taken from #98"
  const REF = 'producţia de zahăr brut se exprimă în zahăr alb;';
  const SYS = 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;';

  test("test_api_sentence_bleu ('exp', 13a, effective order): 8.493", async () => {
    const { scores } = await corpus([SYS], [[REF]]);
    expect(scores[0]!.score).toBeCloseTo(8.493, 2);
  });

  test("test_api_sentence_bleu_zero (#141): 'this is a cat' against 'okay thanks' is 0.0", async () => {
    const { scores } = await corpus(['this is a cat'], [['okay thanks']]);
    expect(scores[0]!.score).toBe(0);
  });

  test('test_bleu.py test_effective_order: "test" against "a test" is 0.3678794411714425, "a test" against itself 1.0', async () => {
    const { scores } = await corpus(['test', 'a test'], [['a test', 'a test']]);
    expect(scores[0]!.score).toBeCloseTo(36.78794411714425, 2);
    expect(scores[1]!.score).toBeCloseTo(100, 2);
  });

  test("the README corpus sentence by sentence with both references (sacreBLEU 2.6.0's sentence_bleu: 100.00, 14.79, 29.07)", async () => {
    const { scores } = await corpus(HYPS, REFS);
    expect(scores.map((s) => s.score!.toFixed(2))).toEqual(['100.00', '14.79', '29.07']);
  });

  test('an empty hypothesis or an empty reference scores 0, as sacreBLEU', async () => {
    const { scores, components } = await corpus(['', 'a', ''], [['a', '', '']]);
    expect(scores.map((s) => s.score)).toEqual([0, 0, 0]);
    // The corpus of them: hyp_len 1, ref_len 1 + 0 + 0; ratio 0 only when ref_len is 0.
    expect([components.sys_len, components.ref_len, components.ratio]).toEqual([1, 1, 1]);
  });

  test('an example without any reference is unscored, not scored against a made-up length', async () => {
    const { scores } = await bleuScorer.scoreAll([{ suite: 's', model: 'm', id: '1', prompt: [], references: [], reply: 'a' }], ctx);
    expect(scores[0]).toEqual({ stats: [], score: null, detail: { unscored: 'no reference' } });
  });
});

test('version is a sacreBLEU-style signature naming our implementation; nothing summed aggregates to 0', () => {
  expect(bleuScorer.version(2)).toBe('nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:tuneset-bleu-1');
  expect(bleuScorer.aggregate([], 0)).toBe(0);
  expect([bleuScorer.unit, bleuScorer.range, bleuScorer.interval]).toEqual(['points', [0, 100], 'bootstrap']);
});
