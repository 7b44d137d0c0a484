import { rougeTokens } from './rouge-tokenize.js';

/** Precision, recall and F1 of one ROUGE type, as rouge-score's Score tuple. */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export type RougeType = 'rouge1' | 'rouge2' | 'rougeL';

export const ROUGE_TYPES: readonly RougeType[] = ['rouge1', 'rouge2', 'rougeL'];

export type RougeScores = Record<RougeType, RougeScore>;

/** rouge-score's scoring.fmeasure: the harmonic mean, 0 when both are 0. */
export const fmeasure = (precision: number, recall: number): number => (precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0);

const scoreOf = (precision: number, recall: number): RougeScore => ({ precision, recall, fmeasure: fmeasure(precision, recall) });

const ngramCounts = (tokens: readonly string[], n: number): Map<string, number> => {
  const counts = new Map<string, number>();
  // Tokens are [a-z0-9]+, so a space-joined key cannot confuse two different n-grams.
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

/** ROUGE-N: clipped n-gram overlap over the prediction's (precision) and the target's (recall) n-grams; a side with none counts as 1. */
const scoreNgrams = (target: readonly string[], prediction: readonly string[], n: number): RougeScore => {
  const targetGrams = ngramCounts(target, n);
  const predictionGrams = ngramCounts(prediction, n);
  let overlap = 0;
  let targetTotal = 0;
  for (const [gram, count] of targetGrams) {
    overlap += Math.min(count, predictionGrams.get(gram) ?? 0);
    targetTotal += count;
  }
  let predictionTotal = 0;
  for (const count of predictionGrams.values()) predictionTotal += count;
  return scoreOf(overlap / Math.max(predictionTotal, 1), overlap / Math.max(targetTotal, 1));
};

/** The length of the longest common subsequence, one table row at a time (the same numbers as rouge-score's _lcs_table). */
export const lcsLength = <T>(a: readonly T[], b: readonly T[]): number => {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
};

/** ROUGE-L at sentence level (rouge-score's `rougeL`, not `rougeLsum`): the LCS over the prediction's and the target's lengths. */
const scoreLcs = (target: readonly string[], prediction: readonly string[]): RougeScore => {
  if (target.length === 0 || prediction.length === 0) return scoreOf(0, 0);
  const lcs = lcsLength(target, prediction);
  return scoreOf(lcs / prediction.length, lcs / target.length);
};

/** rouge-score's RougeScorer(['rouge1', 'rouge2', 'rougeL']).score(target, prediction). */
export const rougeScores = (target: string, prediction: string): RougeScores => {
  const t = rougeTokens(target);
  const p = rougeTokens(prediction);
  return { rouge1: scoreNgrams(t, p, 1), rouge2: scoreNgrams(t, p, 2), rougeL: scoreLcs(t, p) };
};

/**
 * rouge-score's score_multi: each type takes the whole score (P, R, F) of the target with the best
 * F1, the first one on a tie (numpy's argmax). Throws with no target, as score_multi does.
 */
export const rougeScoresMulti = (targets: readonly string[], prediction: string): RougeScores => {
  if (targets.length === 0) throw new Error('ROUGE needs at least one reference');
  const each = targets.map((target) => rougeScores(target, prediction));
  const best = (type: RougeType): RougeScore => each.reduce((kept, scores) => (scores[type].fmeasure > kept[type].fmeasure ? scores : kept))[type];
  return { rouge1: best('rouge1'), rouge2: best('rouge2'), rougeL: best('rougeL') };
};
