import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { NEW_JOBS_END_DATE } from '../../src/providers/openai/model-table.js';
import { extractLetter, letterScorer } from '../../src/train/eval/scorers/letter.js';
import { wilsonInterval } from '../../src/train/eval/wilson.js';
import { formatHandoffPreview } from '../../src/cli/handoff-preview-text.js';
import { buildHandoffPreview } from '../../src/train/handoff-preview.js';
import { preflight } from '../../src/train/preflight.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { decodeResultFile, parseMetricsCsv } from '../../src/train/result-metrics.js';
import { readRunDirectory } from '../../src/train/run-directory.js';

const openai = PROVIDERS.openai;
const CSV = 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,1.52347,0.0,,\n2,0.9,0.5,1.1,0.4\n';

test('the result file is decoded from base64 when it is, and parsed by header name', () => {
  expect(decodeResultFile(Buffer.from(Buffer.from(CSV).toString('base64')))).toBe(CSV);
  expect(decodeResultFile(Buffer.from(CSV))).toBe(CSV);
  const { rows } = parseMetricsCsv('train_loss,step\n0.5,1\n');
  expect(rows).toEqual([{ step: 1, train_loss: 0.5 }]);
  expect(parseMetricsCsv(CSV).rows[0]).toEqual({ step: 1, train_loss: 1.52347, train_accuracy: 0, valid_loss: null, valid_mean_token_accuracy: null });
  expect(() => parseMetricsCsv('a,b\n1,2\n')).toThrow(/no "step" column \(columns: a, b\)/);
});

test('scoring letters and the Wilson interval', async () => {
  expect(['C', '(C)', 'C.', 'The answer is C', 'answer: c'].map(extractLetter)).toEqual(['C', 'C', 'C', 'C', undefined]);
  const item = (reply: string) => ({ suite: 's', model: 'm', id: 'q', prompt: [], references: ['B'], reply });
  const { scores } = await letterScorer.scoreAll([item('(B) because...'), item('I cannot tell')], { cacheDir: '', env: {}, now: () => new Date(), log: () => {} });
  expect(scores.map((s) => s.score)).toEqual([1, 0]);
  const w = wilsonInterval(7, 10);
  expect([w.low.toFixed(4), w.high.toFixed(4)]).toEqual(['0.3968', '0.8922']);
  expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 0 });
});

const runDir = (validationOk: boolean, model = 'gpt-4o-mini-2024-07-18', tokenReport?: Record<string, unknown>) => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-preflight-'));
  const manifest = {
    runId: 'r1', pipeline: 'p', model, train: { epochs: 3 },
    reports: { 'validate-chat': { train: { ok: validationOk }, ok: validationOk, format: 'chat' }, ...(tokenReport ? { 'token-check': tokenReport } : {}) },
    files: { 'train.jsonl': { sha256: 'x', bytes: 1, lines: 10 } },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return readRunDirectory(dir);
};

test('preflight: a run that failed validation is refused with the numbers, not a pointer to the manifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-preflight-'));
  const train = { ok: false, examples: 4, errors: 1, countsByCategory: { invalid_n_examples: 1 }, format: 'chat', firstErrors: [{ line: null, category: 'invalid_n_examples', message: 'at least 10 examples are required' }] };
  const manifest = { runId: 'r1', pipeline: 'p', model: 'gpt-4o-mini-2024-07-18', train: { epochs: 3 }, reports: { 'validate-chat': { train, ok: false, format: 'chat' } }, files: { 'train.jsonl': { sha256: 'x', bytes: 1, lines: 4 } } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  expect(() => preflight(readRunDirectory(dir), new Date('2026-11-23'), openai)).toThrow(
    `${dir}: the files failed format validation; OpenAI would refuse them:\n  train.jsonl would have 4 examples; OpenAI requires at least 10`,
  );
});

test('preflight: refuses failed validation and shut-down models, warns inside 30 days', () => {
  expect(() => preflight(runDir(false), new Date('2026-11-23'), openai)).toThrow(/failed format validation/);
  expect(preflight(runDir(true), new Date('2026-11-23T00:00:00Z'), openai).warnings).toEqual([]);
  expect(preflight(runDir(true), new Date('2026-12-20T00:00:00Z'), openai).warnings).toEqual([
    'gpt-4o-mini-2024-07-18 shuts down on 2027-01-14 (in 25 days), and every fine-tune built on it with it',
    'OpenAI accepts no new fine-tuning jobs from 2027-01-06 (in 17 days)',
  ]);
  expect(() => preflight(runDir(true), new Date('2027-01-07T00:00:00Z'), openai)).toThrow(/no new fine-tuning jobs since 2027-01-06/);
  expect(() => preflight(runDir(true, 'gpt-4.1-nano-2025-04-14'), new Date('2026-11-23T00:00:00Z'), openai)).toThrow(/shut down on 2026-10-23/);
  expect(() => readRunDirectory(tmpdir() + '/nope-' + process.pid)).toThrow(/run directory not found/);
});

test("preflight and the preview use the run's own dates: a pipeline's models override of newJobsEndDate and shutdownDate", () => {
  // What token-check records for a pipeline with models: { 'gpt-4o-mini': { newJobsEndDate: '2027-06-30', shutdownDate: '2027-09-01' } }.
  const report = { model: 'gpt-4o-mini-2024-07-18', billedTokens: 10, shutdownDate: '2027-09-01', newJobsEndDate: '2027-06-30', splits: {} };
  const run = runDir(true, 'gpt-4o-mini-2024-07-18', report);
  const at = new Date('2027-06-10T00:00:00Z');
  expect(preflight(run, at, openai).warnings).toEqual(['OpenAI accepts no new fine-tuning jobs from 2027-06-30 (in 20 days)']);
  expect(preflight(run, at, openai).model).toMatchObject({ newJobsEndDate: '2027-06-30', shutdownDate: '2027-09-01' });
  expect(() => preflight(run, new Date('2027-06-30T00:00:00Z'), openai)).toThrow(/no new fine-tuning jobs since 2027-06-30/);
  // On a day the table's date refuses, the override lets the run through.
  expect(preflight(run, new Date('2027-01-07T00:00:00Z'), openai).warnings).toEqual([]);
  expect(() => preflight(runDir(true), new Date('2027-01-07T00:00:00Z'), openai)).toThrow(/no new fine-tuning jobs since 2027-01-06/);

  expect(buildHandoffPreview(run.manifest, at, NEW_JOBS_END_DATE).newJobsEndDate).toBe('2027-06-30');
  expect(buildHandoffPreview(runDir(true, 'gpt-4o-mini-2024-07-18', { ...report, newJobsEndDate: null }).manifest, at, NEW_JOBS_END_DATE).newJobsEndDate).toBeNull();
  // A run made before the report carried the date: the caller's date.
  const { newJobsEndDate: _dropped, ...older } = report;
  expect(buildHandoffPreview(runDir(true, 'gpt-4o-mini-2024-07-18', older).manifest, at, NEW_JOBS_END_DATE).newJobsEndDate).toBe('2027-01-06');
});

test('preflight: a run whose annotator stopped at maxCost is refused as incomplete, with what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-preflight-'));
  const manifest = {
    runId: 'r1', pipeline: 'p', model: 'gpt-4o-mini-2024-07-18', train: { epochs: 3 },
    reports: { 'validate-chat': { train: { ok: true }, ok: true, format: 'chat' }, annotate: { budgetStopped: true, overBudget: 7, maxCostUsd: 0.5 } },
    files: { 'train.jsonl': { sha256: 'x', bytes: 1, lines: 10 } },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  expect(() => preflight(readRunDirectory(dir), new Date('2026-11-23'), openai)).toThrow(
    `${dir}: the run is incomplete: stage "annotate" stopped at its maxCost ($0.5) and dropped 7 records as over_budget. Run it again with a higher maxCost: answers already bought are cached, so only the rest is paid for`,
  );
  const preview = formatHandoffPreview(buildHandoffPreview(manifest as never, new Date('2026-11-23'), null));
  expect(preview).toContain('  WARNING    the run is incomplete: stage "annotate" stopped at its maxCost ($0.5) and dropped 7 records as over_budget. Run it again with a higher maxCost: answers already bought are cached, so only the rest is paid for; training would be refused');
  manifest.reports.annotate.budgetStopped = false;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  expect(preflight(readRunDirectory(dir), new Date('2026-11-23'), openai).warnings).toEqual([]);
});
