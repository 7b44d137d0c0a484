/**
 * The Wilson score interval for a proportion (95% by default): unlike the normal approximation it
 * stays inside [0, 1] and behaves at small n, which held-out sets of a few hundred examples are.
 */
export const wilsonInterval = (correct: number, n: number, z = 1.959964): { low: number; high: number } => {
  if (n === 0) return { low: 0, high: 0 };
  const p = correct / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
};
