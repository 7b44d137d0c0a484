import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { writeEvaluation } from '../../../src/train/eval/eval-record.js';
import type { EvaluationRecord, Prediction } from '../../../src/train/eval/eval-types.js';
import type { EvaluationResult } from '../../../src/train/eval/run-evaluation.js';
import { BASE, v2Predictions, v2Record, v2Suites } from './v2-fixture.js';

/** What runEvaluation hands over: the record without where it is written. */
const result = (evaluatedAt: string, models = v2Record().models): EvaluationResult => {
  const { dir: _dir, predictions: _predictions, html: _html, ...rest } = v2Record({ evaluatedAt, models });
  return rest;
};
const keep = (s: string) => s;
const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Prediction);

test('each evaluation is written to a directory of its own, and the top eval.json is replaced by the newest', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'tuneset-eval-record-'));
  const first = writeEvaluation(runDir, result('2026-11-23T12:00:00.000Z'), v2Predictions(), keep);
  expect(first.dir).toBe('evals/20261123T120000Z-ft-gpt-4o-mini-2024-07-18-org-abc-vs-gpt-4o-mini-2024-07-18');
  const same = writeEvaluation(runDir, result('2026-11-23T12:00:00.000Z'), v2Predictions().slice(0, 2), keep);
  const later = writeEvaluation(runDir, result('2026-11-24T08:30:00.000Z', [{ model: BASE, requestedAs: BASE, role: 'model' }]), v2Predictions().slice(1, 2), keep);
  expect([same.dir, later.dir]).toEqual([`${first.dir}-2`, 'evals/20261124T083000Z-gpt-4o-mini-2024-07-18']);
  expect(readdirSync(join(runDir, 'evals'))).toEqual([first.dir, same.dir, later.dir].map((d) => d.slice('evals/'.length)));
  expect(readFileSync(join(runDir, first.predictions), 'utf8')).toBe(v2Predictions().map((p) => `${JSON.stringify(p)}\n`).join(''));
  expect(lines(join(runDir, same.predictions))).toEqual(v2Predictions().slice(0, 2));
  expect(JSON.parse(readFileSync(join(runDir, first.dir, 'eval.json'), 'utf8'))).toEqual(first);
  expect(JSON.parse(readFileSync(join(runDir, 'eval.json'), 'utf8'))).toEqual(later);
  // Version 2, bound to the build, and where its files are; no page unless asked for.
  expect(Object.keys(later)).toEqual([
    'version', 'evaluatedAt', 'runId', 'datasetHash', 'split', 'models', 'suites', 'scorers', 'judge', 'scores', 'comparisons', 'spend', 'scorerSpend', 'dir', 'predictions',
  ]);
  expect(existsSync(join(runDir, first.dir, 'compare.html'))).toBe(false);
});

test('with html, compare.html is written beside eval.json from the record, the predictions and the prompts, and the record names it', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'tuneset-eval-record-'));
  const written = writeEvaluation(runDir, result('2026-11-23T12:00:00.000Z'), v2Predictions(), keep, { html: true, suites: v2Suites() });
  expect(written.html).toBe(`${written.dir}/compare.html`);
  const page = readFileSync(join(runDir, written.html!), 'utf8');
  expect(page).toMatch(/^<!doctype html>/i);
  // Every model's reply is on the page (escaped where it is markup).
  expect(page).toContain('It retries.');
  expect(page).toContain('Seven days.');
  // The prompts come from the suites: predictions do not hold them.
  expect(page).toContain('How long are messages kept?');
  const top = JSON.parse(readFileSync(join(runDir, 'eval.json'), 'utf8')) as EvaluationRecord;
  expect(top.html).toBe(written.html);
});

test('replies and errors from the API pass through the redaction before they are written, the page too', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'tuneset-eval-record-'));
  const secret = '0123456789abcdef0123456789abcdef';
  const redact = (s: string) => s.replaceAll(secret, '[REDACTED]');
  const [answered, failed] = v2Predictions();
  const predictions = [{ ...answered!, reply: `echo ${secret}` }, { ...failed!, reply: null, error: `401 bad credential ${secret}` }];
  const written = writeEvaluation(runDir, result('2026-11-23T12:00:00.000Z'), predictions, redact, { html: true });
  const text = readFileSync(join(runDir, written.predictions), 'utf8');
  expect(text).not.toContain(secret);
  expect(lines(join(runDir, written.predictions)).map((p) => p.reply ?? p.error)).toEqual(['echo [REDACTED]', '401 bad credential [REDACTED]']);
  expect(readFileSync(join(runDir, written.html!), 'utf8')).not.toContain(secret);
});
