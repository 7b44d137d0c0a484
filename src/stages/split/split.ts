import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { TunesetError } from '../../pipeline/errors.js';
import type { Item, Json } from '../../pipeline/item.js';
import { defineStage } from '../../pipeline/stage.js';
import { assignGroups, type GroupStats } from './assign-groups.js';
import { checkLeakage } from './leakage.js';
import { Spool } from './spool.js';

export const SplitOptions = z
  .strictObject({
    /** Share of items for validation. */
    validation: z.number().min(0).max(1),
    /** Share of items for an optional test split. @default 0 */
    test: z.number().min(0).max(1).default(0),
    /** A `meta` field to stratify by (for AR-LSAT: the answer letter). */
    stratify: z.string().min(1).optional(),
    /** Same seed, groups and labels: same assignment and same output order. */
    seed: z.int(),
  })
  .refine((o) => o.validation + o.test < 1, { message: 'validation + test must leave a share for train', path: ['validation'] });

const SPLIT_NAMES = ['train', 'validation', 'test'] as const;

interface Key {
  id: string;
  group: string;
  label: string;
  content: string;
  order: string;
  at: { offset: number; length: number };
}

const seeded = (seed: number, text: string) => createHash('sha256').update(`${seed}:${text}`).digest('base64url').slice(0, 16);

// JSON escapes of whitespace (\n, \t, \r) and real whitespace, folded to one space for the content hash.
const JSON_SPACE = /(?:\s|\\[nrt])+/g;

/**
 * Identity of a record's content for the leakage check: its serialised data, case-folded and with
 * whitespace runs collapsed (clean has already made text NFC). Cheap enough to run on every record.
 */
const contentHash = (dataJson: string) =>
  createHash('sha256').update(dataJson.toLowerCase().replace(JSON_SPACE, ' ')).digest('base64url').slice(0, 22);

/**
 * Barrier: assigns whole groups (resolved through the run's union-find, with identical content
 * united too) to train/validation/test, stratified by a meta field, then emits each split in a
 * seeded order that depends only on the records' content, so any input order gives byte-identical
 * files. Keeps only small keys in memory; record bodies wait in a spool file. Sets `meta.split`.
 */
export const split = defineStage('split', SplitOptions, (opts) => ({
  async *run(input: AsyncIterable<Item<unknown>>, ctx) {
    const spool = new Spool(join(ctx.tmpDir, `split-${process.pid}.spool`));
    try {
      const keys: Key[] = [];
      const firstGroupOfContent = new Map<string, string>();
      for await (const item of input) {
        // Serialised once: the data line gives the content hash and the order key, and is spooled as is.
        const dataJson = JSON.stringify(item.data);
        const body = `${JSON.stringify({ ...item, data: undefined })}\n${dataJson}`;
        const group = item.group ?? item.id;
        const content = contentHash(dataJson);
        // Identical content in two groups would leak across the split: make them one group.
        const sameContent = firstGroupOfContent.get(content);
        if (sameContent === undefined) firstGroupOfContent.set(content, group);
        else ctx.groups.union(group, sameContent);
        const label = opts.stratify === undefined ? '' : String(item.meta[opts.stratify] ?? '');
        keys.push({ id: item.id, group, label, content, order: seeded(opts.seed, dataJson), at: spool.append(body) });
      }
      firstGroupOfContent.clear();

      const groups = new Map<string, GroupStats>();
      for (const k of keys) {
        k.group = ctx.groups.find(k.group);
        let g = groups.get(k.group);
        if (!g) groups.set(k.group, (g = { key: k.group, size: 0, labels: new Map(), order: seeded(opts.seed, k.group) }));
        g.size++;
        g.labels.set(k.label, (g.labels.get(k.label) ?? 0) + 1);
      }
      const ratios = [1 - opts.validation - opts.test, opts.validation, opts.test];
      const assignment = assignGroups([...groups.values()], ratios);
      const sideOf = (k: Key) => SPLIT_NAMES[assignment.get(k.group)!]!;

      const leakage = checkLeakage(keys.map((k) => ({ group: k.group, content: k.content, split: sideOf(k) })));
      ctx.report(splitReport(keys, sideOf, ratios, groups.size, leakage as unknown as Json));
      if (!leakage.ok) throw new TunesetError(`[split] leakage between splits: ${JSON.stringify(leakage)}`);

      for (const name of SPLIT_NAMES) {
        const side = keys.filter((k) => sideOf(k) === name).sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
        for (const k of side) {
          const body = spool.read(k.at);
          const cut = body.indexOf('\n');
          const item = JSON.parse(body.slice(0, cut)) as Item<unknown>;
          yield { ...item, data: JSON.parse(body.slice(cut + 1)) as unknown, meta: { ...item.meta, split: name } };
        }
      }
    } finally {
      spool.dispose();
    }
  },
}));

const round = (x: number) => Math.round(x * 10_000) / 10_000;

const splitReport = (keys: Key[], sideOf: (k: Key) => string, ratios: number[], groupCount: number, leakage: Json): Json => {
  const sizes: Record<string, number> = {};
  const labels: Record<string, Record<string, number>> = {};
  for (const k of keys) {
    const side = sideOf(k);
    sizes[side] = (sizes[side] ?? 0) + 1;
    (labels[k.label] ??= {})[side] = ((labels[k.label] ??= {})[side] ?? 0) + 1;
  }
  const total = keys.length;
  return {
    items: total,
    groups: groupCount,
    targets: Object.fromEntries(SPLIT_NAMES.map((n, i) => [n, ratios[i]!]).filter(([, r]) => (r as number) > 0)),
    sizes,
    shares: Object.fromEntries(Object.entries(sizes).map(([n, c]) => [n, round(c / total)])),
    labels: Object.fromEntries(
      Object.keys(labels)
        .sort()
        .map((l) => [l, labels[l]!]),
    ),
    leakage,
  };
};
