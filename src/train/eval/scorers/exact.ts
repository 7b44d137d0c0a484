import type { Scorer } from '../scorer-types.js';

const fold = (text: string): string => text.trim().toLowerCase();

/** The whole reply, trimmed and case-folded, equals one of the references. Stats [1|0]. */
export const exactScorer: Scorer = {
  name: 'exact',
  version: () => 'exact:trim|lowercase|any-reference|impl:tuneset-1',
  unit: 'proportion',
  range: [0, 1],
  interval: 'wilson',
  scoreAll: (items) =>
    Promise.resolve({
      scores: items.map((item) => {
        const reply = fold(item.reply);
        const right = item.references.some((reference) => fold(reference) === reply);
        return { stats: [right ? 1 : 0], score: right ? 1 : 0, predicted: item.reply.trim() };
      }),
    }),
  aggregate: (totals, n) => (n === 0 ? 0 : totals[0]! / n),
};
