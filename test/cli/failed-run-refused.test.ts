import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';

// A run whose written files fail format validation still commits manifest.json (it ends with exit
// 1 and says why); train, export and eval must refuse that directory, naming it and the reason.
const run = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, { ...c.io, env: { OPENAI_API_KEY: 'sk-test-never-used' } });
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

let failed = '';
const REASON = () =>
  `error: ${failed}: the files failed format validation; OpenAI would refuse them:\n  train.jsonl would have 4 examples; OpenAI requires at least 10\n`;

beforeAll(async () => {
  failed = join(mkdtempSync(join(tmpdir(), 'tuneset-failed-run-')), 'run');
  const r = await run('run', 'pipelines/ar-lsat.ts', '--input', 'fixtures/run/ar-lsat-four-questions.json', '--out', failed);
  expect(r.code).toBe(1);
  expect(readdirSync(failed)).toContain('manifest.json');
}, 60_000);

test('train refuses a run that failed format validation', async () => {
  expect(await run('train', failed, '--dry-run')).toEqual({ code: 1, stdout: '', stderr: REASON() });
});

test('export refuses a run that failed format validation and writes nothing', async () => {
  expect(await run('export', failed, '--to', 'trl')).toEqual({ code: 1, stdout: '', stderr: REASON() });
  expect(readdirSync(failed)).not.toContain('export');
});

test('eval refuses a run that failed format validation before asking any model', async () => {
  expect(await run('eval', failed, '--model', 'gpt-4o-mini-2024-07-18')).toEqual({ code: 1, stdout: '', stderr: REASON() });
  expect(readdirSync(failed)).not.toContain('evals');
});

test('eval refuses a run an annotator stopped at maxCost, with the same words as train and export', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-failed-run-')), 'run');
  await run('run', 'pipelines/ar-lsat.ts', '--input', 'fixtures/run/ar-lsat-four-questions.json', '--out', dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { reports: Record<string, unknown> };
  // The same run, as if its files had passed but an annotator had stopped at its budget.
  (manifest.reports['validate-chat'] as { ok: boolean }).ok = true;
  (manifest.reports['validate-chat'] as { train: { ok: boolean } }).train.ok = true;
  manifest.reports['annotate'] = { budgetStopped: true, maxCostUsd: 0.5, overBudget: 7 };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  expect(await run('eval', dir, '--model', 'gpt-4o-mini-2024-07-18')).toEqual({
    code: 1,
    stdout: '',
    stderr:
      `error: ${dir}: the run is incomplete: stage "annotate" stopped at its maxCost ($0.5) and dropped 7 records as over_budget. ` +
      'Run it again with a higher maxCost: answers already bought are cached, so only the rest is paid for\n',
  });
}, 60_000);
