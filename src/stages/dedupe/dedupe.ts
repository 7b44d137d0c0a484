import { z } from 'zod';
import type { Item } from '../../pipeline/item.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import { contentKey } from './content-key.js';

export const DedupeOptions = z.strictObject({
  /** Fields of `data` that make up the content compared. */
  fields: z.array(z.string().min(1)).min(1),
  /** @default true */
  collapseWhitespace: z.boolean().default(true),
  /** @default true */
  caseFold: z.boolean().default(true),
});

const dedupeStage = defineStage('dedupe', DedupeOptions, (opts) => ({
  async *run(input: AsyncIterable<Item<Record<string, unknown>>>, ctx) {
    const kept = new Map<string, { id: string; group: string }>();
    for await (const item of input) {
      const key = contentKey(item.data, opts.fields, opts);
      const first = kept.get(key);
      if (first) {
        ctx.groups.union(item.group ?? item.id, first.group);
        ctx.drop(item, { code: 'duplicate', detail: { keptId: first.id } });
        continue;
      }
      kept.set(key, { id: item.id, group: item.group ?? item.id });
      yield { ...item, meta: { ...item.meta, contentHash: key } };
    }
    ctx.report({ unique: kept.size });
  },
}));

/**
 * Exact dedupe on a hash of normalised fields. Keeps the first item seen in input order; every later
 * copy is dropped as `duplicate` with `{ keptId }`, and its group is united with the kept item's
 * group, so the rest of a duplicated passage can never land on the other side of the split. Sets
 * `meta.contentHash` on kept items.
 */
export const dedupe = <T extends object = Record<string, unknown>>(options: z.input<typeof DedupeOptions>): Stage<T, T> =>
  dedupeStage(options) as unknown as Stage<T, T>;
