import type { IndexUnion } from './clusters.js';
import type { Member } from './members.js';

export type KeepRule = 'first' | 'longest' | 'newest' | 'smallest-id';

/** Is record `i` preferred over the current choice `k` (which comes earlier in input order)? */
const better = (member: (i: number) => Member, rule: KeepRule, i: number, k: number): boolean => {
  if (rule === 'first') return false;
  const a = member(i);
  const b = member(k);
  if (rule === 'longest') return a.textLength > b.textLength;
  // Independent of input order: the same records in any order keep the same member.
  if (rule === 'smallest-id') return a.id < b.id;
  // A record without a date never beats one with a date; ties keep the earlier record.
  return !Number.isNaN(a.fetchedAt) && (Number.isNaN(b.fetchedAt) || a.fetchedAt > b.fetchedAt);
};

/**
 * The member of every cluster that survives. Ties go to the earliest record, so the outcome
 * depends only on the input, and with 'first' the survivor is the root itself (and no body is read).
 *
 * It needs no array of its own: it rewrites the union-find's parents in place. A cluster's root is
 * its first record (IndexUnion.union), so after one pass every non-root holds its root (>= 0) and
 * every root holds ~kept (< 0), kept being the survivor's index (the root itself for a singleton).
 */
export class KeptMembers {
  readonly #parent: Int32Array;
  /** Clusters with more than one record. */
  readonly clusters: number;

  constructor(union: IndexUnion, rule: KeepRule, member: (i: number) => Member) {
    const parent = union.parent;
    const n = parent.length;
    // Roots come first in their cluster, so find() in input order leaves every parent a root.
    for (let i = 0; i < n; i++) union.find(i);
    const counted = new Uint8Array((n >> 3) + 1);
    let clusters = 0;
    for (let i = 0; i < n; i++) {
      const root = parent[i]!;
      if (root === i) {
        parent[i] = ~i;
        continue;
      }
      if ((counted[root >> 3]! & (1 << (root & 7))) === 0) {
        counted[root >> 3]! |= 1 << (root & 7);
        clusters++;
      }
      if (better(member, rule, i, ~parent[root]!)) parent[root] = ~i;
    }
    this.clusters = clusters;
    this.#parent = parent;
  }

  /** The index of the record that survives for record i's cluster (i itself when i is kept). */
  keptOf(i: number): number {
    const p = this.#parent[i]!;
    return p < 0 ? ~p : ~this.#parent[p]!;
  }
}
