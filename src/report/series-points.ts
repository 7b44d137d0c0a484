/** Point reduction for plots: a smoothed line and a bounded number of raw points to draw. */

export interface Point {
  x: number;
  y: number;
}

/**
 * Centered moving average over `half` points on either side. Where the window is cut short (the
 * first and last `half` points) the value is a least-squares line through the window evaluated at
 * the point instead of the window's mean, so a falling curve is not pulled towards its middle at
 * the ends; where the window is whole and evenly spaced the two are the same. Unlike an
 * exponential moving average it does not lag behind the raw points. Prefix sums keep it linear in n.
 */
export const centeredMovingAverage = (points: readonly Point[], half: number): Point[] => {
  const prefix = (f: (p: Point) => number) => {
    const sums = [0];
    for (const p of points) sums.push(sums.at(-1)! + f(p));
    return (from: number, to: number) => sums[to + 1]! - sums[from]!;
  };
  const sx = prefix((p) => p.x);
  const sy = prefix((p) => p.y);
  const sxx = prefix((p) => p.x * p.x);
  const sxy = prefix((p) => p.x * p.y);
  return points.map((p, i) => {
    const from = Math.max(0, i - half);
    const to = Math.min(points.length - 1, i + half);
    const m = to - from + 1;
    const [x, y] = [sx(from, to), sy(from, to)];
    const spread = m * sxx(from, to) - x * x;
    if (spread <= 0) return { x: p.x, y: y / m };
    const slope = (m * sxy(from, to) - x * y) / spread;
    return { x: p.x, y: (y - slope * x) / m + slope * p.x };
  });
};

/**
 * The range of a dense series, for a faint band behind its sampled points: the series cut into
 * `buckets` runs of equal length, each kept as its lowest and highest value, so a spike that a
 * stride skips still shows. Empty when the series has no more than `buckets` points.
 */
export const minMaxBand = (points: readonly Point[], buckets: number): { x: number; lo: number; hi: number }[] => {
  if (points.length <= buckets) return [];
  const band: { x: number; lo: number; hi: number }[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * points.length) / buckets);
    const to = Math.floor(((b + 1) * points.length) / buckets);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      lo = Math.min(lo, points[i]!.y);
      hi = Math.max(hi, points[i]!.y);
    }
    band.push({ x: points[Math.floor((from + to - 1) / 2)]!.x, lo, hi });
  }
  return band;
};

/** `max` points evenly spread by index, the first and the last included: enough vertices for a line that is already smooth. */
export const thin = (points: readonly Point[], max: number): Point[] => {
  if (points.length <= max) return [...points];
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))]!);
};
