import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import type { StageContext } from '../../pipeline/stage.js';
import { contentKey, type ContentKeyOptions } from './content-key.js';
import { DEDUPE_DROP_CODES } from './drop-codes.js';

type Rec = Item<Record<string, unknown>>;

const reason = dropReasons(DEDUPE_DROP_CODES);

/**
 * Streams: keeps the first copy seen and drops every later one. Which of two unequal copies (other
 * case or whitespace) survives therefore depends on input order.
 */
export async function* keepFirst(input: AsyncIterable<Rec>, ctx: StageContext, opts: ContentKeyOptions & { fields: readonly string[] }): AsyncGenerator<Rec> {
  const kept = new Map<string, { id: string; group: string }>();
  for await (const item of input) {
    const key = contentKey(item.data, opts.fields, opts);
    const first = kept.get(key);
    if (first) {
      ctx.groups.union(item.group ?? item.id, first.group);
      ctx.drop(item, reason('duplicate', { keptId: first.id }));
      continue;
    }
    kept.set(key, { id: item.id, group: item.group ?? item.id });
    yield { ...item, meta: { ...item.meta, contentHash: key } };
  }
  ctx.report({ unique: kept.size });
}
