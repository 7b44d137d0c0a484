import { TokenTally } from './token-tally.js';

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

/** The p-th nearest-rank percentile of a tally's sorted distinct counts: the first whose running total of examples passes the rank. */
const tallyPercentile = (tokens: Float64Array, examples: Float64Array, n: number, p: number): number => {
  if (n === 0) return 0;
  const rank = Math.max(0, Math.ceil((p / 100) * n) - 1);
  let seen = 0;
  for (let i = 0; i < tokens.length; i++) {
    seen += examples[i]!;
    if (seen > rank) return tokens[i]!;
  }
  return tokens[tokens.length - 1]!;
};

export const summarizeTokens = (counts: readonly number[] | TokenTally): TokenStats => {
  const tally = counts instanceof TokenTally ? counts : TokenTally.of(counts);
  const { tokens, examples } = tally.sorted();
  const n = tally.examples;
  return {
    total: tally.sum((t) => t),
    min: n ? tokens[0]! : 0,
    median: tallyPercentile(tokens, examples, n, 50),
    p95: tallyPercentile(tokens, examples, n, 95),
    max: n ? tokens[tokens.length - 1]! : 0,
  };
};
