import { z } from 'zod';
import type { Item } from '../../pipeline/item.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import { keepFirst } from './keep-first.js';
import { keepSmallestId } from './keep-smallest-id.js';

export const DedupeOptions = z.strictObject({
  fields: z.array(z.string().min(1)).min(1).describe('Fields of `data` that make up the content compared.'),
  collapseWhitespace: z.boolean().default(true).describe('Collapse every whitespace run to one space and trim before comparing.'),
  caseFold: z.boolean().default(true).describe('Compare case-insensitively (NFKC, then lower case).'),
  keep: z
    .enum(['smallest-id', 'first'])
    .default('smallest-id')
    .describe(
      'Which copy survives: the smallest id (waits for the whole input; the same records in any order keep the same copy) or the first in input order (streams, but copies that differ in case or whitespace then survive differently when the order changes).',
    ),
});

const dedupeStage = defineStage('dedupe', DedupeOptions, (opts) => ({
  run: (input: AsyncIterable<Item<Record<string, unknown>>>, ctx) => (opts.keep === 'first' ? keepFirst(input, ctx, opts) : keepSmallestId(input, ctx, opts)),
}));

/**
 * Exact dedupe on a hash of normalised fields. Keeps one copy of each content (by default the one
 * with the smallest id, see `keep`) and drops the others as `duplicate` with `{ keptId }`, uniting
 * each one's group with the kept item's group, so the rest of a duplicated passage can never land on
 * the other side of the split. Emits in input order and sets `meta.contentHash` on kept items.
 */
export const dedupe = <T extends object = Record<string, unknown>>(options: z.input<typeof DedupeOptions>): Stage<T, T> =>
  dedupeStage(options) as unknown as Stage<T, T>;
