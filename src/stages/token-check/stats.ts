// A type alias rather than an interface, so a report holding it is assignable to Json.
export type TokenStats = {
  total: number;
  min: number;
  median: number;
  p95: number;
  max: number;
};

/**
 * Nearest-rank percentiles: the p-th percentile is the smallest value with at least p % of the
 * values at or below it, i.e. sorted[ceil(p/100 × n) - 1]. Always a value that occurs (a token
 * count, never an interpolated fraction); the median of an even count is the lower middle value.
 * An empty list gives zeros, so a report for an empty split stays well-formed.
 */
export const percentile = (sorted: ArrayLike<number>, p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

export const summarizeTokens = (counts: readonly number[]): TokenStats => {
  // A typed array sorts numerically and without boxing, which matters for a million examples.
  const sorted = Float64Array.from(counts).sort();
  let total = 0;
  for (const c of counts) total += c;
  return {
    total,
    min: sorted.length ? sorted[0]! : 0,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
  };
};
