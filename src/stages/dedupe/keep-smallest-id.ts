import { Uint32List } from '../../pipeline/compact/uint32-list.js';
import { dropReasons } from '../../pipeline/drop-codes.js';
import { sha256 } from '../../pipeline/hash.js';
import type { Item } from '../../pipeline/item.js';
import type { StageContext } from '../../pipeline/stage.js';
import { contentKey, type ContentKeyOptions } from './content-key.js';
import { DEDUPE_DROP_CODES } from './drop-codes.js';
import { DedupeKeys } from './dedupe-keys.js';

type Rec = Item<Record<string, unknown>>;

const reason = dropReasons(DEDUPE_DROP_CODES);

const digest = (dataJson: string) => sha256(dataJson);

/**
 * Does record `item` beat the current survivor `k`? The smaller id wins. Ids should be unique, but
 * if two copies share one, the smaller hash of their full data decides, so the choice still does
 * not depend on input order; copies equal in id and data are interchangeable in the output files
 * and the earlier one stays.
 */
const beats = (keys: DedupeKeys, item: Rec, k: number): boolean => {
  const [keptId] = keys.idAndGroup(k);
  if (item.id !== keptId) return item.id < keptId;
  const other = keys.item<Record<string, unknown>>(k);
  return digest(JSON.stringify(item.data)) < digest(JSON.stringify(other.data));
};

/**
 * Barrier: of each set of copies keeps the one with the smallest id, whatever order they come in,
 * then emits in input order. Memory holds a content class per record and a key and survivor per
 * distinct content; ids, groups and the records themselves wait in spool files.
 */
export async function* keepSmallestId(input: AsyncIterable<Rec>, ctx: StageContext, opts: ContentKeyOptions & { fields: readonly string[] }): AsyncGenerator<Rec> {
  const keys = new DedupeKeys(ctx.tmpDir, ctx.keyMemoryBytes);
  try {
    /** Per content class, the index of the record that survives so far. */
    const kept = new Uint32List();
    for await (const item of input) {
      const { index, isNew } = keys.push(item, contentKey(item.data, opts.fields, opts));
      // a new class is numbered kept.length, so pushing its first record files it under its number
      if (isNew) kept.push(index);
      else {
        const c = keys.classOf.get(index);
        if (beats(keys, item, kept.get(c))) kept.set(c, index);
      }
    }
    keys.sealClasses();

    let i = 0;
    for (const { key, item } of keys.inOrder<Record<string, unknown>>()) {
      const k = kept.get(keys.classOf.get(i));
      if (k === i) {
        yield { ...item, meta: { ...item.meta, contentHash: key } };
      } else {
        // The survivor may come later in input order; the run-level union-find merges the groups
        // either way before split reads them.
        const [keptId, keptGroup] = keys.idAndGroup(k);
        ctx.groups.union(item.group ?? item.id, keptGroup);
        ctx.drop(item, reason('duplicate', { keptId }));
      }
      i++;
    }
    ctx.report({ unique: keys.classCount });
  } finally {
    keys.dispose();
  }
}
