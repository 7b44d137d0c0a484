import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import { tunesetProcessAsync } from '../helpers/cli-process.js';
import { formatUsd } from '../../src/cli/format-table.js';
import { countRequests, fakeFor, freshRun, openaiEnv, tuneset } from '../helpers/hand-off.js';

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

/** A run, the fake, and a model fine-tuned on it: what an evaluation compares. */
const trainedRun = async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  const env = openaiEnv(fake);
  expect((await tuneset(env, 'train', dir)).code).toBe(0);
  fake.clock.advance(600);
  const model = /Fine-tuned model: (\S+)/.exec((await tuneset(env, 'watch', dir, '--interval', '0')).stdout)![1]!;
  return { dir, env, model };
};

interface Spend {
  model: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  prices: { input: number; output: number; basis: string };
  now: { answers: number; costUsd: number };
  cached: { answers: number; costUsd: number };
}
interface EvalJson {
  dir: string;
  predictions: string;
  scores: { suite: string; scorer: string; model: string; correct: number }[];
  spend: Spend[];
}
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const BASE = 'gpt-4o-mini-2024-07-18';

test('each evaluation keeps its own directory with eval.json and predictions.jsonl; eval.json at the top is the latest', async () => {
  const { dir, env, model } = await trainedRun();
  const first = await tuneset(env, 'eval', dir, '--model', model, '--baseline', BASE);
  expect(first.code).toBe(0);
  const latest = readJson<EvalJson>(join(dir, 'eval.json'));
  const slug = `${model.replaceAll(':', '-')}-vs-${BASE}`;
  expect([latest.dir, latest.predictions]).toEqual([`evals/20261123T120000Z-${slug}`, `evals/20261123T120000Z-${slug}/predictions.jsonl`]);
  expect(readFileSync(join(dir, latest.dir, 'eval.json'), 'utf8')).toBe(readFileSync(join(dir, 'eval.json'), 'utf8'));
  expect(first.stdout).toContain(`Wrote ${join(dir, latest.dir)}/: eval.json (scores), predictions.jsonl; ${join(dir, 'eval.json')} is a copy of the latest\n`);

  // One line per model and example, in the split file's order, named by the ids in meta.jsonl.
  const validationIds = readFileSync(join(dir, 'meta.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; split: string }).filter((m) => m.split === 'validation').map((m) => m.id);
  const expected = readFileSync(join(dir, 'validation.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { messages: { content: string }[] }).messages.at(-1)!.content);
  const predictions = readFileSync(join(dir, latest.predictions), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { [k: string]: unknown });
  expect(predictions.map((p) => [p['model'], p['id'], p['line'], p['expected']])).toEqual([
    ...validationIds.map((id, i) => [model, id, i + 1, expected[i]]),
    ...validationIds.map((id, i) => [BASE, id, i + 1, expected[i]]),
  ]);
  for (const p of predictions) {
    expect(Object.keys(p)).toEqual(['suite', 'model', 'id', 'line', 'expected', 'reply', 'predicted', 'scores', 'promptTokens', 'completionTokens', 'cached', 'costUsd']);
    expect([p['suite'], p['predicted'], p['scores'], p['cached']]).toEqual(['validation', { letter: p['reply'] }, { letter: p['reply'] === p['expected'] ? 1 : 0 }, false]);
  }
  expect(latest.scores.map((r) => r.correct)).toEqual([model, BASE].map((m) => predictions.filter((p) => p['model'] === m && (p['scores'] as { letter: number }).letter === 1).length));

  // A second evaluation in the same second gets a directory of its own; the first one is untouched.
  const before = readFileSync(join(dir, latest.dir, 'eval.json'), 'utf8');
  const beforePredictions = readFileSync(join(dir, latest.predictions), 'utf8');
  expect((await tuneset(env, 'eval', dir, '--model', model, '--baseline', BASE)).code).toBe(0);
  const second = readJson<EvalJson>(join(dir, 'eval.json'));
  expect(second.dir).toBe(`evals/20261123T120000Z-${slug}-2`);
  expect(readFileSync(join(dir, latest.dir, 'eval.json'), 'utf8')).toBe(before);
  expect(readFileSync(join(dir, latest.predictions), 'utf8')).toBe(beforePredictions);
  expect(readdirSync(join(dir, 'evals'))).toEqual([`20261123T120000Z-${slug}`, `20261123T120000Z-${slug}-2`]);
  expect(readFileSync(join(dir, second.predictions), 'utf8').trim().split('\n').every((l) => (JSON.parse(l) as { cached: boolean }).cached)).toBe(true);
}, 60_000);

test('a fine-tune is priced at its base fine-tuned price, the base at its own; a cached re-run says 0 requests now and what the answers cost when bought', async () => {
  const { dir, env, model } = await trainedRun();
  const bought = await tuneset(env, 'eval', dir, '--model', model, '--baseline', BASE);
  expect(bought.code).toBe(0);
  const [ft, base] = readJson<EvalJson>(join(dir, 'eval.json')).spend as [Spend, Spend];
  expect([ft.prices, base.prices]).toEqual([
    { input: 0.3, output: 1.2, basis: `fine-tuned ${BASE}`, asOf: '2025-11' },
    { input: 0.15, output: 0.6, basis: `base ${BASE}`, asOf: '2026-03' },
  ]);
  for (const r of [ft, base]) expect(r.costUsd).toBeCloseTo((r.promptTokens * r.prices.input + r.completionTokens * r.prices.output) / 1e6, 12);
  // The same prompts, and one-letter answers: the fine-tune costs twice the base per token, so twice as much.
  expect([ft.promptTokens, ft.completionTokens]).toEqual([base.promptTokens, base.completionTokens]);
  expect(ft.costUsd).toBeCloseTo(2 * base.costUsd, 12);
  expect(bought.stdout).toContain(`${model}: 9 requests, ${formatUsd(ft.costUsd)} now\n${BASE}: 9 requests, ${formatUsd(base.costUsd)} now\n`);

  const chats = countRequests(fake!, 'POST', '/v1/chat/completions');
  const cached = await tuneset(env, 'eval', dir, '--model', model, '--baseline', BASE);
  expect(cached.code).toBe(0);
  expect(countRequests(fake!, 'POST', '/v1/chat/completions')).toBe(chats);
  expect(cached.stdout).toContain(
    `${model}: 0 requests, $0.00 now; the answers cost ${formatUsd(ft.costUsd)} when bought\n${BASE}: 0 requests, $0.00 now; the answers cost ${formatUsd(base.costUsd)} when bought\n`,
  );
  const [ftAgain, baseAgain] = readJson<EvalJson>(join(dir, 'eval.json')).spend as [Spend, Spend];
  expect([ftAgain.requests, ftAgain.now, ftAgain.cached.answers, ftAgain.cached.costUsd, ftAgain.costUsd]).toEqual([0, { answers: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }, 9, ft.costUsd, ft.costUsd]);
  expect(baseAgain.cached.costUsd).toBe(base.costUsd);
  // The table is the same as the run that paid: the answers' tokens and what they cost.
  expect(cached.stdout.split('\n').slice(0, 3)).toEqual(bought.stdout.split('\n').slice(0, 3));
}, 60_000);

test('an error is redacted of every key in the environment, not only the one in use', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  // An Azure key is 32 hex digits with no shape of its own: only its value in the environment finds it.
  const azureKey = '0123456789abcdef0123456789abcdef';
  fake.faults.add({ kind: 'status', status: 400, match: 'POST /v1/chat/completions', message: `upstream credential ${azureKey} was rejected` });
  const r = await tuneset({ ...openaiEnv(fake), AZURE_OPENAI_API_KEY: azureKey }, 'eval', dir, '--model', BASE);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error: evaluating gpt-4o-mini-2024-07-18: \d+ of 9 examples failed against gpt-4o-mini-2024-07-18 \(more than the 1 allowed\), so the evaluation stopped; the first error: 400 upstream credential \[REDACTED\] was rejected\n$/);
  expect(r.stderr + r.stdout).not.toContain(azureKey);
});
