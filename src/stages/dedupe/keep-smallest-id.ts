import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import type { StageContext } from '../../pipeline/stage.js';
import { Spool } from '../split/spool.js';
import { contentKey, type ContentKeyOptions } from './content-key.js';
import { DEDUPE_DROP_CODES } from './drop-codes.js';
import { DedupeKeys } from './dedupe-keys.js';

type Rec = Item<Record<string, unknown>>;

const reason = dropReasons(DEDUPE_DROP_CODES);

const digest = (dataJson: string) => createHash('sha256').update(dataJson).digest('hex');

/**
 * Does record `item` (index `i`) beat the current survivor `k`? The smaller id wins. Ids should be
 * unique, but if two copies share one, the smaller hash of their full data decides, so the choice
 * still does not depend on input order; copies equal in id and data are interchangeable in the
 * output files and the earlier one stays.
 */
const beats = (keys: DedupeKeys, spool: Spool, item: Rec, i: number, k: number): boolean => {
  if (keys.ids[i] !== keys.ids[k]) return keys.ids[i]! < keys.ids[k]!;
  const other = JSON.parse(spool.read({ offset: keys.offsets[k]!, length: keys.lengths[k]! })) as Rec;
  return digest(JSON.stringify(item.data)) < digest(JSON.stringify(other.data));
};

const CHUNK = 1 << 20;

/**
 * The spooled records in input order, one JSON line each. They lie back to back in the spool, so
 * they are read in chunks of about 1 MiB rather than with a system call per record.
 */
function* inInputOrder(spool: Spool, keys: DedupeKeys): Generator<string> {
  for (let i = 0; i < keys.size; ) {
    const start = keys.offsets[i]!;
    let j = i;
    while (j + 1 < keys.size && keys.offsets[j]! + keys.lengths[j]! - start < CHUNK) j++;
    const lines = spool.read({ offset: start, length: keys.offsets[j]! + keys.lengths[j]! - start }).split('\n');
    for (let r = 0; r <= j - i; r++) yield lines[r]!;
    i = j + 1;
  }
}

/**
 * Barrier: of each set of copies keeps the one with the smallest id, whatever order they come in,
 * then emits in input order. Memory holds ids, groups and one key per distinct content; the records
 * wait in a spool file.
 */
export async function* keepSmallestId(input: AsyncIterable<Rec>, ctx: StageContext, opts: ContentKeyOptions & { fields: readonly string[] }): AsyncGenerator<Rec> {
  const spool = new Spool(join(ctx.tmpDir, `dedupe-${randomUUID()}.spool`));
  try {
    const keys = new DedupeKeys();
    /** Per content class, the index of the record that survives so far. */
    const kept: number[] = [];
    for await (const item of input) {
      // JSON has no raw line breaks, so every record is exactly one line.
      const at = spool.append(`${JSON.stringify(item)}\n`);
      const i = keys.push(item.id, item.group ?? item.id, contentKey(item.data, opts.fields, opts), at);
      const c = keys.classOf[i]!;
      const k = kept[c];
      if (k === undefined || beats(keys, spool, item, i, k)) kept[c] = i;
    }
    keys.sealClasses();

    let i = 0;
    for (const line of inInputOrder(spool, keys)) {
      const c = keys.classOf[i]!;
      const k = kept[c]!;
      const item = JSON.parse(line) as Rec;
      if (k === i) {
        yield { ...item, meta: { ...item.meta, contentHash: keys.classes[c]! } };
      } else {
        // The survivor may come later in input order; the run-level union-find merges the groups
        // either way before split reads them.
        ctx.groups.union(keys.groups[i]!, keys.groups[k]!);
        ctx.drop(item, reason('duplicate', { keptId: keys.ids[k]! }));
      }
      i++;
    }
    ctx.report({ unique: keys.classes.length });
  } finally {
    spool.dispose();
  }
}
