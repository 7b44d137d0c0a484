import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { writeEvaluation } from '../../../src/train/eval/eval-record.js';
import type { Prediction } from '../../../src/train/eval/evaluate.js';

const prediction = (reply: string | null, error?: string): Prediction => ({
  model: 'ft:gpt-4o-mini-2024-07-18:org::x', id: 'q1', line: 1, expected: 'A', predicted: reply, reply, correct: reply === null ? null : reply === 'A',
  promptTokens: 0, completionTokens: 0, cached: false, costUsd: null, ...(error === undefined ? {} : { error }),
});
const record = (evaluatedAt: string) => ({ evaluatedAt, split: 'validation', scorer: 'letter', examples: 2, results: [] });

test('each evaluation is written to a directory of its own, and the top eval.json is replaced by the newest', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'tuneset-eval-record-'));
  const keep = (s: string) => s;
  const first = writeEvaluation(runDir, { ...record('2026-11-23T12:00:00.000Z'), results: [{ model: 'ft:gpt-4o-mini-2024-07-18:org::x' }, { model: 'gpt-4o-mini' }] as never }, [prediction('A')], keep);
  expect(first.dir).toBe('evals/20261123T120000Z-ft-gpt-4o-mini-2024-07-18-org-x-vs-gpt-4o-mini');
  const same = writeEvaluation(runDir, { ...record('2026-11-23T12:00:00.000Z'), results: [{ model: 'ft:gpt-4o-mini-2024-07-18:org::x' }, { model: 'gpt-4o-mini' }] as never }, [prediction('B')], keep);
  const later = writeEvaluation(runDir, { ...record('2026-11-24T08:30:00.000Z'), results: [{ model: 'gpt-4o-mini' }] as never }, [prediction('C')], keep);
  expect([same.dir, later.dir]).toEqual(['evals/20261123T120000Z-ft-gpt-4o-mini-2024-07-18-org-x-vs-gpt-4o-mini-2', 'evals/20261124T083000Z-gpt-4o-mini']);
  expect(readdirSync(join(runDir, 'evals'))).toEqual([first.dir, same.dir, later.dir].map((d) => d.slice('evals/'.length)));
  expect(readFileSync(join(runDir, first.predictions), 'utf8')).toBe(`${JSON.stringify(prediction('A'))}\n`);
  expect(readFileSync(join(runDir, same.predictions), 'utf8')).toBe(`${JSON.stringify(prediction('B'))}\n`);
  expect(JSON.parse(readFileSync(join(runDir, first.dir, 'eval.json'), 'utf8'))).toEqual(first);
  expect(JSON.parse(readFileSync(join(runDir, 'eval.json'), 'utf8'))).toEqual(later);
  expect(Object.keys(later)).toEqual(['evaluatedAt', 'split', 'scorer', 'examples', 'dir', 'predictions', 'results']);
});

test('replies and errors from the API pass through the redaction before they are written', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'tuneset-eval-record-'));
  const secret = '0123456789abcdef0123456789abcdef';
  const redact = (s: string) => s.replaceAll(secret, '[REDACTED]');
  const written = writeEvaluation(runDir, record('2026-11-23T12:00:00.000Z'), [prediction(`echo ${secret}`), prediction(null, `401 bad credential ${secret}`)], redact);
  const text = readFileSync(join(runDir, written.predictions), 'utf8');
  expect(text).not.toContain(secret);
  expect(text.trim().split('\n').map((l) => JSON.parse(l) as Prediction).map((p) => p.reply ?? p.error)).toEqual(['echo [REDACTED]', '401 bad credential [REDACTED]']);
});
