import { proportionScorer } from './proportion-scorer.js';

const fold = (text: string): string => text.trim().toLowerCase();

/** The whole reply, trimmed and case-folded, equals one of the references. Stats [1|0]. */
export const exactScorer = proportionScorer('exact', 'exact:trim|lowercase|any-reference|impl:tuneset-1', (item) => {
  const reply = fold(item.reply);
  return { right: item.references.some((reference) => fold(reference) === reply), predicted: item.reply.trim() };
});
