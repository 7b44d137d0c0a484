import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import { Spool } from '../split/spool.js';
import { chooseBands } from './bands.js';
import { clusterCandidates } from './clusters.js';
import { acceptCutoff } from './cutoff.js';
import { chooseKept, type KeepRule } from './keep.js';
import { MinHasher, bandKeys } from './minhash.js';
import { NearKeys } from './near-keys.js';
import { shingleHashes, words } from './shingles.js';

export const NearDedupeOptions = z
  .strictObject({
    fields: z.array(z.string().min(1)).min(1).describe('Fields of `data` whose text is compared (joined with a space).'),
    threshold: z.number().gt(0).lt(1).default(0.8).describe('Jaccard similarity of word-shingle sets at or above which records are near-duplicates.'),
    shingle: z.int().min(1).max(32).default(5).describe('Words per shingle.'),
    // 256 keeps pairs 0.1 below the threshold from being merged (see cutoff.ts) at ~2x the cost of 128.
    permutations: z
      .int()
      .min(16)
      .max(1024)
      .multipleOf(4)
      .default(256)
      .describe("MinHash signature length: the estimate's error shrinks as 1/sqrt(permutations)."),
    bands: z.int().min(1).optional().meta({ description: 'LSH bands; give `rows` too.', whenAbsent: 'derived from threshold and permutations (bands.ts)' }),
    rows: z.int().min(1).optional().meta({ description: 'Rows per LSH band; give `bands` too.', whenAbsent: 'derived from threshold and permutations (bands.ts)' }),
    keep: z
      .enum(['first', 'longest', 'newest', 'smallest-id'])
      .default('first')
      .describe(
        'Which member of a cluster survives: the first in input order, the most text, the latest `source.fetchedAt`, or the smallest id (the one rule that does not depend on input order).',
      ),
  })
  .refine((o) => (o.bands === undefined) === (o.rows === undefined), { message: 'give both bands and rows, or neither', path: ['bands'] })
  .refine((o) => o.bands === undefined || o.bands * o.rows! <= o.permutations, { message: 'bands * rows must not exceed permutations', path: ['bands'] });

/** The compared text: string fields as they are, anything else as JSON, so numbers and lists count too. */
const textOf = (data: Record<string, unknown>, fields: readonly string[]): string =>
  fields
    .map((f) => data[f])
    .filter((v) => v !== undefined && v !== null)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(' ');

const round = (x: number) => Math.round(x * 1000) / 1000;

export const NEAR_DEDUPE_DROP_CODES = {
  near_duplicate: "a near-copy of a kept item; detail: `{ keptId, similarity }` (the estimated Jaccard similarity to it)",
} as const;

const reason = dropReasons(NEAR_DEDUPE_DROP_CODES);

const nearDedupeStage = defineStage('near-dedupe', NearDedupeOptions, (opts) => {
  const { bands, rows } = opts.bands !== undefined ? { bands: opts.bands, rows: opts.rows! } : chooseBands(opts.threshold, opts.permutations);
  const hasher = new MinHasher(opts.permutations);
  const cutoff = acceptCutoff(opts.threshold, opts.permutations);
  return {
    async *run(input: AsyncIterable<Item<Record<string, unknown>>>, ctx) {
      // Barrier: 'longest' and 'newest' need the whole cluster, so bodies wait in a spool file.
      const spool = new Spool(join(ctx.tmpDir, `near-dedupe-${randomUUID()}.spool`));
      try {
        const keys = new NearKeys(opts.permutations, bands);
        const sig = new Uint32Array(opts.permutations);
        for await (const item of input) {
          const i = keys.push(item.id, item.group ?? item.id);
          const text = textOf(item.data, opts.fields);
          const shingles = shingleHashes(words(text), opts.shingle);
          hasher.signature(shingles, sig);
          for (let p = 0; p < sig.length; p++) keys.signatures[i * opts.permutations + p] = sig[p]! >>> 16;
          bandKeys(sig, bands, rows, keys.bandKeys, i * bands);
          keys.hasWords[i] = shingles.length > 0 ? 1 : 0;
          keys.textLengths[i] = text.length;
          keys.fetchedAt[i] = item.source.fetchedAt === undefined ? NaN : Date.parse(item.source.fetchedAt);
          const at = spool.append(JSON.stringify(item));
          keys.offsets[i] = at.offset;
          keys.lengths[i] = at.length;
        }

        const { union, stats } = clusterCandidates(keys, cutoff);
        const kept = chooseKept(keys, union, opts.keep as KeepRule);
        // A cluster is a root with more than one member; counted once, at its second member.
        const seen = new Uint8Array(keys.size);
        let clusters = 0;
        let dropped = 0;
        for (let i = 0; i < keys.size; i++) {
          const root = union.find(i);
          const k = kept[root]!;
          if (root !== i && seen[root] === 0) {
            seen[root] = 1;
            clusters++;
          }
          const item = JSON.parse(spool.read({ offset: keys.offsets[i]!, length: keys.lengths[i]! })) as Item<Record<string, unknown>>;
          if (k === i) {
            yield item;
            continue;
          }
          // The kept item may have gone downstream already: the run-level union-find still merges
          // the groups, so split puts the whole cluster on one side.
          ctx.groups.union(keys.groups[i]!, keys.groups[k]!);
          dropped++;
          ctx.drop(item, reason('near_duplicate', { keptId: keys.ids[k]!, similarity: round(keys.similarity(i, k)) }));
        }
        ctx.report({ items: keys.size, dropped, clusters, bands, rows, cutoff: round(cutoff), candidates: stats.candidates, verified: stats.verified });
      } finally {
        spool.dispose();
      }
    },
  };
});

/**
 * Near-duplicate dedupe: MinHash over normalised word shingles with LSH banding. Candidate pairs
 * whose estimated Jaccard clears the cutoff (a pair at `threshold` passes with probability >= 0.95,
 * see cutoff.ts) are clustered (union-find); one member per cluster is
 * kept by the `keep` rule and every other member is dropped as `near_duplicate` with
 * `{ keptId, similarity }` (estimated similarity to the kept member). Cluster members' groups are
 * united so near-duplicates never straddle train and validation. Emits in input order.
 */
export const nearDedupe = <T extends object = Record<string, unknown>>(options: z.input<typeof NearDedupeOptions>): Stage<T, T> =>
  nearDedupeStage(options) as unknown as Stage<T, T>;
