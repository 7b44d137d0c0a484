import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { nebiusProvider } from '../../../src/providers/nebius/index.js';
import { NOW, tuneset } from '../../helpers/hand-off.js';
import { allText, SECRET, writeRun } from './run-fixture.js';

/** `tuneset train|watch|eval --provider nebius` against the Nebius fake, as a user would run them. */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const logLines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { method: string; path: string; status: number | null });

test('train, a second train (no POST in the request log), watch to success, eval of the fine-tune against its base; no key anywhere', async () => {
  const requestLog = join(mkdtempSync(join(tmpdir(), 'tuneset-nebius-log-')), 'requests.jsonl');
  fake = await startFakeOpenAI({ now: NOW, routes: nebiusProvider.fake.routes, requestLog, apiKey: SECRET });
  // Built for the target, as a user would: the pipeline's run with --target (counted with that model's tokenizer).
  const run = { dir: join(mkdtempSync(join(tmpdir(), 'tuneset-run-')), 'run') };
  const built = await tuneset({}, 'run', 'pipelines/ar-lsat.ts', '--target', 'nebius:Qwen/Qwen3-4B', '--out', run.dir);
  expect(built.code).toBe(0);
  const env = { NEBIUS_API_KEY: SECRET, NEBIUS_BASE_URL: fake.baseURL };

  const first = await tuneset(env, 'train', run.dir);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toMatch(/^job ftjob-\S+: created \(validating_files\)$/m);
  const afterFirst = logLines(requestLog);
  expect(afterFirst.filter((l) => l.method === 'POST').map((l) => l.path)).toEqual(['/v1/files', '/v1/files', '/v1/fine_tuning/jobs']);

  const second = await tuneset(env, 'train', run.dir, '--provider', 'nebius');
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/found the existing job/);
  expect(logLines(requestLog).slice(afterFirst.length).filter((l) => l.method === 'POST')).toEqual([]);

  fake.clock.advance(600);
  const watch = await tuneset(env, 'watch', run.dir, '--interval', '0');
  expect(watch.code).toBe(0);
  const model = /^Fine-tuned model: (\S+)$/m.exec(watch.stdout)![1]!;
  expect(watch.stdout).toMatch(/^Wrote metrics\.csv and metrics\.svg \(\d+ steps\) to /m);

  const evaluation = await tuneset(env, 'eval', run.dir, '--model', model, '--baseline', 'Qwen/Qwen3-4B');
  expect(evaluation.code).toBe(0);
  const chats = fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => (r.body as { model: string }).model);
  expect(new Set(chats)).toEqual(new Set([model, 'Qwen/Qwen3-4B']));

  const output = [first, second, watch, evaluation].map((r) => r.stdout + r.stderr).join('\n');
  expect(output).not.toContain(SECRET);
  expect(allText(run.dir)).not.toContain(SECRET);
  expect(readFileSync(requestLog, 'utf8')).not.toContain(SECRET);
});

test('killed after Nebius committed the job: the re-run finds it by its suffix tag and creates no second job', async () => {
  fake = await startFakeOpenAI({ now: NOW, routes: nebiusProvider.fake.routes });
  const f = fake;
  const run = writeRun({ model: MODEL, provider: 'nebius' });
  const env = { NEBIUS_API_KEY: SECRET, NEBIUS_BASE_URL: f.baseURL };
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), 'train', run.dir], { cwd: ROOT, env: { ...process.env, ...env, TUNESET_NOW: NOW }, stdio: 'ignore' });
  f.hooks.onCommitted = (kind, _object, _req, res) => {
    if (kind !== 'job') return;
    // Stored on the server; the client dies before the answer reaches it.
    child.kill('SIGKILL');
    res.destroy();
    f.hooks.onCommitted = undefined;
  };
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  expect(signal).toBe('SIGKILL');
  expect(f.state.jobs.size).toBe(1);

  const rerun = await tuneset(env, 'train', run.dir);
  expect(rerun.code).toBe(0);
  expect(rerun.stdout).toMatch(/^job ftjob-\S+: found the existing job \(validating_files\)$/m);
  expect(f.state.jobs.size).toBe(1);
  expect(f.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files')).toHaveLength(2);
});

test('train --dry-run without a key: nothing sent anywhere, the exact Nebius requests shown (suffix tag, no metadata), the credential redacted', async () => {
  const run = writeRun({ model: MODEL, provider: 'nebius' });
  const dry = await tuneset({}, 'train', run.dir, '--dry-run', '--provider', 'nebius');
  expect(dry).toMatchObject({ code: 0, stderr: '' });
  expect(dry.stdout).toContain('POST https://api.tokenfactory.nebius.com/v1/files');
  expect(dry.stdout).toContain('POST https://api.tokenfactory.nebius.com/v1/fine_tuning/jobs');
  expect(dry.stdout).toContain('"authorization": "[REDACTED]"');
  expect(dry.stdout).toMatch(/"suffix": "ar-lsat-ts-[0-9a-f]{24}"/);
  expect(dry.stdout).not.toContain('metadata');
  expect(dry.stdout).not.toContain('dry-run-key');
});
