import type { z } from 'zod';
import type { Item } from '../../pipeline/item.js';
import { defineMap, type Stage } from '../../pipeline/stage.js';
import { measure } from './measure.js';
import { QualityOptions } from './options.js';
import { firstFailure } from './rules.js';
import { defaultFields, textOf } from './text-of.js';

type Data = Record<string, unknown>;

const qualityStage = defineMap('quality', QualityOptions, (item: Item<Data>, ctx, opts): Item<Data> | undefined => {
  // The named fields are read together: a record is one document, and a short question field alone
  // would fail the word-count rules that its passage satisfies.
  const text = textOf(item.data, opts.fields ?? defaultFields(item.data));
  const failure = firstFailure(measure(text), opts);
  return failure === undefined ? item : ctx.drop(item, failure);
});

/**
 * Heuristic quality filters after Gopher (Rae et al. 2021) and C4, each with its own drop code and
 * each switched off by `false` or `null`: `too_few_words`, `too_many_words`, `too_few_letters`,
 * `mean_word_length`, `symbol_ratio`, `boilerplate`, `language`, `few_lines_end_in_punctuation`,
 * `duplicate_lines`, `duplicate_paragraphs`, `top_ngram_repetition`, `duplicate_ngrams`. The detail
 * gives the measured `value` and the `min` or `max` it broke. Line and paragraph rules apply only to
 * texts long enough for a share of lines to mean something (options.ts).
 */
export const qualityFilter = <T extends object = Data>(options?: z.input<typeof QualityOptions>): Stage<T, T> =>
  qualityStage(options) as unknown as Stage<T, T>;
