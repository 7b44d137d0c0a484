import type { IndexUnion } from './clusters.js';
import type { NearKeys } from './near-keys.js';

export type KeepRule = 'first' | 'longest' | 'newest' | 'smallest-id';

/** Is record `i` preferred over the current choice `k` (which comes earlier in input order)? */
const better = (keys: NearKeys, rule: KeepRule, i: number, k: number): boolean => {
  if (rule === 'longest') return keys.textLengths[i]! > keys.textLengths[k]!;
  // Independent of input order: the same records in any order keep the same member.
  if (rule === 'smallest-id') return keys.ids[i]! < keys.ids[k]!;
  if (rule === 'newest') {
    const a = keys.fetchedAt[i]!;
    const b = keys.fetchedAt[k]!;
    // A record without a date never beats one with a date; ties keep the earlier record.
    return !Number.isNaN(a) && (Number.isNaN(b) || a > b);
  }
  return false;
};

/**
 * For every cluster root, the index of the member that survives. Ties go to the earliest record,
 * so the outcome depends only on the input, and with 'first' the survivor is the root itself.
 */
export const chooseKept = (keys: NearKeys, union: IndexUnion, rule: KeepRule): Int32Array => {
  const kept = new Int32Array(keys.size).fill(-1);
  for (let i = 0; i < keys.size; i++) {
    const root = union.find(i);
    const k = kept[root]!;
    if (k === -1 || better(keys, rule, i, k)) kept[root] = i;
  }
  return kept;
};
