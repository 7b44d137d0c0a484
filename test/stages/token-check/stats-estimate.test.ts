import { describe, expect, it } from 'vitest';
import { lookupModel } from '../../../src/providers/openai/model-table.js';
import { estimateTraining } from '../../../src/stages/token-check/estimate.js';
import { percentile, summarizeTokens } from '../../../src/stages/token-check/stats.js';

describe('summarizeTokens (nearest rank)', () => {
  it('gives total, min, median, p95 and max of 1..20', () => {
    const counts = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(summarizeTokens(counts)).toEqual({ total: 210, min: 1, median: 10, p95: 19, max: 20 });
  });

  it('takes the lower middle value as the median of an even count, and sorts numerically', () => {
    expect(summarizeTokens([100, 9, 30, 2])).toEqual({ total: 141, min: 2, median: 9, p95: 100, max: 100 });
  });

  it('handles one value and none', () => {
    expect(summarizeTokens([42])).toEqual({ total: 42, min: 42, median: 42, p95: 42, max: 42 });
    expect(summarizeTokens([])).toEqual({ total: 0, min: 0, median: 0, p95: 0, max: 0 });
  });

  it('p95 of 1..100 is 95 and of 1..10 is 10', () => {
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 95)).toBe(95);
    expect(percentile(Array.from({ length: 10 }, (_, i) => i + 1), 95)).toBe(10);
  });
});

describe('estimateTraining', () => {
  it("reproduces the guide's worked example: 100,000 tokens × 3 epochs on gpt-4o-mini is $0.90", () => {
    const counts = Array.from({ length: 100 }, () => 1000);
    expect(estimateTraining(lookupModel('gpt-4o-mini'), counts, 3)).toEqual({
      epochs: { requested: 3, resolved: 3 },
      billedTokens: 300_000,
      estimatedCostUsd: 0.9,
    });
    expect(estimateTraining(lookupModel('gpt-3.5-turbo'), counts, 3).estimatedCostUsd).toBe(2.4);
  });

  it('caps each example at the model limit, where OpenAI truncates', () => {
    const model = { tokenLimit: 1000, trainingPricePerMTokens: 25 };
    // min(1000, 400) + min(1000, 5000) = 1,400 per epoch
    expect(estimateTraining(model, [400, 5000], 2)).toEqual({ epochs: { requested: 2, resolved: 2 }, billedTokens: 2800, estimatedCostUsd: 0.07 });
  });

  it("resolves 'auto' epochs from the number of training examples", () => {
    // 10 examples: ⌊100/10⌋ = 10 epochs; 10 × 123 × 10 = 12,300 tokens at $5/1M = $0.0615
    expect(estimateTraining(lookupModel('gpt-4.1-mini'), Array.from({ length: 10 }, () => 123), 'auto')).toEqual({
      epochs: { requested: 'auto', resolved: 10 },
      billedTokens: 12_300,
      estimatedCostUsd: 0.0615,
    });
  });

  it('has no cost when the model has no per-token training price', () => {
    expect(estimateTraining(lookupModel('o4-mini'), [1000], 3)).toEqual({ epochs: { requested: 3, resolved: 3 }, billedTokens: 3000, estimatedCostUsd: null });
  });
});
