import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SpillingKeyTable } from '../../pipeline/compact/spilling-key-table.js';
import { StringSpool } from '../../pipeline/compact/string-spool.js';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import type { StageContext } from '../../pipeline/stage.js';
import { contentKey, type ContentKeyOptions } from './content-key.js';
import { contentKeyWords } from './content-key-words.js';
import { DEDUPE_DROP_CODES } from './drop-codes.js';

type Rec = Item<Record<string, unknown>>;

const reason = dropReasons(DEDUPE_DROP_CODES);

/**
 * Streams: keeps the first copy seen and drops every later one. Which of two unequal copies (other
 * case or whitespace) survives therefore depends on input order.
 *
 * Memory holds one 128-bit key per distinct content (spilling to disk past ctx.keyMemoryBytes); the
 * kept copy's id and group wait in a spool, read back only when a duplicate names them.
 */
export async function* keepFirst(input: AsyncIterable<Rec>, ctx: StageContext, opts: ContentKeyOptions & { fields: readonly string[] }): AsyncGenerator<Rec> {
  const kept = new SpillingKeyTable(ctx.tmpDir, ctx.keyMemoryBytes);
  const rows = new StringSpool(join(ctx.tmpDir, `dedupe-${randomUUID()}.kept`));
  const words = new Uint32Array(4);
  try {
    for await (const item of input) {
      const key = contentKey(item.data, opts.fields, opts);
      const group = item.group ?? item.id;
      const first = kept.setIfAbsent(contentKeyWords(key, words), rows.size);
      if (first !== undefined) {
        const [firstId, firstGroup] = JSON.parse(rows.get(first)) as [string, string];
        ctx.groups.union(group, firstGroup);
        ctx.drop(item, reason('duplicate', { keptId: firstId }));
        continue;
      }
      rows.push(JSON.stringify([item.id, group]));
      yield { ...item, meta: { ...item.meta, contentHash: key } };
    }
    ctx.report({ unique: kept.size });
  } finally {
    kept.close();
    rows.dispose();
  }
}
