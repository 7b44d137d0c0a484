import { minhash } from './minhash-task.js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import { batchedAhead } from '../../pipeline/workers/batched-ahead.js';
import { Spool } from '../split/spool.js';
import { BandColumns } from './band-columns.js';
import { chooseBands } from './bands.js';
import { clusterCandidates } from './clusters.js';
import { textOf } from './compared-text.js';
import { acceptCutoff } from './cutoff.js';
import { KeptMembers, type KeepRule } from './keep.js';
import { Members } from './members.js';
import { NearKeys } from './near-keys.js';
import { SignatureFile } from './signature-file.js';

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

const round = (x: number) => Math.round(x * 1000) / 1000;

export const NEAR_DEDUPE_DROP_CODES = {
  near_duplicate: "a near-copy of a kept item; detail: `{ keptId, similarity }` (the estimated Jaccard similarity to it)",
} as const;

const reason = dropReasons(NEAR_DEDUPE_DROP_CODES);

// Records per minhash task: large enough that handing a batch to a thread costs little next to
// hashing it, small enough that the batches read ahead hold little memory.
const BATCH = 256;

const nearDedupeStage = defineStage('near-dedupe', NearDedupeOptions, (opts) => {
  const { bands, rows } = opts.bands !== undefined ? { bands: opts.bands, rows: opts.rows! } : chooseBands(opts.threshold, opts.permutations);
  const cutoff = acceptCutoff(opts.threshold, opts.permutations);
  const task = { shingle: opts.shingle, permutations: opts.permutations, bands, rows };
  return {
    async *run(input: AsyncIterable<Item<Record<string, unknown>>>, ctx) {
      // Barrier: 'longest' and 'newest' need the whole cluster, so bodies wait in a spool file, and
      // signatures and band keys in files of their own: memory holds a few bytes per record.
      const base = join(ctx.tmpDir, `near-dedupe-${randomUUID()}`);
      const spool = new Spool(`${base}.spool`);
      const signatures = new SignatureFile(`${base}.signatures`, opts.permutations);
      const columns = new BandColumns(`${base}.bands`, bands);
      try {
        const keys = new NearKeys();
        // One path for any pool size: signatures are computed in batches by the pool (inline in tests).
        const hashed = batchedAhead(input, { batch: BATCH, inFlight: Math.max(2, ctx.workers.size * 2) }, async (items) => {
          const out = await ctx.workers.run(minhash, { texts: items.map((it) => textOf(it.data, opts.fields)), ...task });
          return items.map((_, at) => ({ out, at }));
        });
        for await (const [item, { out, at }] of hashed) {
          if (at === 0) {
            signatures.append(out.signatures);
            columns.append(out.bandKeys);
          }
          keys.push(spool.append(JSON.stringify(item)), out.hasWords[at] === 1);
        }
        signatures.flush();
        columns.flush();

        const { union, stats, runs } = clusterCandidates({ keys, columns, signatures, budgetBytes: ctx.keyMemoryBytes, runsPath: `${base}.runs` }, cutoff);
        if (runs > 1) {
          const mib = Math.round((ctx.keyMemoryBytes / 2 ** 20) * 10) / 10;
          ctx.log.info(`the band keys of ${keys.size} records are over the stage's memory share (${mib} MiB): each band was sorted in ${runs} runs on disk and merged`);
        }
        const members = new Members(spool, keys, opts.fields);
        const kept = new KeptMembers(union, opts.keep as KeepRule, members.member);
        let dropped = 0;
        for (let i = 0; i < keys.size; i++) {
          const item = members.body(i);
          const k = kept.keptOf(i);
          if (k === i) {
            yield item;
            continue;
          }
          const survivor = members.member(k);
          // The kept item may have gone downstream already: the run-level union-find still merges
          // the groups, so split puts the whole cluster on one side.
          ctx.groups.union(item.group ?? item.id, survivor.group);
          dropped++;
          ctx.drop(item, reason('near_duplicate', { keptId: survivor.id, similarity: round(signatures.similarity(i, k)) }));
        }
        ctx.report({ items: keys.size, dropped, clusters: kept.clusters, bands, rows, cutoff: round(cutoff), candidates: stats.candidates, verified: stats.verified });
      } finally {
        spool.dispose();
        signatures.dispose();
        columns.dispose();
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
