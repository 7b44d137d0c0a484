import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AnswerCache } from '../../../src/train/eval/answer-cache.js';
import type { ChatModel } from '../../../src/chat/chat-model.js';
import { answerExamples, answerTokens, FREE_TEXT_ANSWER_TOKENS, LETTER_ANSWER_TOKENS } from '../../../src/train/eval/answer-examples.js';
import type { EvalExample } from '../../../src/train/eval/eval-types.js';
import type { InferencePrices } from '../../../src/train/eval/inference-prices.js';

const examples: EvalExample[] = Array.from({ length: 50 }, (_, i) => ({ id: `q${i + 1}`, line: i + 1, prompt: [{ role: 'user', content: `question ${i + 1}` }], references: ['A'] }));
const cachePath = () => join(mkdtempSync(join(tmpdir(), 'tuneset-eval-')), 'eval-cache.jsonl');
const cache = () => new AnswerCache(cachePath());
const UNPRICED: InferencePrices = { input: null, output: null, basis: 'm is not in the model table', asOf: null };
const FINE_TUNED: InferencePrices = { input: 0.3, output: 1.2, basis: 'fine-tuned gpt-4o-mini-2024-07-18', asOf: '2025-11' };
const m = { model: 'm', requestedAs: 'm' };

test('a model that always fails stops the evaluation past the error budget with the count and the first error', { timeout: 5_000 }, async () => {
  let calls = 0;
  const chat: ChatModel = {
    complete: async () => {
      calls++;
      throw new Error(`503 upstream unavailable (call ${calls})`);
    },
  };
  const run = answerExamples(m, examples, { chat, cache: cache(), concurrency: 4, prices: UNPRICED });
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
  const { spend, answers } = await answerExamples(m, examples, { chat, cache: cache(), concurrency: 4, prices: UNPRICED });
  // 48 answers, and 2 examples asked in each of the 3 passes.
  expect(spend).toMatchObject({ requests: 54, answers: 48, errors: 2, promptTokens: 480, completionTokens: 48, costUsd: null });
  expect(answers[2]).toEqual({ reply: null, promptTokens: 0, completionTokens: 0, cached: false, costUsd: null, error: '500 server error' });
  expect(answers.filter((a) => a.reply === null)).toHaveLength(2);
});

test('every example gets an answer, in the order given: the reply, its tokens and cost; the spend adds them up', async () => {
  const few = examples.slice(0, 3);
  const replies: Record<string, string> = { 'question 1': 'A', 'question 2': 'The answer is (C).', 'question 3': 'no idea' };
  const chat: ChatModel = { complete: async (_m, messages) => ({ content: replies[messages[0]!.content as string]!, promptTokens: 100 + few.length, completionTokens: 2 }) };
  const ft = { model: 'ft:gpt-4o-mini-2024-07-18:org::x', requestedAs: 'ft:gpt-4o-mini-2024-07-18:org::x' };
  const { answers, spend } = await answerExamples(ft, few, { chat, cache: cache(), concurrency: 3, prices: FINE_TUNED });
  // 103 prompt tokens at $0.30 and 2 completion tokens at $1.20 per 1M: $0.0000333 each.
  const common = { promptTokens: 103, completionTokens: 2, cached: false, costUsd: 0.0000333 };
  expect(answers).toEqual([
    { ...common, reply: 'A' },
    { ...common, reply: 'The answer is (C).' },
    { ...common, reply: 'no idea' },
  ]);
  expect(spend).toEqual({
    ...ft, prices: FINE_TUNED, requests: 3, answers: 3, errors: 0, promptTokens: 309, completionTokens: 6, costUsd: 0.0000999,
    now: { answers: 3, promptTokens: 309, completionTokens: 6, costUsd: 0.0000999 },
    cached: { answers: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
  });
});

test('an Azure deployment is what is sent and what the cache is keyed by; the model keeps its own name', async () => {
  const sent: string[] = [];
  const chat: ChatModel = { complete: async (model) => (sent.push(model), { content: 'A', promptTokens: 1, completionTokens: 1 }) };
  const path = cachePath();
  const deployed = { model: 'ft:gpt-4o-mini-2024-07-18:org::x', requestedAs: 'my-deployment' };
  const { spend } = await answerExamples(deployed, examples.slice(0, 2), { chat, cache: new AnswerCache(path), concurrency: 1, prices: UNPRICED });
  expect(sent).toEqual(['my-deployment', 'my-deployment']);
  expect([spend.model, spend.requestedAs]).toEqual(['ft:gpt-4o-mini-2024-07-18:org::x', 'my-deployment']);
  // The same deployment finds its answers; the model name alone does not.
  expect((await answerExamples(deployed, examples.slice(0, 2), { chat, cache: new AnswerCache(path), concurrency: 1, prices: UNPRICED })).spend.requests).toBe(0);
  expect((await answerExamples({ ...deployed, requestedAs: deployed.model }, examples.slice(0, 2), { chat, cache: new AnswerCache(path), concurrency: 1, prices: UNPRICED })).spend.requests).toBe(2);
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
  const first = await answerExamples(m, few, { chat, cache: new AnswerCache(path), concurrency: 2, prices: FINE_TUNED, now: '2026-11-23T12:00:00.000Z' });
  // 1000 x $0.30 + 10 x $1.20 per 1M = $0.000312 an answer.
  expect([first.spend.requests, first.spend.now]).toEqual([4, { answers: 4, promptTokens: 4000, completionTokens: 40, costUsd: 0.001248 }]);

  // The price has changed since (here: the base price): the cached answers keep the cost they were bought at.
  const cheaper: InferencePrices = { input: 0.15, output: 0.6, basis: 'base gpt-4o-mini-2024-07-18', asOf: '2026-03' };
  const again = await answerExamples(m, few, { chat, cache: new AnswerCache(path), concurrency: 2, prices: cheaper });
  expect(calls).toBe(4);
  expect([again.spend.requests, again.spend.now]).toEqual([0, { answers: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }]);
  expect(again.spend.cached).toEqual({ answers: 4, promptTokens: 4000, completionTokens: 40, costUsd: 0.001248 });
  expect(again.spend.costUsd).toBe(0.001248);
  expect(again.answers.map((a) => [a.cached, a.costUsd])).toEqual(Array.from({ length: 4 }, () => [true, 0.000312]));

  // Half from the cache, half bought now at the new price.
  const more = examples.slice(2, 6);
  const mixed = await answerExamples(m, more, { chat, cache: new AnswerCache(path), concurrency: 2, prices: cheaper });
  expect([mixed.spend.requests, mixed.spend.now]).toEqual([2, { answers: 2, promptTokens: 2000, completionTokens: 20, costUsd: 0.000312 }]);
  expect(mixed.spend.cached).toEqual({ answers: 2, promptTokens: 2000, completionTokens: 20, costUsd: 0.000624 });
  expect(mixed.spend.costUsd).toBe(0.000936);
});

test('an answer cache written by an earlier version still answers: the key is sha256 of [model, messages] as JSON', async () => {
  const path = cachePath();
  const key = createHash('sha256').update(JSON.stringify(['m', [{ role: 'user', content: 'question 1' }]])).digest('hex');
  writeFileSync(path, `${JSON.stringify({ key, answer: { content: 'B', promptTokens: 7, completionTokens: 1 }, costUsd: 0.000002 })}\n`);
  const chat: ChatModel = { complete: () => Promise.reject(new Error('asked, though the cache has the answer')) };
  const { answers, spend } = await answerExamples(m, examples.slice(0, 1), { chat, cache: new AnswerCache(path), concurrency: 1, prices: UNPRICED });
  expect(answers).toEqual([{ reply: 'B', promptTokens: 7, completionTokens: 1, cached: true, costUsd: 0.000002 }]);
  expect(spend.requests).toBe(0);
});

test("each question is asked with its cap on the answer's tokens; an answer bought under one cap is not served for another", async () => {
  const asked: (number | undefined)[] = [];
  const chat: ChatModel = { complete: async (_m, _messages, options) => (asked.push(options?.maxTokens), { content: 'A', promptTokens: 1, completionTokens: 1 }) };
  const path = cachePath();
  const question = examples[0]!;
  await answerExamples(m, [question], { chat, cache: new AnswerCache(path), concurrency: 1, prices: UNPRICED });
  expect(asked).toEqual([LETTER_ANSWER_TOKENS]);
  // The same prompt for a free-text scorer: asked again, with room for the whole answer, and cached apart.
  const freeText = { prompt: question.prompt, maxTokens: FREE_TEXT_ANSWER_TOKENS };
  expect((await answerExamples(m, [freeText], { chat, cache: new AnswerCache(path), concurrency: 1, prices: UNPRICED })).spend.requests).toBe(1);
  expect((await answerExamples(m, [freeText, question], { chat, cache: new AnswerCache(path), concurrency: 1, prices: UNPRICED })).spend.requests).toBe(0);
  expect(asked).toEqual([16, 1024]);
  expect(answerTokens(['letter'])).toBe(16);
  expect(answerTokens(['letter', 'rouge'])).toBe(1024);
  expect(answerTokens(['exact'])).toBe(1024);
});
