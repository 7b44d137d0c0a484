export interface GroupStats {
  key: string;
  size: number;
  /** Items per label (one '' label when the split is not stratified). */
  labels: Map<string, number>;
  /** Seeded hash of the key: the order groups are considered in, independent of input order. */
  order: string;
}

/**
 * Greedy grouped, stratified assignment. Groups are taken largest first (ties by seeded hash), and
 * each goes to the split where it most reduces the squared, target-relative distance between
 * what the splits hold and their targets, overall and per label. Whole groups only: a split can
 * miss its target by up to one group's size, which is what "as far as whole groups allow" means.
 */
export const assignGroups = (groups: readonly GroupStats[], ratios: readonly number[]): Map<string, number> => {
  let total = 0;
  const labelTotals = new Map<string, number>();
  for (const g of groups) {
    total += g.size;
    for (const [label, n] of g.labels) labelTotals.set(label, (labelTotals.get(label) ?? 0) + n);
  }
  const sizes = ratios.map(() => 0);
  const labelCounts = ratios.map(() => new Map<string, number>());
  const assignment = new Map<string, number>();
  const ordered = [...groups].sort((a, b) => b.size - a.size || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));

  const cost = (have: number, add: number, target: number) => (target > 0 ? ((have + add - target) ** 2 - (have - target) ** 2) / target : Infinity);
  for (const g of ordered) {
    let best = -1;
    let bestDelta = Infinity;
    for (const [s, ratio] of ratios.entries()) {
      if (ratio <= 0) continue;
      let delta = cost(sizes[s]!, g.size, ratio * total);
      for (const [label, n] of g.labels) delta += cost(labelCounts[s]!.get(label) ?? 0, n, ratio * labelTotals.get(label)!);
      if (delta < bestDelta) {
        bestDelta = delta;
        best = s;
      }
    }
    assignment.set(g.key, best);
    sizes[best]! += g.size;
    for (const [label, n] of g.labels) labelCounts[best]!.set(label, (labelCounts[best]!.get(label) ?? 0) + n);
  }
  return assignment;
};
