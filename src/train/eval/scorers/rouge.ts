import type { ExampleScore, Scorer } from '../scorer-types.js';
import { ROUGE_TYPES, rougeScoresMulti } from './rouge-measures.js';

/*
 * ROUGE-1, ROUGE-2 and ROUGE-L as Google's rouge-score package (0.1.2) computes them with its
 * defaults: DefaultTokenizer without the Porter stemmer, sentence-level LCS for rougeL, and
 * score_multi's best-F1 reference per type. Our own code: the npm ROUGE packages (`rouge`,
 * `js-rouge`) tokenize differently, keep case by default, return ROUGE-N recall only and refuse
 * empty strings, so none gives rouge-score's numbers.
 */

/** Per example: [r1 P, r1 R, r1 F, r2 P, r2 R, r2 F, rL P, rL R, rL F]. */
const STATS_PER_TYPE = 3;
const F_OFFSET = 2;
const ROUGE_L_F = ROUGE_TYPES.indexOf('rougeL') * STATS_PER_TYPE + F_OFFSET;

const scoreOne = (references: readonly string[], reply: string): ExampleScore => {
  if (references.length === 0) return { stats: [], score: null, detail: { unscored: 'no reference to compare with' } };
  const scores = rougeScoresMulti(references, reply);
  return {
    stats: ROUGE_TYPES.flatMap((type) => [scores[type].precision, scores[type].recall, scores[type].fmeasure]),
    score: scores.rougeL.fmeasure,
    detail: { rouge1: scores.rouge1.fmeasure, rouge2: scores.rouge2.fmeasure, rougeL: scores.rougeL.fmeasure },
  };
};

/** Mean F1 of each type over n examples. */
const meanF = (totals: readonly number[], n: number, typeIndex: number): number => (n === 0 ? 0 : totals[typeIndex * STATS_PER_TYPE + F_OFFSET]! / n);

export const rougeScorer: Scorer = {
  name: 'rouge',
  version: () => 'rouge:rouge-score-0.1.2-compatible|tok:default|stem:no|multi:best-f|impl:tuneset-1',
  unit: 'f1',
  range: [0, 1],
  interval: 'bootstrap',
  scoreAll: (items) => Promise.resolve({ scores: items.map((item) => scoreOne(item.references, item.reply)) }),
  /** The headline: mean ROUGE-L F1, as rouge-score's per-example scores averaged. */
  aggregate: (totals, n) => (n === 0 ? 0 : totals[ROUGE_L_F]! / n),
  components: (totals, n) => Object.fromEntries(ROUGE_TYPES.map((type, index) => [type, meanF(totals, n, index)])),
};
