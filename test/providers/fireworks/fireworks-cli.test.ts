import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { fireworksProvider } from '../../../src/providers/fireworks/index.js';
import { allText, tuneset } from '../../helpers/hand-off.js';

/** `tuneset run --target fireworks:…`, then train, train again, watch, eval with --provider fireworks against its fake, as a user would. */
const SECRET = 'fw-LEAKCANARY-0f9e8d7c6b5a4321';
const NOW = '2026-12-02T12:00:00Z';
const MODEL = 'accounts/fireworks/models/qwen3-8b';

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

test('run for a Fireworks model, train, a second train (no POST in the request log), watch to success, eval; no key anywhere', async () => {
  const requestLog = join(mkdtempSync(join(tmpdir(), 'tuneset-fireworks-log-')), 'requests.jsonl');
  fake = await startFakeOpenAI({ now: NOW, routes: fireworksProvider.fake.routes, requestLog, apiKey: SECRET });
  const built = await tuneset({}, 'run', 'pipelines/ar-lsat.ts', '--target', `fireworks:${MODEL}`, '--out', join(mkdtempSync(join(tmpdir(), 'tuneset-run-')), 'run'));
  expect(built.code).toBe(0);
  const dir = /^Run directory: (\S+)$/m.exec(built.stdout)?.[1] ?? '';
  // Priced from Fireworks' table, counted with Qwen3's tokenizer.
  expect(built.stdout).toMatch(/^  estimate   \$[\d.]+ at \$0\.50 per 1M training tokens$/m);
  const env = { FIREWORKS_API_KEY: SECRET, FIREWORKS_ACCOUNT_ID: 'acme-labs', FIREWORKS_BASE_URL: fake.url };

  const first = await tuneset(env, 'train', dir, '--provider', 'fireworks');
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toMatch(/^job tuneset-\S+-a1: created \(validating_files\)$/m);
  const afterFirst = logLines(requestLog);
  expect(afterFirst.filter((l) => l.method === 'POST').map((l) => l.path.replace(/datasets\/[a-z0-9-]+:upload/, 'datasets/<id>:upload'))).toEqual([
    '/v1/accounts/acme-labs/datasets',
    '/v1/accounts/acme-labs/datasets/<id>:upload',
    '/v1/accounts/acme-labs/datasets',
    '/v1/accounts/acme-labs/datasets/<id>:upload',
    '/v1/accounts/acme-labs/supervisedFineTuningJobs',
  ]);

  const second = await tuneset(env, 'train', dir, '--provider', 'fireworks');
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/found the existing job/);
  expect(logLines(requestLog).slice(afterFirst.length).filter((l) => l.method === 'POST')).toEqual([]);

  fake.clock.advance(600);
  const watch = await tuneset(env, 'watch', dir, '--provider', 'fireworks', '--interval', '0');
  expect(watch.stderr).toBe('');
  expect(watch.code).toBe(0);
  const model = /^Fine-tuned model: (\S+)$/m.exec(watch.stdout)![1]!;
  expect(model).toMatch(/^accounts\/acme-labs\/models\/tuneset-/);
  expect(watch.stdout).toMatch(/^Wrote metrics\.csv and metrics\.svg \(\d+ steps\) to /m);
  expect(watch.stdout).toMatch(/JOB_STATE_COMPLETED: 100%/);

  const evaluation = await tuneset(env, 'eval', dir, '--provider', 'fireworks', '--model', model, '--baseline', MODEL);
  expect(evaluation.stderr).toBe('');
  expect(evaluation.code).toBe(0);
  const chats = fake.requests.filter((r) => r.path === '/inference/v1/chat/completions').map((r) => (r.body as { model: string }).model);
  expect(new Set(chats)).toEqual(new Set([model, MODEL]));

  const output = [built, first, second, watch, evaluation].map((r) => r.stdout + r.stderr).join('\n');
  expect(output).not.toContain(SECRET);
  expect(allText(dir)).not.toContain(SECRET);
  expect(readFileSync(requestLog, 'utf8')).not.toContain(SECRET);
});
