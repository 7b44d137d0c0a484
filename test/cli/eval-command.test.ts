import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import { badRequest } from '../../src/providers/fake/api-error.js';
import { DEFAULT_JUDGE_RUBRIC } from '../../src/train/eval/scorers/judge-defaults.js';
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

/** A retention suite of our own: general-knowledge questions with lettered options, in OpenAI-evals JSONL. */
const RETENTION = [
  ['Which number is prime?', ['4', '7', '9', '10'], 'B'],
  ['Which planet is the largest?', ['Mars', 'Venus', 'Jupiter', 'Mercury'], 'C'],
  ['Which gas do plants take in to photosynthesise?', ['Carbon dioxide', 'Oxygen', 'Helium', 'Neon'], 'A'],
  ['How many sides has a hexagon?', ['Five', 'Seven', 'Eight', 'Six'], 'D'],
] as const;
const retentionSuite = (dir: string) => {
  const path = join(dir, '..', 'general-knowledge.jsonl');
  const line = ([question, options, ideal]: (typeof RETENTION)[number]) =>
    JSON.stringify({ input: [{ role: 'user', content: `${question}\n${options.map((o, i) => `${'ABCD'[i]}) ${o}`).join('\n')}` }], ideal });
  writeFileSync(path, RETENTION.map((q) => `${line(q)}\n`).join(''));
  return path;
};
const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n');

interface EvalV2 {
  version: number;
  runId: string;
  datasetHash: string | null;
  split: string;
  models: { model: string; requestedAs: string; role: string; step?: number }[];
  suites: unknown[];
  scorers: unknown[];
  scores: { suite: string; scorer: string; model: string; n: number; correct: number }[];
  comparisons: { suite: string; scorer: string; model: string; baseline: string; n: number; difference: number; significant: boolean }[];
  spend: Spend[];
  judge?: unknown;
  scorerSpend: { model: string; requests: number; cached: number; costUsd: number }[];
  dir: string;
  predictions: string;
}
interface Prediction {
  suite: string;
  model: string;
  id: string;
  reply: string | null;
  scores: { letter: number | null };
  cached: boolean;
  error?: string;
}

test('the held-out split and a retention suite, fine-tune against base: one table, eval.json bound to the build, predictions per suite, model and example; a re-run asks nothing and prints the same table', async () => {
  const { dir, env, model } = await trainedRun();
  const suite = retentionSuite(dir);
  const args = ['eval', dir, '--model', model, '--baseline', BASE, '--scorer', 'letter', '--suite', suite];
  const chats = countRequests(fake!, 'POST', '/v1/chat/completions');
  const first = await tuneset(env, ...args);
  expect([first.code, first.stderr]).toEqual([0, '']);
  // 9 validation and 4 retention examples, each asked once of each model.
  expect(countRequests(fake!, 'POST', '/v1/chat/completions') - chats).toBe(26);
  const table = [
    'suite              scorer  model                                                score  95% interval  n  vs baseline        95% interval',
    `validation         letter  ${model}  88.9%   56.5%-98.0%  9    +66.7 pts  +33.3 to +88.9 pts  significant`,
    `validation         letter  ${BASE}                               22.2%    6.3%-54.7%  9`,
    `general-knowledge  letter  ${model}  25.0%    4.6%-69.9%  4      0.0 pts      0.0 to 0.0 pts  not significant`,
    `general-knowledge  letter  ${BASE}                               25.0%    4.6%-69.9%  4`,
  ];
  expect(model).toHaveLength(51);
  const record = readJson<EvalV2>(join(dir, 'eval.json'));
  const spend = record.spend as [Spend, Spend];
  expect(first.stdout).toBe(
    [
      ...table,
      `${model}: 13 requests, ${formatUsd(spend[0].costUsd)} now`,
      `${BASE}: 13 requests, ${formatUsd(spend[1].costUsd)} now`,
      `Wrote ${join(dir, record.dir)}/: eval.json (scores), predictions.jsonl; ${join(dir, 'eval.json')} is a copy of the latest`,
      '',
    ].join('\n'),
  );

  // Bound to the build: the run's id and dataset hash, the split, the models, each suite's bytes, each scorer's version.
  const manifest = readJson<{ runId: string; dataset: { hash: string } }>(join(dir, 'manifest.json'));
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  expect([record.version, record.runId, record.datasetHash, record.split]).toEqual([2, manifest.runId, manifest.dataset.hash, 'validation']);
  expect(record.models).toEqual([{ model, requestedAs: model, role: 'model' }, { model: BASE, requestedAs: BASE, role: 'baseline' }]);
  expect(record.suites).toEqual([
    { name: 'validation', source: 'split', path: 'validation.jsonl', sha256: sha(join(dir, 'validation.jsonl')), format: 'chat', examples: 9, scorers: ['letter'], answerTokens: 16 },
    { name: 'general-knowledge', source: 'file', path: suite, sha256: sha(suite), format: 'openai-evals', examples: 4, scorers: ['letter'], answerTokens: 16 },
  ]);
  expect(record.scorers).toEqual([{ name: 'letter', version: 'letter:first-standalone-A-J|impl:tuneset-1' }]);
  expect(record.scores.map((x) => [x.suite, x.scorer, x.model, x.n, x.correct])).toEqual([
    ['validation', 'letter', model, 9, 8],
    ['validation', 'letter', BASE, 9, 2],
    ['general-knowledge', 'letter', model, 4, 1],
    ['general-knowledge', 'letter', BASE, 4, 1],
  ]);
  expect(record.comparisons.map((c) => [c.suite, c.scorer, c.model, c.baseline, c.n, c.difference, c.significant])).toEqual([
    ['validation', 'letter', model, BASE, 9, 6 / 9, true],
    ['general-knowledge', 'letter', model, BASE, 4, 0, false],
  ]);
  expect(record.scorerSpend).toEqual([]);

  // One line per suite, model and example, in that order; the scores above are counted from them.
  const validationIds = lines(join(dir, 'meta.jsonl')).map((l) => JSON.parse(l) as { id: string; split: string }).filter((m) => m.split === 'validation').map((m) => m.id);
  const predictions = lines(join(dir, record.predictions)).map((l) => JSON.parse(l) as Prediction);
  const retentionIds = RETENTION.map((_, i) => `general-knowledge.jsonl:${i + 1}`);
  expect(predictions.map((p) => [p.suite, p.model, p.id])).toEqual([
    ...validationIds.map((id) => ['validation', model, id]),
    ...validationIds.map((id) => ['validation', BASE, id]),
    ...retentionIds.map((id) => ['general-knowledge', model, id]),
    ...retentionIds.map((id) => ['general-knowledge', BASE, id]),
  ]);
  for (const x of record.scores) expect(predictions.filter((p) => p.suite === x.suite && p.model === x.model && p.scores.letter === 1)).toHaveLength(x.correct);

  // Again, with every answer in the cache: no request, the same table, what the answers cost when bought.
  const second = await tuneset(env, ...args);
  expect([second.code, second.stderr]).toEqual([0, '']);
  expect(countRequests(fake!, 'POST', '/v1/chat/completions') - chats).toBe(26);
  const again = readJson<EvalV2>(join(dir, 'eval.json'));
  expect(second.stdout).toBe(
    [
      ...table,
      `${model}: 0 requests, $0.00 now; the answers cost ${formatUsd(spend[0].costUsd)} when bought`,
      `${BASE}: 0 requests, $0.00 now; the answers cost ${formatUsd(spend[1].costUsd)} when bought`,
      `Wrote ${join(dir, again.dir)}/: eval.json (scores), predictions.jsonl; ${join(dir, 'eval.json')} is a copy of the latest`,
      '',
    ].join('\n'),
  );
  expect([again.scores, again.comparisons]).toEqual([record.scores, record.comparisons]);
  expect(lines(join(dir, again.predictions)).map((l) => (JSON.parse(l) as Prediction).cached)).toEqual(predictions.map(() => true));
}, 60_000);

test('an answer that fails on every pass is left unscored: the table counts the rest, stderr says which model and why, and the exit code is 1', async () => {
  const { dir, env, model } = await trainedRun();
  const suite = retentionSuite(dir);
  // The base model refuses one retention question, every time (a 400 is not retried by the SDK).
  fake!.setChatBehaviour(BASE, (_request, ctx) => {
    if (ctx.userText.startsWith('Which planet')) throw badRequest('This prompt was rejected by the moderation filter.');
    return ctx.defaultReply();
  });
  const r = await tuneset(env, 'eval', dir, '--model', model, '--baseline', BASE, '--suite', suite);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`error: ${BASE}: 1 of 13 answers failed after every retry, so they are not scored; the first error: 400 This prompt was rejected by the moderation filter.\n`);
  const record = readJson<EvalV2>(join(dir, 'eval.json'));
  // 3 passes over the failed example: 12 answers and 3 requests for it.
  expect(record.spend.map((s) => [s.model, s.requests, (s as unknown as { errors: number }).errors])).toEqual([[model, 13, 0], [BASE, 15, 1]]);
  expect(record.scores.filter((x) => x.suite === 'general-knowledge').map((x) => [x.model, x.n, (x as unknown as { unscored: number }).unscored])).toEqual([[model, 4, 0], [BASE, 3, 1]]);
  // Compared over the examples both models answered.
  expect(record.comparisons.map((c) => [c.suite, c.n])).toEqual([['validation', 9], ['general-knowledge', 3]]);
  expect(r.stdout).toMatch(new RegExp(`^general-knowledge  letter  ${BASE.replaceAll('.', '\\.')} +\\S+ +\\S+  3$`, 'm'));
  const failed = lines(join(dir, record.predictions)).map((l) => JSON.parse(l) as Prediction).filter((p) => p.reply === null);
  expect(failed).toEqual([
    expect.objectContaining({ suite: 'general-knowledge', model: BASE, id: 'general-knowledge.jsonl:2', reply: null, scores: { letter: null }, cached: false, error: '400 This prompt was rejected by the moderation filter.' }),
  ]);
}, 60_000);

test('a suite scored by the judge: its grades, the judge in eval.json, its spend line; a re-run sends no request at all; a judge over its budget leaves answers ungraded and exits 1', async () => {
  const { dir, env, model } = await trainedRun();
  const suite = retentionSuite(dir);
  const args = ['eval', dir, '--model', model, '--baseline', BASE, '--suite', `${suite}:judge`];
  const chats = countRequests(fake!, 'POST', '/v1/chat/completions');
  const first = await tuneset(env, ...args);
  expect(first.code).toBe(0);
  // 13 answers from each model; 8 answers to grade, 4 distinct (the fine-tune answers the retention suite as its base does).
  expect(countRequests(fake!, 'POST', '/v1/chat/completions') - chats).toBe(26 + 4);
  const record = readJson<EvalV2>(join(dir, 'eval.json'));
  expect(record.suites.map((x) => (x as { scorers: string[] }).scorers)).toEqual([['letter'], ['judge']]);
  expect(record.scorers).toEqual([
    { name: 'letter', version: 'letter:first-standalone-A-J|impl:tuneset-1' },
    { name: 'judge', version: expect.stringMatching(/^judge:gpt-4\.1-mini\|rubric:[0-9a-f]{12}\|scale:1-5\|prompt:/) },
  ]);
  expect(record.judge).toEqual({ model: 'gpt-4.1-mini', rubric: DEFAULT_JUDGE_RUBRIC, scale: [1, 5] });
  expect(record.scorerSpend.map((x) => [x.model, x.requests, x.cached])).toEqual([['gpt-4.1-mini', 4, 0]]);
  const judged = record.scores.filter((x) => x.scorer === 'judge');
  expect(judged.map((x) => [x.suite, x.model, x.n])).toEqual([['general-knowledge', model, 4], ['general-knowledge', BASE, 4]]);
  const tableOf = (stdout: string) => stdout.split('\n').slice(0, 5);
  expect(tableOf(first.stdout)[3]).toMatch(new RegExp(`^general-knowledge  judge   ${model} +\\d\\.\\d\\d +\\d\\.\\d\\d-\\d\\.\\d\\d  4 +[-+]?\\d\\.\\d\\d +[-+]?\\d\\.\\d\\d to [-+]?\\d\\.\\d\\d  (not )?significant$`));
  expect(first.stdout).toContain(`\njudge gpt-4.1-mini: 4 requests, ${formatUsd(record.scorerSpend[0]!.costUsd)} now\n`);
  const grades = lines(join(dir, record.predictions)).map((l) => JSON.parse(l) as Prediction & { scores: { judge?: number | null } }).filter((p) => p.suite === 'general-knowledge');
  expect(grades.map((p) => typeof p.scores.judge)).toEqual(Array.from({ length: 8 }, () => 'number'));

  const second = await tuneset(env, ...args);
  expect(second.code).toBe(0);
  expect(countRequests(fake!, 'POST', '/v1/chat/completions') - chats).toBe(30);
  expect(tableOf(second.stdout)).toEqual(tableOf(first.stdout));
  expect(second.stdout).toContain(`\njudge gpt-4.1-mini: 0 requests, $0.00 now; the grades cost ${formatUsd(record.scorerSpend[0]!.costUsd)} when bought\n`);

  // A new rubric is a new question; a budget too small for one grade leaves all 8 ungraded.
  const starved = await tuneset(env, ...args, '--rubric', 'Grade the letter only.', '--judge-max-cost', '0.00001');
  expect(starved.code).toBe(1);
  expect(starved.stderr.split('\n').at(-2)).toBe('error: the judge left 8 answers ungraded, so they are not in its scores; the first: over_budget: spent $0.0000 of --judge-max-cost $0.00001');
  expect(tableOf(starved.stdout).slice(3)).toEqual([
    `general-knowledge  judge   ${model}      -             -  0            -                   -  no shared scores`,
    `general-knowledge  judge   ${BASE}                                   -             -  0`,
  ]);
}, 60_000);

test('--json prints eval.json instead of the table; --html writes compare.html; a judge option with nothing judged is refused', async () => {
  const { dir, env, model } = await trainedRun();
  const r = await tuneset(env, 'eval', dir, '--model', model, '--json');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(readFileSync(join(dir, 'eval.json'), 'utf8'));
  expect((JSON.parse(r.stdout) as EvalV2).comparisons).toEqual([]);
  // --html: the side-by-side page beside eval.json, named in it and in the output, prompts included.
  const suite = retentionSuite(dir);
  const html = await tuneset(env, 'eval', dir, '--model', model, '--suite', suite, '--html');
  expect(html.code).toBe(0);
  const record = readJson<EvalV2 & { html: string }>(join(dir, 'eval.json'));
  expect(record.html).toBe(`${record.dir}/compare.html`);
  expect(html.stdout).toContain(`Wrote ${join(dir, record.dir)}/: eval.json (scores), predictions.jsonl, compare.html (side by side); `);
  expect(readFileSync(join(dir, record.html), 'utf8')).toContain('Which planet is the largest?');
  const refused = await tuneset(env, 'eval', dir, '--model', model, '--rubric', 'Be kind.');
  expect([refused.code, refused.stderr]).toEqual([2, "error: --rubric is for the judge, and no suite is scored by it (--scorer judge, or --suite FILE:judge)\n"]);
}, 60_000);

test('--checkpoints evaluates every checkpoint watch recorded, each against the baseline, priced as the fine-tune', async () => {
  const { dir, env, model } = await trainedRun();
  const r = await tuneset(env, 'eval', dir, '--checkpoints', '--baseline', BASE);
  expect([r.code, r.stderr]).toEqual([0, '']);
  const record = readJson<EvalV2>(join(dir, 'eval.json'));
  const checkpoints = record.models.filter((m) => m.role === 'checkpoint');
  // The last three epochs, oldest first; the last is the final model.
  expect(checkpoints).toHaveLength(3);
  expect(checkpoints.at(-1)!.model).toBe(model);
  expect(checkpoints.map((c) => c.step)).toEqual([...checkpoints.map((c) => c.step!)].sort((a, b) => a - b));
  expect(record.models.at(-1)).toEqual({ model: BASE, requestedAs: BASE, role: 'baseline' });
  expect(record.comparisons.map((c) => [c.model, c.baseline])).toEqual(checkpoints.map((c) => [c.model, BASE]));
  expect(record.spend.map((s) => s.prices.basis)).toEqual([...checkpoints.map(() => `fine-tuned ${BASE}`), `base ${BASE}`]);
  expect(r.stdout.split('\n').slice(1, 5).map((l) => l.split(/ {2,}/).slice(0, 3))).toEqual([...checkpoints.map((c) => ['validation', 'letter', c.model]), ['validation', 'letter', BASE]]);
}, 60_000);
