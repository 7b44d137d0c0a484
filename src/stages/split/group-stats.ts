import { key128 } from '../../pipeline/compact/key128.js';
import { KeyTable } from '../../pipeline/compact/key-table.js';
import type { GroupUnion } from '../../pipeline/group-union.js';
import type { NameLog } from './name-log.js';
import type { SplitKeys } from './split-keys.js';

/**
 * What split knows of each resolved group (a root of the union-find), numbered 0, 1, 2... in the
 * order their first records appear, in typed arrays: no object or map per group.
 */
export interface GroupStats {
  count: number;
  /** Each record's group, by number. */
  groupOf: Uint32Array;
  size: Uint32Array;
  /** Seeded hash of the root's key: the order groups are considered in, independent of input order. */
  order: Float64Array;
  /** Group g's labels are the pairs labelStart[g] to labelStart[g + 1] - 1, in the order they first appear in g. */
  labelStart: Uint32Array;
  pairLabel: Uint32Array;
  pairSize: Uint32Array;
  /** Distinct labels (label numbers are below this). */
  labelKinds: number;
}

/**
 * Resolves each record's group name (read back from the log, in record order) through the
 * union-find, which adds no entry when it finds a root, and numbers the roots in the order their
 * first records appear. A root's name is only hashed: its order key is taken here and the name dropped.
 */
export const resolveGroups = (keys: SplitKeys, names: NameLog, union: GroupUnion, orderOf: (root: string) => number): GroupStats => {
  const groupOf = new Uint32Array(keys.size);
  let order: Float64Array = new Float64Array(1024);
  const roots = new KeyTable();
  const key = new Uint32Array(4);
  let count = 0;
  let i = 0;
  let lastName: string | undefined;
  let r = 0;
  for (const name of names.all()) {
    // A group's records usually come together: the same name again needs no lookup.
    if (name !== lastName) {
      const root = union.find(name);
      const known = roots.setIfAbsent(key128(root, key), count);
      if (known === undefined) {
        if (count === order.length) order = grown(order);
        order[count] = orderOf(root);
        r = count++;
      } else r = known;
      lastName = name;
    }
    groupOf[i++] = r;
  }
  return { ...labelPairs(keys, groupOf, count, keys.labelNames.length), count, order: order.slice(0, count), groupOf };
};

const grown = (a: Float64Array): Float64Array => {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
};

/** Sizes and per-group label counts, from the records bucketed by group in record order. */
const labelPairs = (keys: SplitKeys, groupOf: Uint32Array, count: number, labelKinds: number): Pick<GroupStats, 'size' | 'labelStart' | 'pairLabel' | 'pairSize' | 'labelKinds'> => {
  const size = new Uint32Array(count);
  for (let i = 0; i < keys.size; i++) size[groupOf[i]!]!++;
  const start = new Uint32Array(count + 1);
  for (let g = 0; g < count; g++) start[g + 1] = start[g]! + size[g]!;
  const fill = start.slice(0, count);
  const byGroup = new Uint32Array(keys.size);
  for (let i = 0; i < keys.size; i++) byGroup[fill[groupOf[i]!]!++] = i;

  // seenIn[l] = g + 1 once label l was met in group g, so no per-group set is needed.
  const seenIn = new Uint32Array(labelKinds);
  let pairs = 0;
  for (let g = 0; g < count; g++) {
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const l = keys.labels[byGroup[k]!]!;
      if (seenIn[l] === g + 1) continue;
      seenIn[l] = g + 1;
      pairs++;
    }
  }
  seenIn.fill(0);
  const pairAt = new Uint32Array(labelKinds);
  const labelStart = new Uint32Array(count + 1);
  const pairLabel = new Uint32Array(pairs);
  const pairSize = new Uint32Array(pairs);
  let p = 0;
  for (let g = 0; g < count; g++) {
    labelStart[g] = p;
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const l = keys.labels[byGroup[k]!]!;
      if (seenIn[l] !== g + 1) {
        seenIn[l] = g + 1;
        pairAt[l] = p;
        pairLabel[p++] = l;
      }
      pairSize[pairAt[l]!]!++;
    }
  }
  labelStart[count] = p;
  return { size, labelStart, pairLabel, pairSize, labelKinds };
};
