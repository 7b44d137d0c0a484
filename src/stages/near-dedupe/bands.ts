/**
 * Choosing bands (b) and rows (r) with b * r <= permutations. A pair with Jaccard s shares at least
 * one band with probability P(s) = 1 - (1 - s^r)^b, an S-curve whose steep part sits near
 * (1/b)^(1/r). Every candidate is verified afterwards, so a false positive costs only one signature
 * comparison while a false negative is a missed duplicate that nothing recovers. So the rule is:
 * the longest rows (steepest curve, fewest candidates) for which a pair exactly at the threshold
 * still collides with probability >= MIN_RECALL.
 *
 * For the defaults (threshold 0.8, 256 permutations) this gives r = 8, b = 32 (all 256 values): the
 * curve's midpoint is (1/32)^(1/8) = 0.65, and P(0.8) = 0.997, P(0.75) = 0.97, P(0.7) = 0.85,
 * while unrelated texts rarely cost a verification: P(0.6) = 0.42, P(0.4) = 0.02, P(0.2) < 0.001.
 * (r = 9, b = 28 would already miss 1.8% of pairs at 0.8.) With 128 permutations: r = 6, b = 21.
 */
const MIN_RECALL = 0.995;

export const collisionProbability = (s: number, bands: number, rows: number): number => 1 - (1 - s ** rows) ** bands;

export const chooseBands = (threshold: number, permutations: number): { bands: number; rows: number } => {
  let chosen = { bands: permutations, rows: 1 };
  for (let rows = 1; rows <= permutations; rows++) {
    const bands = Math.floor(permutations / rows);
    if (collisionProbability(threshold, bands, rows) < MIN_RECALL) break;
    chosen = { bands, rows };
  }
  return chosen;
};
