import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../src/openai/fake/index.js';
import { tunesetProcessAsync } from '../helpers/cli-process.js';
import { fakeFor, freshRun, openaiEnv, tuneset } from '../helpers/hand-off.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

test('eval against a model whose every request fails exits 1 with the count and the first error on stderr', async () => {
  const dir = await freshRun();
  const examples = readFileSync(join(dir, 'validation.jsonl'), 'utf8').trim().split('\n').length;
  fake = await fakeFor(dir);
  // retry-after-ms 0: the SDK's 5 retries per request take no time.
  fake.faults.serverError('POST /v1/chat/completions');
  const r = await tunesetProcessAsync(['eval', dir, '--model', 'gpt-4o-mini-2024-07-18', '--concurrency', '4'], openaiEnv(fake));
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const failed = Number(/: (\d+) of \d+ examples failed/.exec(r.stderr)?.[1]);
  expect(r.stderr).toBe(
    `error: evaluating gpt-4o-mini-2024-07-18: ${failed} of ${examples} examples failed against gpt-4o-mini-2024-07-18 (more than the 1 allowed), so the evaluation stopped; the first error: 500 The server had an error while processing your request. Sorry about that!\n`,
  );
  // The budget (10% of the examples, at least 1) stops it at the 2nd failure; only the other requests in flight (at most 3) add to it.
  expect(examples).toBeLessThan(20);
  expect(failed).toBeGreaterThanOrEqual(2);
  expect(failed).toBeLessThanOrEqual(5);
  // Each failed example is its first request and the SDK's 5 retries; no other example was asked.
  expect(fake.requests.filter((q) => q.path === '/v1/chat/completions')).toHaveLength(failed * 6);
}, 60_000);

test('an answer cache whose last line an interrupted eval cut short is warned about, and that answer is asked again', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  const cache = join(dir, 'eval-cache.jsonl');
  writeFileSync(cache, '{"key":"0f3a","answer":{"content":"B","promptT');
  const r = await tuneset(openaiEnv(fake), 'eval', dir, '--model', 'gpt-4o-mini-2024-07-18');
  expect(r.stderr).toBe(`warning: ${cache}: the last line was cut short by an interrupted eval; that answer is asked again\n`);
  expect(r.code).toBe(0);
  const examples = readFileSync(join(dir, 'validation.jsonl'), 'utf8').trim().split('\n').length;
  // The fragment is gone and every answer is on a line of its own.
  expect(readFileSync(cache, 'utf8').split('\n').slice(0, -1).map((l) => (JSON.parse(l) as { key: string }).key)).toHaveLength(examples);
}, 60_000);
