import { expect, test } from 'vitest';
import { scorerSpendLine, spendLine } from '../../src/cli/eval-report-text.js';
import type { ModelSpend } from '../../src/train/eval/eval-types.js';

const prices = { input: null, output: null, basis: 'm is not in the model table', asOf: null };
const none = { answers: 0, promptTokens: 0, completionTokens: 0 };

test('a spend line names the missing price only when something was bought now', () => {
  const model: ModelSpend = {
    model: 'm', requestedAs: 'm', prices, requests: 2, answers: 5, errors: 0, promptTokens: 50, completionTokens: 5, costUsd: null,
    now: { ...none, answers: 2, costUsd: null },
    cached: { ...none, answers: 3, costUsd: 0.0003 },
  };
  expect(spendLine(model)).toBe('m: 2 requests, $? now (no price: m is not in the model table); the 3 answers from the cache cost $0.0003 when bought');
  const judge = { model: 'j', requests: 0, cached: 4, promptTokens: 0, completionTokens: 0, costUsd: null, cachedCostUsd: 0.001, basis: 'j is not in the model table' };
  expect(scorerSpendLine(judge)).toBe('judge j: 0 requests, $? now; the grades cost $0.001 when bought');
  expect(scorerSpendLine({ ...judge, requests: 1, cachedCostUsd: null })).toBe('judge j: 1 request, $? now (no price: j is not in the model table); the 4 grades from the cache came from the cache with no recorded cost');
});
