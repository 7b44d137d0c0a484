/**
 * The estimated similarity at which a candidate pair is accepted. The MinHash estimate of a pair
 * with Jaccard J is binomial: mean J, standard deviation sqrt(J(1-J)/k). Accepting at exactly
 * `threshold` would lose half of the pairs that sit at the threshold and a quarter of those 0.02
 * above it (measured: recall 0.94 at 128 permutations), so the cutoff sits one-sided 95% below it:
 * a pair exactly at the threshold is accepted with probability >= 0.95, and more similar pairs
 * almost always. With the default 256 permutations at 0.8 the cutoff is 0.759, and a pair at 0.7
 * (threshold - 0.1) is accepted only ~2% of the time, falling fast below that.
 */
const Z_95 = 1.645;

export const acceptCutoff = (threshold: number, permutations: number): number =>
  threshold - Z_95 * Math.sqrt((threshold * (1 - threshold)) / permutations);
