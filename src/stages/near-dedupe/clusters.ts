import type { NearKeys } from './near-keys.js';

/** Union-find over record indices (the run's GroupUnion works on strings; this is the hot loop). */
export class IndexUnion {
  readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  /** The smaller index becomes the root, so a cluster's root is its first record in input order. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

// A band key (< 2^32) and a record index packed into one double sort as one number, exactly, as
// long as the index fits in the 21 bits left of the 53-bit mantissa; a Float64Array sort is native
// and several times faster than sorting indices with a comparator.
const PACK = 2 ** 21;

/** Record indices in order of their key in one band: runs of equal keys are candidate sets. */
const sortedByBand = (keys: NearKeys, band: number): { order: Uint32Array; key: (i: number) => number } => {
  const n = keys.size;
  const key = (i: number) => keys.bandKeys[i * keys.bands + band]!;
  const order = new Uint32Array(n);
  if (n < PACK) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = key(i) * PACK + i;
    packed.sort();
    for (let i = 0; i < n; i++) order[i] = packed[i]! % PACK;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => key(a) - key(b) || a - b);
  }
  return { order, key };
};

export interface ClusterStats {
  candidates: number;
  verified: number;
}

/**
 * LSH: records sharing a band key are candidates; a candidate joins a cluster when its estimated
 * Jaccard with the record it collided with reaches `cutoff`. Within a run of equal keys each record
 * is compared with the run's members in input order until one verifies, skipping members already in
 * its cluster, so a bucket of many copies costs a linear number of comparisons, not quadratic.
 */
export const clusterCandidates = (keys: NearKeys, cutoff: number): { union: IndexUnion; stats: ClusterStats } => {
  const union = new IndexUnion(keys.size);
  const stats: ClusterStats = { candidates: 0, verified: 0 };
  for (let band = 0; band < keys.bands; band++) {
    const { order, key } = sortedByBand(keys, band);
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && key(order[end]!) === key(order[start]!)) end++;
      for (let x = start + 1; x < end; x++) {
        const i = order[x]!;
        if (!keys.hasWords[i]) continue;
        for (let y = start; y < x; y++) {
          const j = order[y]!;
          if (!keys.hasWords[j] || union.find(i) === union.find(j)) continue;
          stats.candidates++;
          if (keys.similarity(i, j) >= cutoff) {
            stats.verified++;
            union.union(i, j);
            break;
          }
        }
      }
      start = end;
    }
  }
  return { union, stats };
};
