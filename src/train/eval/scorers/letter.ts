import type { Scorer } from '../scorer-types.js';

/** The first standalone capital letter A-J ("C", "(C)", "C.", "The answer is C"), for lettered options. */
export const extractLetter = (answer: string): string | undefined => /(?<![A-Za-z])([A-J])(?![A-Za-z])/.exec(answer.trim())?.[1];

/** AR-LSAT and any multiple choice: the reply's option letter equals a reference's letter. Stats [1|0]. */
export const letterScorer: Scorer = {
  name: 'letter',
  version: () => 'letter:first-standalone-A-J|impl:tuneset-1',
  unit: 'proportion',
  range: [0, 1],
  interval: 'wilson',
  scoreAll: (items) =>
    Promise.resolve({
      scores: items.map((item) => {
        const letter = extractLetter(item.reply);
        const right = letter !== undefined && item.references.some((reference) => extractLetter(reference) === letter);
        return { stats: [right ? 1 : 0], score: right ? 1 : 0, predicted: letter ?? null };
      }),
    }),
  aggregate: (totals, n) => (n === 0 ? 0 : totals[0]! / n),
};
