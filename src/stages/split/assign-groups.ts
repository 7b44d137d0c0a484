import type { GroupStats } from './group-stats.js';

/**
 * Greedy grouped, stratified assignment. Groups are taken largest first (ties by seeded hash, then
 * first appearance), and each goes to the split where it most reduces the squared, target-relative
 * distance between what the splits hold and their targets, overall and per label. Whole groups
 * only: a split can miss its target by up to one group's size, which is what "as far as whole
 * groups allow" means. Returns the split of each group by its number.
 */
export const assignGroups = (groups: GroupStats, ratios: readonly number[]): Uint8Array => {
  const { count, size, order, labelStart, pairLabel, pairSize } = groups;
  let total = 0;
  const labelTotals = new Float64Array(groups.labelKinds);
  for (let g = 0; g < count; g++) total += size[g]!;
  for (let p = 0; p < pairLabel.length; p++) labelTotals[pairLabel[p]!]! += pairSize[p]!;
  const sizes = ratios.map(() => 0);
  const labelCounts = ratios.map(() => new Float64Array(groups.labelKinds));
  const assignment = new Uint8Array(count);
  const ordered = new Uint32Array(count);
  for (let g = 0; g < count; g++) ordered[g] = g;
  // Order keys are integers below 2^52, so comparing them as numbers is comparing their zero-padded digits.
  ordered.sort((a, b) => size[b]! - size[a]! || order[a]! - order[b]! || a - b);

  const cost = (have: number, add: number, target: number) => (target > 0 ? ((have + add - target) ** 2 - (have - target) ** 2) / target : Infinity);
  for (const g of ordered) {
    let best = -1;
    let bestDelta = Infinity;
    for (const [s, ratio] of ratios.entries()) {
      if (ratio <= 0) continue;
      // Labels summed in the order they first appear in the group: floating-point sums depend on it.
      let delta = cost(sizes[s]!, size[g]!, ratio * total);
      for (let p = labelStart[g]!; p < labelStart[g + 1]!; p++) delta += cost(labelCounts[s]![pairLabel[p]!]!, pairSize[p]!, ratio * labelTotals[pairLabel[p]!]!);
      if (delta < bestDelta) {
        bestDelta = delta;
        best = s;
      }
    }
    assignment[g] = best;
    sizes[best]! += size[g]!;
    for (let p = labelStart[g]!; p < labelStart[g + 1]!; p++) labelCounts[best]![pairLabel[p]!]! += pairSize[p]!;
  }
  return assignment;
};
