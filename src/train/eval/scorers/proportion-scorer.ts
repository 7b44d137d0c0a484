import type { Scorer, ScoringItem } from '../scorer-types.js';

/** Whether one reply is right, and what the scorer read of it (shown beside the answer). */
interface Verdict {
  right: boolean;
  predicted: string | null;
}

/**
 * A right-or-wrong scorer (letter, exact): stats [1|0], the share right, a Wilson interval.
 * statistics.ts reads the one stat's total as the count right, so every proportion is built here.
 */
export const proportionScorer = (name: string, version: string, check: (item: ScoringItem) => Verdict): Scorer => ({
  name,
  version: () => version,
  unit: 'proportion',
  range: [0, 1],
  interval: 'wilson',
  scoreAll: (items) =>
    Promise.resolve({
      scores: items.map((item) => {
        const { right, predicted } = check(item);
        return { stats: [right ? 1 : 0], score: right ? 1 : 0, predicted };
      }),
    }),
  aggregate: (totals, n) => (n === 0 ? 0 : totals[0]! / n),
});
