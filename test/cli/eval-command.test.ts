import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../src/openai/fake/index.js';
import { tunesetProcessAsync } from '../helpers/cli-process.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A run directory with only what eval reads: 50 held-out lettered questions. */
const runWithValidation = (n: number): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-eval-cli-'));
  const line = (i: number) =>
    JSON.stringify({ messages: [{ role: 'user', content: `Question ${i}?\nA. yes\nB. no` }, { role: 'assistant', content: 'A' }] });
  writeFileSync(join(dir, 'validation.jsonl'), Array.from({ length: n }, (_, i) => `${line(i + 1)}\n`).join(''));
  return dir;
};

test('eval against a model whose every request fails exits 1 with the count and the first error on stderr', async () => {
  const dir = runWithValidation(50);
  fake = await startFakeOpenAI({ now: '2026-11-23T12:00:00Z' });
  // retry-after-ms 0: the SDK's 5 retries per request take no time.
  fake.faults.serverError('POST /v1/chat/completions');
  const r = await tunesetProcessAsync(['eval', dir, '--model', 'gpt-4o-mini-2024-07-18', '--concurrency', '4'], {
    OPENAI_API_KEY: 'sk-test-eval',
    OPENAI_BASE_URL: fake.baseURL,
  });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const failed = Number(/(\d+) of 50 examples failed/.exec(r.stderr)?.[1]);
  expect(r.stderr).toBe(
    `error: evaluating gpt-4o-mini-2024-07-18: ${failed} of 50 examples failed against gpt-4o-mini-2024-07-18 (more than the 5 allowed), so the evaluation stopped; the first error: 500 The server had an error while processing your request. Sorry about that!\n`,
  );
  // Stopped at the budget: the 6th failure, plus at most the 3 other requests in flight.
  expect(failed).toBeGreaterThanOrEqual(6);
  expect(failed).toBeLessThanOrEqual(9);
  // Each failed example is the first request and the SDK's 5 retries.
  expect(fake.requests.filter((q) => q.path === '/v1/chat/completions')).toHaveLength(failed * 6);
}, 20_000);
