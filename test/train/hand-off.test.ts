import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import { allText, countRequests, fakeFor, freshRun, openaiEnv, SECRET_KEY, tuneset } from '../helpers/hand-off.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

test('run -> train -> watch -> checkpoints and metrics -> eval of base vs fine-tuned, re-runs free', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  const env = openaiEnv(fake);
  const outputs: string[] = [];
  const cli = async (...argv: string[]) => {
    const r = await tuneset(env, ...argv);
    outputs.push(r.stdout, r.stderr);
    return r;
  };

  const train = await cli('train', dir);
  expect(train.stderr).toBe('');
  expect(train.code).toBe(0);
  expect(train.stdout).toMatch(/^train\.jsonl: uploaded as file-\w+ \(tuneset-.+-train-[0-9a-f]{16}\.jsonl\)$/m);
  expect(train.stdout).toMatch(/^job ftjob-\w+: created \(validating_files\)$/m);
  const state = JSON.parse(readFileSync(join(dir, 'train-state.json'), 'utf8'));
  expect(Object.keys(state.files)).toEqual(['train', 'validation']);

  // Running train again changes nothing remotely.
  const again = await cli('train', dir);
  expect(again.stdout).toMatch(/^job ftjob-\w+: found the existing job/m);
  expect([countRequests(fake, 'POST', '/v1/files'), countRequests(fake, 'POST', '/v1/fine_tuning/jobs')]).toEqual([2, 1]);

  fake.clock.advance(600);
  const watch = await cli('watch', dir, '--interval', '0');
  expect(watch.code).toBe(0);
  expect(watch.stdout).toMatch(/Created fine-tuning job: ftjob-/);
  expect(watch.stdout).toMatch(/^step \d+\/\d+ {2}train loss \d\.\d{4}/m);
  const model = /Fine-tuned model: (ft:gpt-4o-mini-2024-07-18:fake-org:ar-lsat:\w+)/.exec(watch.stdout)?.[1];
  expect(model).toBeDefined();
  const checkpoints = [...watch.stdout.matchAll(/checkpoint step \d+: (\S+)/g)].map((m) => m[1]!);
  expect(checkpoints).toHaveLength(3);
  expect(checkpoints.at(-1)).toBe(model);
  expect(readFileSync(join(dir, 'metrics.csv'), 'utf8')).toMatch(/^step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,/);
  expect(readFileSync(join(dir, 'metrics.svg'), 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*<polyline/);

  // Watching again resumes after the last event: no event is shown twice.
  const rewatch = await cli('watch', dir, '--interval', '0');
  expect(rewatch.stdout).not.toMatch(/Created fine-tuning job/);
  expect(rewatch.stdout).toMatch(/succeeded/);

  const evaluation = await cli('eval', dir, '--model', model!, '--baseline', 'gpt-4o-mini-2024-07-18');
  expect(evaluation.code).toBe(0);
  const scores = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8')).scores as { model: string; score: number; n: number }[];
  expect(scores.map((r) => [r.model, r.n])).toEqual([[model, 9], ['gpt-4o-mini-2024-07-18', 9]]);
  // The fake's fine-tuned model is told the answers: this proves the plumbing, not a model.
  expect(scores[0]!.score).toBeGreaterThan(scores[1]!.score);
  const chats = countRequests(fake, 'POST', '/v1/chat/completions');
  const cached = await cli('eval', dir, '--model', model!, '--baseline', 'gpt-4o-mini-2024-07-18');
  expect(cached.stdout.match(/^\S+: 0 requests, \$0\.00 now; the answers cost \$0\.\d+ when bought$/gm)).toHaveLength(2);
  expect(countRequests(fake, 'POST', '/v1/chat/completions')).toBe(chats);

  // A checkpoint model is evaluated like the final one.
  expect((await cli('eval', dir, '--model', checkpoints[0]!)).code).toBe(0);

  expect(outputs.join('\n')).not.toContain(SECRET_KEY);
  expect(allText(dir)).not.toContain(SECRET_KEY);
});

test('a failed job shows its code and message in plain words and exits non-zero', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  fake.faults.failJobs({ times: 1, code: 'server_error', message: 'The job failed due to an internal error.' });
  expect((await tuneset(openaiEnv(fake), 'train', dir)).code).toBe(0);
  fake.clock.advance(600);
  const watch = await tuneset(openaiEnv(fake), 'watch', dir, '--interval', '0');
  expect(watch.code).toBe(1);
  expect(watch.stdout).toMatch(/Job ftjob-\w+ failed\.\n {2}server_error: The job failed due to an internal error\.\n {2}which means: OpenAI failed on its side/);
  // The run can try again, on purpose only.
  const retry = await tuneset(openaiEnv(fake), 'train', dir);
  expect(retry.code).toBe(1);
  expect(retry.stdout).toMatch(/Run again with --new-job/);
  expect((await tuneset(openaiEnv(fake), 'train', dir, '--new-job')).stdout).toMatch(/job ftjob-\w+: created/);
  expect(countRequests(fake, 'POST', '/v1/files')).toBe(2);
});

test('a refused key fails with the status in plain words and the key nowhere', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir, { apiKey: 'sk-test-the-right-one-000000' });
  const r = await tuneset(openaiEnv(fake), 'train', dir);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error: checking the account \(listing models and jobs\) failed: 401 \(the API key was refused\)/);
  expect(r.stderr + r.stdout).not.toContain(SECRET_KEY);
  expect(existsSync(join(dir, 'train-state.json'))).toBe(false);
});

test('--dry-run looks up with read-only requests, then shows the exact creating requests, redacted, and sends none of them', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  const r = await tuneset(openaiEnv(fake), 'train', dir, '--dry-run');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Dry run: nothing was created\. Earlier uploads and jobs were looked up with read-only requests:\n {2}GET http:\/\/127\.0\.0\.1:\d+\/v1\/models$/m);
  expect(r.stdout).toMatch(/^train\.jsonl: would upload as tuneset-.+-train-[0-9a-f]{16}\.jsonl$/m);
  expect(r.stdout).toMatch(/^job: would create a fine-tuning job on gpt-4o-mini-2024-07-18$/m);
  expect(r.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/fine_tuning\/jobs$/m);
  expect(r.stdout).toContain('"authorization": "[REDACTED]"');
  expect(r.stdout).toContain('"tuneset_run_id"');
  expect(r.stdout).not.toContain(SECRET_KEY);
  expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  expect(fake.requests.length).toBeGreaterThan(0);
  expect(existsSync(join(dir, 'train-state.json'))).toBe(false);
});

test('--dry-run after a real train says it would reuse the uploads and the job, and sends no POST', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  const train = await tuneset(openaiEnv(fake), 'train', dir);
  const [trainId, validationId] = ['train', 'validation'].map((s) => new RegExp(`^${s}\\.jsonl: uploaded as (file-\\w+)`, 'm').exec(train.stdout)?.[1]);
  const jobId = /^job (ftjob-\w+): created/m.exec(train.stdout)?.[1];
  expect([trainId, validationId, jobId].every((id) => id !== undefined)).toBe(true);
  const posts = () => fake!.requests.filter((q) => q.method === 'POST').length;
  const before = posts();

  // As the real run does, the dry run trusts train-state.json for the files and looks the job up.
  const dry = await tuneset(openaiEnv(fake), 'train', dir, '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain(`train.jsonl: would reuse file ${trainId} (uploaded earlier, recorded in train-state.json)`);
  expect(dry.stdout).toContain(`job: would reuse job ${jobId} (validating_files)`);
  expect(dry.stdout).toMatch(/would create nothing: the uploads and the job exist already\.$/m);
  expect(dry.stdout).not.toMatch(/^POST /m);

  // A process killed before it wrote train-state.json: the uploads are found on the server.
  rmSync(join(dir, 'train-state.json'));
  const lost = await tuneset(openaiEnv(fake), 'train', dir, '--dry-run');
  expect(lost.stdout).toContain(`train.jsonl: would reuse file ${trainId} (uploaded earlier)\n`);
  expect(lost.stdout).toContain(`validation.jsonl: would reuse file ${validationId} (uploaded earlier)\n`);
  expect(lost.stdout).toContain(`job: would reuse job ${jobId} (validating_files)`);
  expect(lost.stdout).toMatch(/^ {2}GET http:\/\/127\.0\.0\.1:\d+\/v1\/files\?purpose=fine-tune$/m);
  expect(posts()).toBe(before);
  expect(existsSync(join(dir, 'train-state.json'))).toBe(false);
});

test('--dry-run without a key says it could not check for earlier uploads, and sends nothing', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  const r = await tuneset({ OPENAI_BASE_URL: fake.baseURL }, 'train', dir, '--dry-run');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Dry run: nothing was sent\. No API key in the environment \(OPENAI_API_KEY\), so earlier\nuploads and jobs could not be checked: this plan assumes the server has none\.$/m);
  expect(r.stdout).toMatch(/^train\.jsonl: would upload as /m);
  expect(r.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/files$/m);
  expect(fake.requests).toEqual([]);
});

test('Ctrl-C stops watching and never cancels the job', async () => {
  const { watchCommand } = await import('../../src/cli/watch-command.js');
  const { captureIo } = await import('../helpers/capture-io.js');
  const dir = await freshRun();
  fake = await fakeFor(dir);
  expect((await tuneset(openaiEnv(fake), 'train', dir)).code).toBe(0);
  const interrupted = new AbortController();
  interrupted.abort();
  const c = captureIo();
  const code = await watchCommand([dir, '--interval', '0'], { ...c.io, env: openaiEnv(fake) }, interrupted.signal);
  expect(code).toBe(130);
  expect(c.stdout()).toMatch(/^Stopped watching\. The job keeps running: resume with `tuneset watch .+`, cancel with `tuneset cancel .+`\.$/m);
  expect(fake.requests.filter((r) => r.path.endsWith('/cancel'))).toEqual([]);
  const cancel = await tuneset(openaiEnv(fake), 'cancel', dir);
  expect(cancel.stdout).toMatch(/^Job ftjob-\w+: cancelled$/m);
  const watch = await tuneset(openaiEnv(fake), 'watch', dir, '--interval', '0');
  expect(watch.code).toBe(1);
  expect(watch.stdout).toMatch(/Job ftjob-\w+ cancelled\./);
});
