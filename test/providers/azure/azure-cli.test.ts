import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { azureProvider } from '../../../src/providers/azure/index.js';
import { NOW, tuneset } from '../../helpers/hand-off.js';
import { allText, SECRET, writeRun } from '../nebius/run-fixture.js';

/** `tuneset train|watch|eval --provider azure` against the Azure fake (v1 API), as a user would run them. */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const MODEL = 'Qwen-32B';

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
  const requestLog = join(mkdtempSync(join(tmpdir(), 'tuneset-azure-log-')), 'requests.jsonl');
  fake = await startFakeOpenAI({ now: NOW, routes: azureProvider.fake.routes, azure: true, requestLog, apiKey: SECRET });
  // Built for the target, as a user would: the pipeline's run with --target (counted with that model's tokenizer).
  const run = { dir: join(mkdtempSync(join(tmpdir(), 'tuneset-run-')), 'run') };
  const built = await tuneset({}, 'run', 'pipelines/ar-lsat.ts', '--target', 'azure:Qwen-32B', '--out', run.dir);
  expect(built.code).toBe(0);
  const env = { AZURE_OPENAI_API_KEY: SECRET, AZURE_OPENAI_ENDPOINT: fake.url };

  const first = await tuneset(env, 'train', run.dir);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toMatch(/^job ftjob-\S+: created \(validating_files\)$/m);
  const afterFirst = logLines(requestLog);
  expect(afterFirst.filter((l) => l.method === 'POST').map((l) => l.path)).toEqual(['/openai/v1/files', '/openai/v1/files', '/openai/v1/fine_tuning/jobs']);

  const second = await tuneset(env, 'train', run.dir, '--provider', 'azure');
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/found the existing job/);
  expect(logLines(requestLog).slice(afterFirst.length).filter((l) => l.method === 'POST')).toEqual([]);

  fake.clock.advance(600);
  const watch = await tuneset(env, 'watch', run.dir, '--interval', '0');
  expect(watch.code).toBe(0);
  const model = /^Fine-tuned model: (\S+)$/m.exec(watch.stdout)![1]!;
  expect(watch.stdout).toMatch(/^Wrote metrics\.csv and metrics\.svg \(\d+ steps\) to /m);

  // Azure serves a fine-tune once deployed; on v1 the deployment goes as the body's model (here named after the model).
  const evaluation = await tuneset(env, 'eval', run.dir, '--model', model, '--deployment', model, '--baseline', MODEL);
  expect(evaluation.code).toBe(0);
  const chats = fake.requests.filter((r) => r.path === '/openai/v1/chat/completions').map((r) => (r.body as { model: string }).model);
  expect(new Set(chats)).toEqual(new Set([model, MODEL]));

  const output = [first, second, watch, evaluation].map((r) => r.stdout + r.stderr).join('\n');
  expect(output).not.toContain(SECRET);
  expect(allText(run.dir)).not.toContain(SECRET);
  expect(readFileSync(requestLog, 'utf8')).not.toContain(SECRET);
});

test('killed after Azure committed the job: the re-run finds it by its metadata tag and creates no second job', async () => {
  fake = await startFakeOpenAI({ now: NOW, routes: azureProvider.fake.routes, azure: true });
  const f = fake;
  const run = writeRun({ model: MODEL, provider: 'azure' });
  const env = { AZURE_OPENAI_API_KEY: SECRET, AZURE_OPENAI_ENDPOINT: f.url };
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
  expect(f.requests.filter((r) => r.method === 'POST' && r.path === '/openai/v1/files')).toHaveLength(2);
});

test('train --dry-run without a key or endpoint: the exact v1 requests for a stand-in resource, GlobalStandard for an open model, the api-key redacted', async () => {
  const run = writeRun({ model: MODEL, provider: 'azure' });
  const dry = await tuneset({}, 'train', run.dir, '--dry-run', '--provider', 'azure');
  expect(dry).toMatchObject({ code: 0, stderr: '' });
  expect(dry.stdout).toMatch(/^POST https:\/\/resource\.openai\.azure\.com\/openai\/v1\/fine_tuning\/jobs$/m);
  expect(dry.stdout).toContain('"api-key": "[REDACTED]"');
  expect(dry.stdout).toContain('"trainingType": "GlobalStandard"');
  expect(dry.stdout).not.toContain('dry-run-key');
});
