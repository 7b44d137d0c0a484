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

export const formatUsd = (v: number): string => `$${v < 0.01 && v > 0 ? v.toFixed(6).replace(/0+$/, '') : v.toFixed(4)}`;
