import { expect, test } from 'vitest';
import { nearDedupe } from '../../../src/stages/near-dedupe/near-dedupe.js';
import { runStage } from '../../helpers/run-stage.js';
import { plantedCorpus } from './corpus.js';
import { measure } from './measure.js';
import { RATES } from './rates.js';

// The acceptance, judged against the exact Jaccard of each planted pair's shingle sets.
test('recall >= 0.95 at exact Jaccard >= threshold; <= 1% merged below threshold - 0.1', async () => {
  const corpus = plantedCorpus(42, { background: 1000, pairsPerRate: 80, rates: RATES });
  const { drops, counters } = await runStage(nearDedupe({ fields: ['text'] }), corpus.items);
  const m = measure(corpus, drops, 0.8);
  // The corpus really does probe the boundary: many pairs just above and just below it.
  expect(m.buckets.find((b) => b.from === 0.8)!.pairs).toBeGreaterThan(50);
  expect(m.buckets.find((b) => b.from === 0.6)!.pairs).toBeGreaterThan(50);
  expect(m.recall).toBeGreaterThanOrEqual(0.95);
  expect(m.lowMerged).toBeLessThanOrEqual(0.01);
  expect(m.unrelatedMerged).toBe(0);
  expect(counters.balanced()).toBe(true);
}, 30_000);

test('the similarity in a drop tracks the exact Jaccard of the pair', async () => {
  const corpus = plantedCorpus(3, { background: 0, pairsPerRate: 40, rates: [0.01, 0.02] });
  const { drops } = await runStage(nearDedupe({ fields: ['text'] }), corpus.items);
  const index = new Map(corpus.items.map((it, i) => [it.id, i]));
  const errors = drops.map((d) => {
    const { keptId, similarity } = d.detail as { keptId: string; similarity: number };
    const [i, j] = [index.get(d.id)!, index.get(keptId)!];
    const pair = corpus.pairs.find((p) => (p.a === i && p.b === j) || (p.a === j && p.b === i))!;
    return similarity - pair.jaccard;
  });
  expect(errors.length).toBeGreaterThan(60);
  const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
  // Unbiased (the 32-bit hash family does not skew the estimate) and within the binomial spread.
  expect(Math.abs(mean)).toBeLessThan(0.01);
  expect(Math.max(...errors.map(Math.abs))).toBeLessThan(0.12);
});
