import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Bytes } from '../../pipeline/hash.js';
import type { Item, Json } from '../../pipeline/item.js';
import { promptKey } from '../../pipeline/prompt-key.js';
import { defineStage, type StageContext } from '../../pipeline/stage.js';
import { key128 } from '../../pipeline/compact/key128.js';
import { SpillingKeyTable } from '../../pipeline/compact/spilling-key-table.js';
import { assignGroups } from './assign-groups.js';
import { resolveGroups } from './group-stats.js';
import { NameLog } from './name-log.js';
import { hash52, SplitKeys } from './split-keys.js';
import { assignStable } from './stable-assign.js';
import { Spool } from './spool.js';

export const SplitOptions = z
  .strictObject({
    validation: z.number().min(0).max(1).describe('Share of items for validation.'),
    test: z.number().min(0).max(1).default(0).describe('Share of items for an optional test split.'),
    stratify: z.string().min(1).optional().meta({ description: 'A `meta` field to stratify by (for AR-LSAT: the answer letter).', whenAbsent: 'no stratification' }),
    seed: z.int().describe('Same seed, groups and labels: same assignment and same output order.'),
    // Optional, not default(false): an absent option stays out of the options JSON, so config hashes of existing pipelines stay.
    stable: z.boolean().optional().meta({
      description:
        'Place each group by a seeded hash of its own key alone, so adding, removing or changing other groups never moves it between splits (for datasets rebuilt over time). Shares are then met only on average (binomial: a split of n groups is within about 2·sqrt(r(1-r)/n) of its share r, and few groups can leave a split empty); no `stratify`.',
      whenAbsent: 'false: whole groups balanced greedily, largest first, which one group more or less can rearrange',
    }),
  })
  .refine((o) => o.validation + o.test < 1, { message: 'validation + test must leave a share for train', path: ['validation'] })
  .refine((o) => o.stable !== true || o.stratify === undefined, {
    message: 'stratify cannot be used with stable: true (a hash per group cannot balance labels; without stratify every label gets the same shares on average)',
    path: ['stratify'],
  });

const SPLIT_NAMES = ['train', 'validation', 'test'] as const;

const seeded = (seed: number, text: string) => hash52(sha256Bytes(`${seed}:${text}`));

/**
 * Barrier: assigns whole groups (resolved through the run's union-find, with records that share a
 * prompt side united too) to train/validation/test, stratified by a meta field and balanced, or with
 * `stable` each by a seeded hash of its key (the union-find's smallest member) alone, then emits each
 * split in a seeded order that depends only on the records' content, so any input order gives
 * byte-identical files. Keeps only small keys in memory; record bodies wait in a spool file. Sets
 * `meta.split`. The runner checks the written files for leakage afterwards, whatever split decided.
 */
export const split = defineStage('split', SplitOptions, (opts) => ({
  async *run(input: AsyncIterable<Item<unknown>>, ctx) {
    // A name of its own per run of the stage: two split stages in one pipeline must not share files.
    const base = join(ctx.tmpDir, `split-${randomUUID()}`);
    const spool = new Spool(`${base}.spool`);
    const names = new NameLog(`${base}.groups`);
    // Prompt side (128-bit key) -> the first record it was seen in; sorted runs on disk past the stage's memory share.
    const firstRecordOfPrompt = new SpillingKeyTable(ctx.tmpDir, ctx.keyMemoryBytes);
    try {
      const keys = new SplitKeys();
      const promptKey128 = new Uint32Array(4);
      for await (const item of input) {
        // Serialised once: the data line gives the order key and is spooled as is.
        const dataJson = JSON.stringify(item.data);
        const body = `${JSON.stringify({ ...item, data: undefined })}\n${dataJson}`;
        const group = item.group ?? item.id;
        names.append(group);
        // The same prompt in two groups (even with another answer) would leak across the split: make them one group.
        const samePrompt = firstRecordOfPrompt.setIfAbsent(key128(promptKey(item.data), promptKey128), keys.size);
        if (samePrompt !== undefined) {
          const first = readHeader(spool, keys, samePrompt);
          ctx.groups.union(group, first.group ?? first.id);
        }
        const label = opts.stratify === undefined ? '' : String(item.meta[opts.stratify] ?? '');
        keys.push(label, seeded(opts.seed, dataJson), spool.append(body));
      }
      firstRecordOfPrompt.close();

      const groups = resolveGroups(keys, names, ctx.groups, (root) => seeded(opts.seed, root));
      const ratios = [1 - opts.validation - opts.test, opts.validation, opts.test];
      const assignment = opts.stable === true ? assignStable(groups.count, ratios, (g) => groups.order[g]! / 2 ** 52) : assignGroups(groups, ratios);
      const side = new Uint8Array(keys.size);
      for (let i = 0; i < keys.size; i++) side[i] = assignment[groups.groupOf[i]!]!;

      ctx.report(splitReport(keys, side, ratios, groups.count));
      if (opts.stable === true) warnEmptySplits(ctx, side, ratios, groups.count);

      for (const [s, name] of SPLIT_NAMES.entries()) {
        // Indices in a typed array (4 bytes each, not a JS array's 8 and its growth).
        let count = 0;
        for (let i = 0; i < keys.size; i++) if (side[i] === s) count++;
        const chosen = new Uint32Array(count);
        for (let i = 0, n = 0; i < keys.size; i++) if (side[i] === s) chosen[n++] = i;
        const { order } = keys;
        // Ids break ties on the order key (the same data twice), read back only for the records that tie.
        const tiedIds = new Map<number, string>();
        const idOf = (i: number) => {
          let id = tiedIds.get(i);
          if (id === undefined) tiedIds.set(i, (id = readHeader(spool, keys, i).id));
          return id;
        };
        chosen.sort((a, b) => order[a]! - order[b]! || (idOf(a) < idOf(b) ? -1 : 1));
        tiedIds.clear();
        for (const i of chosen) {
          const item = readItem(spool, keys, i);
          yield { ...item, meta: { ...item.meta, split: name } };
        }
      }
    } finally {
      firstRecordOfPrompt.close();
      spool.dispose();
      names.dispose();
    }
  },
}));

const readItem = (spool: Spool, keys: SplitKeys, i: number): Item<unknown> => {
  const body = spool.read(keys.at(i));
  const cut = body.indexOf('\n');
  const item = JSON.parse(body.slice(0, cut)) as Item<unknown>;
  return { ...item, data: JSON.parse(body.slice(cut + 1)) as unknown };
};

/** A spooled record without its data (the first line of its body). */
const readHeader = (spool: Spool, keys: SplitKeys, i: number): Item<unknown> => {
  const body = spool.read(keys.at(i));
  return JSON.parse(body.slice(0, body.indexOf('\n'))) as Item<unknown>;
};

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** With few groups a hash can leave a split empty (no file is written for it): say so, since the greedy default never does. */
const warnEmptySplits = (ctx: StageContext, side: Uint8Array, ratios: number[], groupCount: number): void => {
  const used = new Set(side);
  for (const [s, name] of SPLIT_NAMES.entries()) {
    if (ratios[s]! <= 0 || used.has(s) || groupCount === 0) continue;
    ctx.log.warn(
      `stable: none of the ${groupCount} groups landed in ${name} (share ${ratios[s]}): each group is placed by its own hash, so few groups can leave a split empty; more groups, a larger share or another seed change that`,
    );
  }
};

const splitReport = (keys: SplitKeys, side: Uint8Array, ratios: number[], groupCount: number): Json => {
  const sizes: Record<string, number> = {};
  // Labels are data ("__proto__", "constructor"): a Map, so none of them reaches a prototype.
  const labels = new Map<string, Record<string, number>>();
  for (let i = 0; i < keys.size; i++) {
    const name = SPLIT_NAMES[side[i]!]!;
    sizes[name] = (sizes[name] ?? 0) + 1;
    const label = keys.label(i);
    let byLabel = labels.get(label);
    if (byLabel === undefined) labels.set(label, (byLabel = {}));
    byLabel[name] = (byLabel[name] ?? 0) + 1;
  }
  const total = keys.size;
  return {
    items: total,
    groups: groupCount,
    targets: Object.fromEntries(SPLIT_NAMES.map((n, i) => [n, ratios[i]!]).filter(([, r]) => (r as number) > 0)),
    sizes,
    shares: Object.fromEntries(Object.entries(sizes).map(([n, c]) => [n, round(c / total)])),
    labels: Object.fromEntries([...labels.keys()].sort().map((l) => [l, labels.get(l)!])),
  };
};
