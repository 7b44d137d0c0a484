/**
 * How many examples have each token count: what the token report needs (examples, total, nearest-rank
 * percentiles, examples over a limit, the billed sum) in memory per distinct count, not per example.
 * Token counts repeat a lot (a few thousand distinct values for a million examples), so a run's
 * report no longer holds a number per written line.
 */
export class TokenTally {
  readonly #counts = new Map<number, number>();
  #examples = 0;

  static of(counts: readonly number[]): TokenTally {
    const tally = new TokenTally();
    for (const c of counts) tally.add(c);
    return tally;
  }

  /** Examples added. */
  get examples(): number {
    return this.#examples;
  }

  add(tokens: number): void {
    this.#counts.set(tokens, (this.#counts.get(tokens) ?? 0) + 1);
    this.#examples++;
  }

  /** Each distinct count with how many examples have it, smallest count first. */
  sorted(): { tokens: Float64Array; examples: Float64Array } {
    // A typed array sorts numerically and without boxing.
    const tokens = Float64Array.from(this.#counts.keys()).sort();
    return { tokens, examples: tokens.map((t) => this.#counts.get(t)!) };
  }

  /** Σ over examples of f(count), as a sum over distinct counts. */
  sum(f: (tokens: number) => number): number {
    let total = 0;
    for (const [tokens, n] of this.#counts) total += f(tokens) * n;
    return total;
  }
}
