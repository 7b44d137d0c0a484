import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import type { Item } from '../../../src/pipeline/item.js';
import type { Logger } from '../../../src/pipeline/logger.js';
import { nearDedupe } from '../../../src/stages/near-dedupe/near-dedupe.js';
import { runStage } from '../../helpers/run-stage.js';
import { plantedCorpus, prng } from './corpus.js';

/**
 * ~2,900 records: unrelated documents, planted pairs at several edit rates, clusters of many
 * copies, empty texts, shuffled ids (for 'smallest-id') and dates on most (for 'newest').
 */
const records = (): Item<{ text: string }>[] => {
  const corpus = plantedCorpus(11, { background: 1500, pairsPerRate: 120, rates: [0.005, 0.02, 0.05, 0.1, 0.2] });
  const rand = prng(5);
  const items: Item<{ text: string }>[] = corpus.items.map((it, i) => ({
    ...it,
    id: `r${Math.floor(rand() * 1e6)}-${i}`,
    ...(i % 3 === 0 ? {} : { source: { ...it.source, fetchedAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(rand() * 50))).toISOString() } }),
  }));
  for (let c = 0; c < 5; c++) {
    for (let k = 0; k < 40; k++) {
      const fetchedAt = k % 2 ? { fetchedAt: `2025-0${1 + (k % 9)}-01T00:00:00Z` } : {};
      const text = items[c * 7]!.data.text + ' extra'.repeat(k % 4);
      items.splice(Math.floor(rand() * items.length), 0, { id: `copy${c}-${k}`, group: `cg${c}`, source: { uri: 'x', line: 1, ...fetchedAt }, data: { text }, meta: {} });
    }
  }
  for (let k = 0; k < 30; k++) items.splice(Math.floor(rand() * items.length), 0, { id: `empty${k}`, source: { uri: 'x' }, data: { text: k % 2 ? '' : '...' }, meta: {} });
  return items;
};

const capture = (): { log: Logger; lines: string[] } => {
  const lines: string[] = [];
  const log: Logger = { info: (m) => void lines.push(m), warn: (m) => void lines.push(m), error: (m) => void lines.push(m), child: () => log };
  return { log, lines };
};

const run = async (keep: 'first' | 'longest' | 'newest' | 'smallest-id', keyMemoryBytes: number) => {
  const items = records();
  const { log, lines } = capture();
  const r = await runStage(nearDedupe({ fields: ['text'], keep }), items, { keyMemoryBytes, log });
  return { out: r.out.map((o) => o.id), drops: r.drops, report: r.report, groups: items.map((it) => r.groups.find(it.group ?? it.id)), lines };
};

// What the stage gave on this corpus before signatures and band keys moved to disk (when every
// record's id, group, signature and band keys were in memory): the report, and the sha256 (first 16
// hex digits) of the JSON of the survivors' ids and of the drops (id, code, detail, source).
const REPORT = { items: 2930, dropped: 433, clusters: 238, bands: 32, rows: 8, cutoff: 0.759, candidates: 601, verified: 433 };
const BEFORE = {
  first: { out: '14f56d050577571f', drops: 'bdf3fdfbda782194' },
  'smallest-id': { out: '88fae98d90bfccad', drops: '2b80b2baf802d55d' },
  longest: { out: 'b58ae6bad13dc528', drops: 'c120c54ceff2b650' },
  newest: { out: '0adaa5eb85bbee37', drops: 'e7f3f1c690d792dd' },
} as const;
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

test.each(['first', 'smallest-id', 'longest', 'newest'] as const)("keep '%s': band keys sorted in runs on disk give the same output as sorted in memory", async (keep) => {
  const inMemory = await run(keep, 64 << 20);
  // 4 KiB holds 512 band entries: each band of 2,915 records with words is sorted in 6 runs and merged.
  const spilled = await run(keep, 4096);
  expect(inMemory.lines).toEqual([]);
  expect(spilled.lines).toEqual(["the band keys of 2930 records are over the stage's memory share (0 MiB): each band was sorted in 6 runs on disk and merged"]);
  expect(inMemory.report).toEqual(REPORT);
  expect({ out: digest(inMemory.out), drops: digest(inMemory.drops) }).toEqual(BEFORE[keep]);
  expect(spilled.out).toEqual(inMemory.out);
  expect(spilled.drops).toEqual(inMemory.drops);
  expect(spilled.report).toEqual(inMemory.report);
  expect(spilled.groups).toEqual(inMemory.groups);
}, 30_000);
