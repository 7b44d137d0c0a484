// Corpus BLEU as sacreBLEU computes it with its defaults (13a tokens, mixed case, max order 4,
// smooth 'exp', no effective order), and sentence BLEU as its sentence_bleu gives it (effective
// order on). Ported from mjpost/sacrebleu (Apache-2.0): sacrebleu/metrics/bleu.py
// (compute_bleu, _get_closest_ref_len, _extract_reference_info, _compute_segment_statistics),
// metrics/helpers.py (extract_all_word_ngrams) and utils.py (my_log).
import type { ExampleScore, Scorer } from '../scorer-types.js';
import { bleuTokens } from './tokenize-13a.js';

const MAX_ORDER = 4;

/** Bumped whenever our numbers could change, so evaluations from before and after are not compared. */
const BLEU_IMPLEMENTATION = 'tuneset-bleu-1';

/** utils.py `my_log`: log, floored for 0 so an order without matches sinks the score to 0 instead of NaN. */
const myLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x));

/** helpers.py `extract_all_word_ngrams`: counts of every 1..4-gram (tokens joined by a space, which no token holds) and the length. */
const ngramCounts = (tokens: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (let n = 1; n <= MAX_ORDER; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const gram = tokens.slice(i, i + n).join(' ');
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
};

/** bleu.py `_get_closest_ref_len`: the reference length nearest the hypothesis's; a tie goes to the shorter. */
const closestRefLength = (hypLength: number, refLengths: readonly number[]): number => {
  let closestDiff = -1;
  let closest = -1;
  for (const length of refLengths) {
    const diff = Math.abs(hypLength - length);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closest = length;
    } else if (diff === closestDiff && length < closest) {
      closest = length;
    }
  }
  return closest;
};

/**
 * One segment's sufficient statistics, `[sys_len, ref_len, correct_1..4, total_1..4]`: a hypothesis
 * n-gram is matched at most as often as it occurs in the reference that has it most often
 * (bleu.py `_extract_reference_info` + `_compute_segment_statistics`).
 */
export const bleuStats = (hypothesis: string, references: readonly string[]): number[] => {
  const refMax = new Map<string, number>();
  const refLengths: number[] = [];
  for (const reference of references) {
    const tokens = bleuTokens(reference);
    refLengths.push(tokens.length);
    for (const [gram, count] of ngramCounts(tokens)) refMax.set(gram, Math.max(refMax.get(gram) ?? 0, count));
  }
  const hypTokens = bleuTokens(hypothesis);
  const correct = new Array<number>(MAX_ORDER).fill(0);
  const total = new Array<number>(MAX_ORDER).fill(0);
  for (const [gram, count] of ngramCounts(hypTokens)) {
    const n = gram.split(' ').length - 1;
    total[n]! += count;
    correct[n]! += Math.min(count, refMax.get(gram) ?? 0);
  }
  return [hypTokens.length, closestRefLength(hypTokens.length, refLengths), ...correct, ...total];
};

export interface BleuResult {
  /** 0..100. */
  score: number;
  /** Modified n-gram precisions, 0..100 (all 0 when nothing matched, as sacreBLEU reports them). */
  precisions: number[];
  bp: number;
  /** sys_len / ref_len, 0 when ref_len is 0. */
  ratio: number;
  sysLen: number;
  refLen: number;
}

/**
 * bleu.py `compute_bleu` with smooth 'exp' (mteval-v13a's: the k-th order without matches counts
 * as 1 / (2^k * total)); `effectiveOrder` averages over only the orders the hypothesis has n-grams of.
 */
export const computeBleu = (given: readonly number[], effectiveOrder: boolean): BleuResult => {
  // No examples summed (an empty resample, an empty suite): all zeros, which score 0.
  const stats = given.length === 0 ? new Array<number>(2 + 2 * MAX_ORDER).fill(0) : given;
  const sysLen = stats[0]!;
  const refLen = stats[1]!;
  const correct = stats.slice(2, 2 + MAX_ORDER);
  const total = stats.slice(2 + MAX_ORDER, 2 + 2 * MAX_ORDER);
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const ratio = refLen ? sysLen / refLen : 0;
  const precisions = new Array<number>(MAX_ORDER).fill(0);
  // No match at all: 0 (sacreBLEU #141), whatever the smoothing.
  if (!correct.some((c) => c !== 0)) return { score: 0, precisions, bp, ratio, sysLen, refLen };
  let smooth = 1;
  let order = MAX_ORDER;
  for (let n = 1; n <= MAX_ORDER; n++) {
    if (total[n - 1] === 0) break;
    if (effectiveOrder) order = n;
    if (correct[n - 1] === 0) {
      smooth *= 2;
      precisions[n - 1] = 100 / (smooth * total[n - 1]!);
    } else {
      precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
    }
  }
  const meanLog = precisions.slice(0, order).reduce((sum, p) => sum + myLog(p), 0) / order;
  return { score: bp * Math.exp(meanLog), precisions, bp, ratio, sysLen, refLen };
};

export const bleuScorer: Scorer = {
  name: 'bleu',
  // sacreBLEU's signature form; the version is ours, since this is a port, not sacreBLEU itself.
  version: (references) => `nrefs:${references}|case:mixed|eff:no|tok:13a|smooth:exp|version:${BLEU_IMPLEMENTATION}`,
  unit: 'points',
  range: [0, 100],
  interval: 'bootstrap',
  scoreAll: (items) =>
    Promise.resolve({
      scores: items.map((item): ExampleScore => {
        // Nothing to compare with: unscored rather than a made-up reference length.
        if (item.references.length === 0) return { stats: [], score: null, detail: { unscored: 'no reference' } };
        const stats = bleuStats(item.reply, item.references);
        return { stats, score: computeBleu(stats, true).score };
      }),
    }),
  aggregate: (totals) => computeBleu(totals, false).score,
  components: (totals) => {
    const r = computeBleu(totals, false);
    const [p1, p2, p3, p4] = r.precisions as [number, number, number, number];
    return { p1, p2, p3, p4, bp: r.bp, ratio: r.ratio, sys_len: r.sysLen, ref_len: r.refLen };
  },
};
