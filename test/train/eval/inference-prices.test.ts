import { expect, test } from 'vitest';
import { inferencePrices, tokenCost } from '../../../src/train/eval/inference-prices.js';

test('an ft: model, and a checkpoint of one, is priced at the fine-tuned price of its base', () => {
  expect(inferencePrices('ft:gpt-4o-mini-2024-07-18:acme:lsat:9xYz12')).toEqual({ input: 0.3, output: 1.2, basis: 'fine-tuned gpt-4o-mini-2024-07-18', asOf: '2025-11' });
  expect(inferencePrices('ft:gpt-4.1-mini-2025-04-14:acme::abc:ckpt-step-20')).toEqual({ input: 0.8, output: 3.2, basis: 'fine-tuned gpt-4.1-mini-2025-04-14', asOf: '2025-11' });
  expect(inferencePrices('ft:gpt-4o-2024-08-06:acme::x')).toMatchObject({ input: 3.75, output: 15 });
});

test('a base model, by snapshot or alias, is priced at its own price', () => {
  expect(inferencePrices('gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6, basis: 'base gpt-4o-mini-2024-07-18', asOf: '2026-03' });
  expect(inferencePrices('gpt-4.1')).toMatchObject({ input: 2, output: 8, basis: 'base gpt-4.1-2025-04-14' });
});

test('a model the table does not know has no price rather than a guess', () => {
  expect(inferencePrices('my-deployment')).toEqual({ input: null, output: null, basis: 'my-deployment is not in the model table', asOf: null });
  expect(tokenCost({ input: null, output: 1 }, 100, 1)).toBeNull();
  expect(tokenCost({ input: 0.15, output: 0.6 }, 1_000_000, 500_000)).toBe(0.45);
});

test("another provider's model is priced from that provider's table, or says which table has no price", () => {
  const local = inferencePrices('Qwen/Qwen3-0.6B', 'local');
  expect(local).toEqual({ input: null, output: null, basis: "local's model table has no inference price for Qwen/Qwen3-0.6B", asOf: null });
  expect(inferencePrices('acme/Qwen3-0.6B-ft-x', 'local')).toEqual({ input: null, output: null, basis: "acme/Qwen3-0.6B-ft-x is not in local's model table", asOf: null });
  // OpenAI's names are not another provider's.
  expect(inferencePrices('gpt-4o-mini-2024-07-18', 'local').basis).toBe("gpt-4o-mini-2024-07-18 is not in local's model table");
});

test("a priced row of another provider's table gives its base price, dated by the table", async () => {
  const { modelsOf, tableOf } = await import('../../../src/providers/model-lookup.js');
  const { PROVIDER_NAMES } = await import('../../../src/providers/registry.js');
  const priced = PROVIDER_NAMES.filter((p) => p !== 'openai').flatMap((p) => modelsOf(p).filter((m) => m.baseInputPricePerMTokens !== null && m.baseOutputPricePerMTokens !== null));
  for (const m of priced) {
    expect(inferencePrices(m.name, m.provider as never)).toEqual({ input: m.baseInputPricePerMTokens, output: m.baseOutputPricePerMTokens, basis: `base ${m.name}`, asOf: tableOf(m.provider as never).asOf });
  }
});
