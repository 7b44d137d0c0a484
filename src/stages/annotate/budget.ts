/**
 * The hard budget: a request is sent only when the most it can cost (its exact input tokens plus
 * max_tokens of output) fits under the limit together with what was spent and what is in flight.
 * Without a limit it only adds up.
 */
export class Budget {
  spentUsd = 0;
  inFlightUsd = 0;
  /** Set the first time a request did not fit: nothing more is sent after that. */
  stopped = false;

  constructor(readonly maxCostUsd: number | undefined) {}

  /** Reserves `worstUsd` for a request; false (and stopped) when it could take spending past the limit. */
  reserve(worstUsd: number): boolean {
    if (this.stopped) return false;
    if (this.maxCostUsd !== undefined && this.spentUsd + this.inFlightUsd + worstUsd > this.maxCostUsd) {
      this.stopped = true;
      return false;
    }
    this.inFlightUsd += worstUsd;
    return true;
  }

  /** The request's reservation is replaced by what it cost (0 when it failed before an answer). */
  settle(reservedUsd: number, actualUsd: number): void {
    this.inFlightUsd = Math.max(0, this.inFlightUsd - reservedUsd);
    this.spentUsd += actualUsd;
  }
}

/** Four decimals; below a cent, the significant digits up to a millionth, and a positive amount too small for those in scientific notation (never `$0.`). */
export const formatUsd = (v: number): string => {
  if (v > 0 && v < 0.01) {
    const fixed = v.toFixed(6).replace(/0+$/, '');
    return `$${fixed.endsWith('.') ? v.toPrecision(2) : fixed}`;
  }
  return `$${v.toFixed(4)}`;
};
