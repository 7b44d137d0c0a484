import { describe, expect, it } from 'vitest';
import { resolveEpochs } from '../../../src/stages/token-check/epochs.js';

describe('resolveEpochs', () => {
  it('keeps an explicit number', () => {
    expect(resolveEpochs(7, 10)).toBe(7);
    expect(resolveEpochs(1, 1_000_000)).toBe(1);
  });

  // The cookbook's rule: 3, unless n×3 < 100 (then min(25, ⌊100/n⌋)) or n×3 > 25,000 (then max(1, ⌊25,000/n⌋)).
  it.each([
    [1, 25],
    [3, 25],
    [4, 25],
    [5, 20],
    [10, 10],
    [20, 5],
    [33, 3],
    [34, 3],
    [100, 3],
    [8333, 3],
    [8334, 2],
    [12_500, 2],
    [12_501, 1],
    [100_000, 1],
  ])('auto with %i examples -> %i epochs', (n, epochs) => {
    expect(resolveEpochs('auto', n)).toBe(epochs);
  });

  it('uses the target of 3 when there are no examples', () => {
    expect(resolveEpochs('auto', 0)).toBe(3);
  });
});
