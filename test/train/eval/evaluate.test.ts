import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AnswerCache } from '../../../src/train/eval/answer-cache.js';
import type { ChatModel } from '../../../src/train/eval/chat-model.js';
import { evaluateModel, type EvalExample } from '../../../src/train/eval/evaluate.js';
import { SCORERS } from '../../../src/train/eval/scorers.js';

const examples: EvalExample[] = Array.from({ length: 50 }, (_, i) => ({ line: i + 1, prompt: [{ role: 'user', content: `question ${i + 1}` }], expected: 'A' }));
const cache = () => new AnswerCache(join(mkdtempSync(join(tmpdir(), 'tuneset-eval-')), 'eval-cache.jsonl'));

test('a model that always fails stops the evaluation past the error budget with the count and the first error', { timeout: 5_000 }, async () => {
  let calls = 0;
  const chat: ChatModel = {
    complete: async () => {
      calls++;
      throw new Error(`503 upstream unavailable (call ${calls})`);
    },
  };
  const run = evaluateModel('m', 'm', examples, { chat, scorer: SCORERS['letter']!, cache: cache(), concurrency: 4, prices: { input: null, output: null } });
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
  const result = await evaluateModel('m', 'm', examples, { chat, scorer: SCORERS['letter']!, cache: cache(), concurrency: 4, prices: { input: null, output: null } });
  expect(result).toMatchObject({ n: 48, correct: 48, errors: 2, promptTokens: 480, completionTokens: 48 });
});
