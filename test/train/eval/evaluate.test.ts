import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AnswerCache } from '../../../src/train/eval/answer-cache.js';
import type { ChatModel } from '../../../src/chat/chat-model.js';
import type { EvalExample } from '../../../src/train/eval/eval-examples.js';
import { evaluateModel } from '../../../src/train/eval/evaluate.js';
import type { InferencePrices } from '../../../src/train/eval/inference-prices.js';
import { SCORERS } from '../../../src/train/eval/scorers.js';

const examples: EvalExample[] = Array.from({ length: 50 }, (_, i) => ({ id: `q${i + 1}`, line: i + 1, prompt: [{ role: 'user', content: `question ${i + 1}` }], expected: 'A' }));
const cachePath = () => join(mkdtempSync(join(tmpdir(), 'tuneset-eval-')), 'eval-cache.jsonl');
const cache = () => new AnswerCache(cachePath());
const UNPRICED: InferencePrices = { input: null, output: null, basis: 'm is not in the model table', asOf: null };
const FINE_TUNED: InferencePrices = { input: 0.3, output: 1.2, basis: 'fine-tuned gpt-4o-mini-2024-07-18', asOf: '2025-11' };
const letter = SCORERS['letter']!;

test('a model that always fails stops the evaluation past the error budget with the count and the first error', { timeout: 5_000 }, async () => {
  let calls = 0;
  const chat: ChatModel = {
    complete: async () => {
      calls++;
      throw new Error(`503 upstream unavailable (call ${calls})`);
    },
  };
  const run = evaluateModel('m', 'm', examples, { chat, scorer: letter, cache: cache(), concurrency: 4, prices: UNPRICED });
  const error = await run.then(() => undefined, (e: unknown) => e as Error);
  expect(error?.message).toBe(
    `${calls} of 50 examples failed against m (more than the 5 allowed), so the evaluation stopped; the first error: 503 upstream unavailable (call 1)`,
  );
  // The budget is 10% of 50: the 6th failure stops it, and only requests already in flight (at most 3 more) are made.
  expect(calls).toBeGreaterThanOrEqual(6);
  expect(calls).toBeLessThanOrEqual(9);
});

test('failures within the budget are retried in later passes and counted as errors when they persist', async () => {
  const failing = new Set(['question 3', 'question 40']);
  const chat: ChatModel = {
    complete: async (_model, messages) => {
      if (failing.has(messages[0]!.content as string)) throw new Error('500 server error');
      return { content: 'A', promptTokens: 10, completionTokens: 1 };
    },
  };
  const { result, predictions } = await evaluateModel('m', 'm', examples, { chat, scorer: letter, cache: cache(), concurrency: 4, prices: UNPRICED });
  expect(result).toMatchObject({ n: 48, correct: 48, errors: 2, promptTokens: 480, completionTokens: 48 });
  // 48 answers, and 2 examples asked in each of the 3 passes.
  expect(result.now.requests).toBe(54);
  expect(predictions[2]).toEqual({
    model: 'm', id: 'q3', line: 3, expected: 'A', predicted: null, reply: null, correct: null,
    promptTokens: 0, completionTokens: 0, cached: false, costUsd: null, error: '500 server error',
  });
});

test('every example gets a prediction, in file order: the reply, the letter read from it, whether it is right, its tokens and cost', async () => {
  const few = examples.slice(0, 3);
  const replies: Record<string, string> = { 'question 1': 'A', 'question 2': 'The answer is (C).', 'question 3': 'no idea' };
  const chat: ChatModel = { complete: async (_m, messages) => ({ content: replies[messages[0]!.content as string]!, promptTokens: 100 + few.length, completionTokens: 2 }) };
  const { result, predictions } = await evaluateModel('ft:gpt-4o-mini-2024-07-18:org::x', 'ft:gpt-4o-mini-2024-07-18:org::x', few, { chat, scorer: letter, cache: cache(), concurrency: 3, prices: FINE_TUNED });
  // 103 prompt tokens at $0.30 and 2 completion tokens at $1.20 per 1M: $0.0000333 each.
  const common = { model: 'ft:gpt-4o-mini-2024-07-18:org::x', expected: 'A', promptTokens: 103, completionTokens: 2, cached: false, costUsd: 0.0000333 };
  expect(predictions).toEqual([
    { ...common, id: 'q1', line: 1, predicted: 'A', reply: 'A', correct: true },
    { ...common, id: 'q2', line: 2, predicted: 'C', reply: 'The answer is (C).', correct: false },
    { ...common, id: 'q3', line: 3, predicted: null, reply: 'no idea', correct: false },
  ]);
  expect(result).toMatchObject({ n: 3, correct: 1, costUsd: 0.0000999, now: { requests: 3, answers: 3, costUsd: 0.0000999 }, cached: { answers: 0, costUsd: 0 } });
});

test('a re-run from the cache makes no request and spends nothing, and reports what the answers cost at the prices they were bought at', async () => {
  const few = examples.slice(0, 4);
  let calls = 0;
  const chat: ChatModel = {
    complete: async () => {
      calls++;
      return { content: 'A', promptTokens: 1000, completionTokens: 10 };
    },
  };
  const path = cachePath();
  const first = await evaluateModel('m', 'm', few, { chat, scorer: letter, cache: new AnswerCache(path), concurrency: 2, prices: FINE_TUNED, now: '2026-11-23T12:00:00.000Z' });
  // 1000 x $0.30 + 10 x $1.20 per 1M = $0.000312 an answer.
  expect(first.result.now).toEqual({ requests: 4, answers: 4, promptTokens: 4000, completionTokens: 40, costUsd: 0.001248 });

  // The price has changed since (here: the base price): the cached answers keep the cost they were bought at.
  const cheaper: InferencePrices = { input: 0.15, output: 0.6, basis: 'base gpt-4o-mini-2024-07-18', asOf: '2026-03' };
  const again = await evaluateModel('m', 'm', few, { chat, scorer: letter, cache: new AnswerCache(path), concurrency: 2, prices: cheaper });
  expect(calls).toBe(4);
  expect(again.result.now).toEqual({ requests: 0, answers: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
  expect(again.result.cached).toEqual({ answers: 4, promptTokens: 4000, completionTokens: 40, costUsd: 0.001248 });
  expect(again.result.costUsd).toBe(0.001248);
  expect(again.predictions.map((p) => [p.cached, p.costUsd])).toEqual(Array.from({ length: 4 }, () => [true, 0.000312]));

  // Half from the cache, half bought now at the new price.
  const more = examples.slice(2, 6);
  const mixed = await evaluateModel('m', 'm', more, { chat, scorer: letter, cache: new AnswerCache(path), concurrency: 2, prices: cheaper });
  expect(mixed.result.now).toEqual({ requests: 2, answers: 2, promptTokens: 2000, completionTokens: 20, costUsd: 0.000312 });
  expect(mixed.result.cached).toEqual({ answers: 2, promptTokens: 2000, completionTokens: 20, costUsd: 0.000624 });
  expect(mixed.result.costUsd).toBe(0.000936);
});
