import { proportionScorer } from './proportion-scorer.js';

/** The first standalone capital letter A-J ("C", "(C)", "C.", "The answer is C"), for lettered options. */
export const extractLetter = (answer: string): string | undefined => /(?<![A-Za-z])([A-J])(?![A-Za-z])/.exec(answer.trim())?.[1];

/** AR-LSAT and any multiple choice: the reply's option letter equals a reference's letter. Stats [1|0]. */
export const letterScorer = proportionScorer('letter', 'letter:first-standalone-A-J|impl:tuneset-1', (item) => {
  const letter = extractLetter(item.reply);
  return { right: letter !== undefined && item.references.some((reference) => extractLetter(reference) === letter), predicted: letter ?? null };
});
