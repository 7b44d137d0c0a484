/** Axis scales for the plots: round-number ticks and a linear map from data to pixels. */

export interface Ticks {
  /** The axis domain, widened to the outer ticks. */
  lo: number;
  hi: number;
  values: number[];
  /** Decimals that print every tick exactly (0 for 500, 2 for 0.25). */
  decimals: number;
}

/** The nearest of 1, 2, 2.5 or 5 times a power of ten: steps a reader can add up at a glance. */
const niceStep = (rough: number): number => {
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  return (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10) * power;
};

/** About `count` ticks covering [lo, hi] (Heckbert's "nice numbers" for graph labels). */
export const niceTicks = (lo: number, hi: number, count = 5): Ticks => {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const step = niceStep((hi - lo) / Math.max(1, count - 1));
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  // Counting by index, not by adding step, keeps 0.1 + 0.2 drift out of the labels.
  for (let i = 0; first + i * step <= last + step / 2; i++) values.push(first + i * step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / 10 ** Math.floor(Math.log10(step)) === 2.5 ? 1 : 0));
  return { lo: first, hi: last, values, decimals };
};

/** Maps [d0, d1] onto [r0, r1] (r1 < r0 for a y axis that grows upwards). */
export const linear = (d0: number, d1: number, r0: number, r1: number) => (v: number) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);

export const formatTick = (v: number, decimals: number): string => v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
