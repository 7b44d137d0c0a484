/**
 * Stable assignment: each group is placed by its own seeded hash alone, u in [0, 1), so adding,
 * removing or changing other groups never moves it (the greedy assignment balances sizes, so one
 * passage more can move others). The unit interval is laid out validation, train, test:
 * validation is [0, validation), test is [1 - test, 1) and train the rest, so raising one held-out
 * share only takes groups from train, and never moves a group between validation and test or from a
 * held-out split back into train. Shares are met only on average: each group is a coin flip, so a
 * split's share of n groups is binomial (about ±1.96·sqrt(r(1-r)/n) in 95% of seeds), and a small
 * dataset can leave a split empty.
 */
export const stableSide = (u: number, validation: number, test: number): number => (u < validation ? 1 : u >= 1 - test ? 2 : 0);

/** Split index (0 train, 1 validation, 2 test) of every group by its number, from `unit(g)` in [0, 1) alone. */
export const assignStable = (count: number, ratios: readonly number[], unit: (g: number) => number): Uint8Array => {
  const assignment = new Uint8Array(count);
  for (let g = 0; g < count; g++) assignment[g] = stableSide(unit(g), ratios[1]!, ratios[2]!);
  return assignment;
};
