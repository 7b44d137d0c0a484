import type { Comparison, SuiteScore } from './eval-types.js';
import type { ExampleScore, Scorer } from './scorer-types.js';

export interface StatisticsOptions {
  /** Bootstrap draws. @default 1000 */
  resamples?: number;
  /** Seeds the draws, so the same answers always give the same interval. @default 'tuneset' */
  seed?: string;
}

// Placeholder (issue 14): the score of one model on one suite with its 95% interval.
export const suiteScore = (_scorer: Scorer, _scores: readonly ExampleScore[], _about: { suite: string; model: string }, _o?: StatisticsOptions): SuiteScore => {
  throw new Error('suiteScore: not built yet');
};

// Placeholder (issue 14): a model against the baseline, paired bootstrap over examples both have scores for (same index = same example).
export const compareScores = (
  _scorer: Scorer,
  _model: readonly ExampleScore[],
  _baseline: readonly ExampleScore[],
  _about: { suite: string; model: string; baseline: string },
  _o?: StatisticsOptions,
): Comparison => {
  throw new Error('compareScores: not built yet');
};
