import type { BandColumns } from './band-columns.js';
import { forEachBucket } from './band-sort.js';
import type { NearKeys } from './near-keys.js';
import type { SignatureFile } from './signature-file.js';

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

export interface ClusterStats {
  candidates: number;
  verified: number;
}

export interface ClusterInput {
  keys: NearKeys;
  columns: BandColumns;
  signatures: SignatureFile;
  /** What one band's sort may hold in memory (ctx.keyMemoryBytes) and where its runs go past that. */
  budgetBytes: number;
  runsPath: string;
}

/**
 * LSH: records sharing a band key are candidates; a candidate joins a cluster when its estimated
 * Jaccard with the record it collided with reaches `cutoff`. Within a run of equal keys each record
 * is compared with the run's members in input order until one verifies, skipping members already in
 * its cluster, so a bucket of many copies costs a linear number of comparisons, not quadratic.
 * Bands are sorted one at a time, each from its own column on disk (band-sort.ts).
 */
export const clusterCandidates = (input: ClusterInput, cutoff: number): { union: IndexUnion; stats: ClusterStats; runs: number } => {
  const { keys, columns, signatures } = input;
  const union = new IndexUnion(keys.size);
  const stats: ClusterStats = { candidates: 0, verified: 0 };
  // Texts without words are never compared, so they stay out of the sort and of every bucket.
  const options = { budgetBytes: input.budgetBytes, runsPath: input.runsPath, include: (i: number) => keys.hasWords(i) };
  // Sorted runs per band (1: in memory); every band holds the same records, so the count is the same for each.
  let runs = 1;
  for (let band = 0; band < columns.bands; band++) {
    runs = forEachBucket(columns, band, options, (members, count) => {
      for (let x = 1; x < count; x++) {
        const i = members[x]!;
        for (let y = 0; y < x; y++) {
          const j = members[y]!;
          if (union.find(i) === union.find(j)) continue;
          stats.candidates++;
          if (signatures.similarity(i, j) >= cutoff) {
            stats.verified++;
            union.union(i, j);
            break;
          }
        }
      }
    });
  }
  return { union, stats, runs };
};
