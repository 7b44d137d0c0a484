import type { Comparison, Interval, SuiteScore } from './eval-types.js';
import type { ExampleScore, Scorer } from './scorer-types.js';
import { seededRandom } from './seeded-random.js';
import { wilsonInterval } from './wilson.js';

export interface StatisticsOptions {
  /** Bootstrap draws. @default 1000 */
  resamples?: number;
  /** Seeds the draws, so the same answers always give the same interval. @default 'tuneset' */
  seed?: string;
}

const NO_INTERVAL: Interval = { low: 0, high: 0 };

/**
 * The chosen examples' stats, one row of `width` numbers each, in one typed array: the bootstrap
 * sums rows a million times, and a flat Float64Array keeps that well under a second.
 */
const statsMatrix = (scores: readonly ExampleScore[], indices: readonly number[], where: string): { rows: Float64Array; width: number } => {
  const width = indices.length === 0 ? 0 : scores[indices[0]!]!.stats.length;
  const rows = new Float64Array(indices.length * width);
  indices.forEach((index, row) => {
    const stats = scores[index]!.stats;
    if (stats.length !== width) {
      throw new Error(`${where}: example ${index} has ${stats.length} stats where the first scored example has ${width}`);
    }
    rows.set(stats, row * width);
  });
  return { rows, width };
};

const totalsOf = (rows: Float64Array, width: number): number[] => {
  const totals = new Array<number>(width).fill(0);
  for (let at = 0; at < rows.length; at += width) for (let k = 0; k < width; k++) totals[k]! += rows[at + k]!;
  return totals;
};

/** Adds the rows `picks` names into `totals` (cleared first). */
const sumPicked = (rows: Float64Array, width: number, picks: Uint32Array, totals: number[]): void => {
  totals.fill(0);
  for (let i = 0; i < picks.length; i++) {
    const at = picks[i]! * width;
    for (let k = 0; k < width; k++) totals[k]! += rows[at + k]!;
  }
};

const drawIndices = (random: () => number, picks: Uint32Array, n: number): void => {
  for (let i = 0; i < picks.length; i++) picks[i] = Math.floor(random() * n);
};

/** The q-quantile of sorted values, interpolating between neighbours (numpy's default, 'linear'). */
const quantile = (sorted: Float64Array, q: number): number => {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
};

/** The 2.5% and 97.5% points of the draws; a draw the scorer could not aggregate (NaN) is left out. */
const percentileInterval = (draws: Float64Array): Interval => {
  const finite = draws.filter((value) => Number.isFinite(value)).sort();
  if (finite.length === 0) return NO_INTERVAL;
  return { low: quantile(finite, 0.025), high: quantile(finite, 0.975) };
};

/** The seed of one interval: the caller's seed and every name that tells this interval apart from another. */
const seedOf = (seed: string, parts: readonly string[]): string => [seed, ...parts].join('\u0000');

const scoredIndices = (scores: readonly ExampleScore[]): number[] =>
  scores.flatMap((score, index) => (score.score === null ? [] : [index]));

/** The score of one model on one suite with its 95% interval: Wilson for proportions, else a seeded percentile bootstrap over examples. */
export const suiteScore = (scorer: Scorer, scores: readonly ExampleScore[], about: { suite: string; model: string }, o: StatisticsOptions = {}): SuiteScore => {
  const { resamples = 1000, seed = 'tuneset' } = o;
  const indices = scoredIndices(scores);
  const n = indices.length;
  const where = `${scorer.name} scores of ${about.model} on ${about.suite}`;
  const { rows, width } = statsMatrix(scores, indices, where);
  const totals = totalsOf(rows, width);
  const base = { suite: about.suite, scorer: scorer.name, model: about.model, method: scorer.interval, unit: scorer.unit, n, unscored: scores.length - n };
  if (n === 0) return { ...base, score: 0, interval95: NO_INTERVAL, ...(scorer.interval === 'wilson' ? { correct: 0 } : {}) };
  // Floating point can put a perfect corpus a hair past the scale's end (BLEU's exp(log 100) is 100.00000000000004).
  const score = clampTo(scorer.range, scorer.aggregate(totals, n));
  const components = scorer.components?.(totals, n);
  if (scorer.interval === 'wilson') {
    // A proportion's one stat is 1 (right) or 0 (wrong).
    const correct = totals[0] ?? 0;
    return { ...base, score, interval95: wilsonInterval(correct, n), correct, ...(components ? { components } : {}) };
  }
  const random = seededRandom(seedOf(seed, [about.suite, scorer.name, about.model]));
  const picks = new Uint32Array(n);
  const drawn = new Array<number>(width).fill(0);
  const draws = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    drawIndices(random, picks, n);
    sumPicked(rows, width, picks, drawn);
    draws[r] = scorer.aggregate(drawn, n);
  }
  const interval = percentileInterval(draws);
  return { ...base, score, interval95: { low: clampTo(scorer.range, interval.low), high: clampTo(scorer.range, interval.high) }, ...(components ? { components } : {}) };
};

const clampTo = ([lo, hi]: readonly [number, number], value: number): number => Math.min(hi, Math.max(lo, value));

/**
 * A model against the baseline over the examples both have scores for (index i is the same example
 * in both): the observed difference of the corpus scores, and a paired bootstrap (the same drawn
 * examples for both models) for its 95% interval and a two-sided p-value.
 */
export const compareScores = (
  scorer: Scorer,
  model: readonly ExampleScore[],
  baseline: readonly ExampleScore[],
  about: { suite: string; model: string; baseline: string },
  o: StatisticsOptions = {},
): Comparison => {
  const { resamples = 1000, seed = 'tuneset' } = o;
  if (model.length !== baseline.length) {
    throw new Error(`${scorer.name} on ${about.suite}: ${about.model} has ${model.length} scores and ${about.baseline} ${baseline.length}; a paired comparison needs the same examples`);
  }
  const indices = model.flatMap((score, index) => (score.score !== null && baseline[index]!.score !== null ? [index] : []));
  const n = indices.length;
  const base = { suite: about.suite, scorer: scorer.name, model: about.model, baseline: about.baseline, n };
  if (n === 0) return { ...base, difference: 0, interval95: NO_INTERVAL, pValue: 1, significant: false };
  const m = statsMatrix(model, indices, `${scorer.name} scores of ${about.model} on ${about.suite}`);
  const b = statsMatrix(baseline, indices, `${scorer.name} scores of ${about.baseline} on ${about.suite}`);
  const difference = scorer.aggregate(totalsOf(m.rows, m.width), n) - scorer.aggregate(totalsOf(b.rows, b.width), n);
  const random = seededRandom(seedOf(seed, [about.suite, scorer.name, about.model, about.baseline]));
  const picks = new Uint32Array(n);
  const mDrawn = new Array<number>(m.width).fill(0);
  const bDrawn = new Array<number>(b.width).fill(0);
  const draws = new Float64Array(resamples);
  let otherSide = 0;
  for (let r = 0; r < resamples; r++) {
    drawIndices(random, picks, n);
    sumPicked(m.rows, m.width, picks, mDrawn);
    sumPicked(b.rows, b.width, picks, bDrawn);
    const d = scorer.aggregate(mDrawn, n) - scorer.aggregate(bDrawn, n);
    draws[r] = d;
    // A draw at 0, or across it from what was observed, counts against the difference being real.
    if (difference > 0 ? d <= 0 : difference < 0 ? d >= 0 : true) otherSide++;
  }
  const interval95 = percentileInterval(draws);
  const pValue = resamples === 0 ? 1 : Math.min(1, (2 * otherSide) / resamples);
  return { ...base, difference, interval95, pValue, significant: interval95.low > 0 || interval95.high < 0 };
};
