import { expect, test } from 'vitest';
import { inlinePool } from '../../../src/pipeline/workers/inline-pool.js';
import type { WorkerPool } from '../../../src/pipeline/workers/pool.js';
import { nearDedupe } from '../../../src/stages/near-dedupe/near-dedupe.js';
import { item, runStage } from '../../helpers/run-stage.js';
import { plantedCorpus } from './corpus.js';

const BASE =
  'The committee met on Tuesday to review the budget for the coming year. Members discussed the cost of repairs to the ' +
  'old library, the salaries of the part time staff, and a proposal to extend opening hours on weekends during the summer ' +
  'months. After a long debate the chair asked for a vote, and the proposal passed by a narrow margin of two votes.';
const OTHER = 'A small bakery on the corner sells bread, pastries and coffee from early morning, and closes when the shelves are empty.';
const at = (fetchedAt?: string) => ({ source: { uri: 'test://x', ...(fetchedAt ? { fetchedAt } : {}) } });

// One cluster where each rule picks another member; the survivor's id, length and date are read
// back from the spool, for members that come before and after it.
const cluster = () => [
  item('m-first', { text: BASE }, { group: 'g1', ...at() }),
  item('x-other', { text: OTHER }, { group: 'g2' }),
  item('z-long', { text: `${BASE} Minutes were taken.` }, { group: 'g3', ...at('2025-01-01T00:00:00Z') }),
  item('k-new', { text: BASE.replace('narrow', 'slim') }, { group: 'g4', ...at('2026-05-01T00:00:00Z') }),
  item('a-small', { text: BASE.toUpperCase() }, { group: 'g5', ...at('2026-04-01T00:00:00Z') }),
];

test.each([
  ['first', 'm-first'],
  ['longest', 'z-long'],
  ['newest', 'k-new'],
  ['smallest-id', 'a-small'],
] as const)("keep '%s' keeps %s and names it in every drop", async (keep, kept) => {
  for (const keyMemoryBytes of [64 << 20, 1]) {
    const { out, drops, groups } = await runStage(nearDedupe({ fields: ['text'], keep }), cluster(), { keyMemoryBytes });
    expect(out.map((o) => o.id)).toEqual(['m-first', 'x-other', 'z-long', 'k-new', 'a-small'].filter((id) => id === kept || id === 'x-other'));
    expect(drops.map((d) => d.id)).toEqual(['m-first', 'z-long', 'k-new', 'a-small'].filter((id) => id !== kept));
    expect(drops.map((d) => (d.detail as { keptId: string }).keptId)).toEqual([kept, kept, kept]);
    expect(['g1', 'g3', 'g4', 'g5'].map((g) => groups.find(g))).toEqual(['g1', 'g1', 'g1', 'g1']);
    expect(groups.find('g2')).toBe('g2');
  }
});

/** Runs tasks inline but answers later batches first, and records what was asked. */
const reorderingPool = (): WorkerPool & { asked: { task: string; texts: number }[] } => {
  const inline = inlinePool(4);
  const asked: { task: string; texts: number }[] = [];
  return {
    size: 4,
    asked,
    close: async () => {},
    run: async (task, input) => {
      asked.push({ task: task.name, texts: (input as { texts: string[] }).texts.length });
      // Earlier calls wait more microtask turns, so in-flight batches settle out of order.
      for (let t = 0; t < 40 - asked.length * 10; t++) await Promise.resolve();
      return inline.run(task, input) as never;
    },
  };
};

test('signatures come from the pool in batches of 256, and batches answered out of order give the same output', async () => {
  const corpus = plantedCorpus(4, { background: 500, pairsPerRate: 25, rates: [0.01, 0.05] });
  expect(corpus.items).toHaveLength(600);
  const inline = await runStage(nearDedupe({ fields: ['text'] }), corpus.items);
  const pool = reorderingPool();
  const pooled = await runStage(nearDedupe({ fields: ['text'] }), corpus.items, { workers: pool });
  expect(pool.asked).toEqual([
    { task: 'minhash', texts: 256 },
    { task: 'minhash', texts: 256 },
    { task: 'minhash', texts: 88 },
  ]);
  expect(inline.drops).toHaveLength(29);
  expect(pooled.out).toEqual(inline.out);
  expect(pooled.drops).toEqual(inline.drops);
  expect(pooled.report).toEqual(inline.report);
});
