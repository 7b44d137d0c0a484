import type { Drop } from '../../helpers/run-stage.js';
import type { PlantedCorpus } from './corpus.js';

export const BUCKETS = [0, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1, 1.01] as const;

export interface Measured {
  /** Per exact-Jaccard bucket [from, to): planted pairs and how many ended in one cluster. */
  buckets: { from: number; to: number; pairs: number; merged: number }[];
  recall: number;
  /** Share merged of planted pairs below threshold - 0.1, and of all unrelated pairs (different families). */
  lowMerged: number;
  unrelatedPairs: number;
  unrelatedMerged: number;
}

/** Which pairs the stage put in one cluster: a dropped item's cluster is its kept id's. */
export const measure = (corpus: PlantedCorpus, drops: readonly Drop[], threshold: number): Measured => {
  const clusterOf = corpus.items.map((it) => it.id);
  const byId = new Map(corpus.items.map((it, i) => [it.id, i]));
  for (const d of drops) clusterOf[byId.get(d.id)!] = (d.detail as { keptId: string }).keptId;
  const buckets = BUCKETS.slice(0, -1).map((from, i) => ({ from, to: BUCKETS[i + 1]!, pairs: 0, merged: 0 }));
  let high = 0;
  let highMerged = 0;
  let low = 0;
  let lowMerged = 0;
  for (const p of corpus.pairs) {
    const merged = clusterOf[p.a] === clusterOf[p.b];
    const b = buckets.find((x) => p.jaccard >= x.from && p.jaccard < x.to)!;
    b.pairs++;
    if (merged) b.merged++;
    if (p.jaccard >= threshold) (high++, merged && highMerged++);
    if (p.jaccard < threshold - 0.1) (low++, merged && lowMerged++);
  }
  // Unrelated pairs merged: within each cluster, pairs of members from different families.
  const members = new Map<string, number[]>();
  clusterOf.forEach((c, i) => members.set(c, [...(members.get(c) ?? []), i]));
  let unrelatedMerged = 0;
  for (const list of members.values()) {
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) if (corpus.family[list[x]!] !== corpus.family[list[y]!]) unrelatedMerged++;
  }
  const n = corpus.items.length;
  return {
    buckets,
    recall: high === 0 ? 1 : highMerged / high,
    lowMerged: low === 0 ? 0 : lowMerged / low,
    unrelatedPairs: (n * (n - 1)) / 2 - corpus.pairs.length,
    unrelatedMerged,
  };
};
