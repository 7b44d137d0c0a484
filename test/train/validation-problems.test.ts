import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Json } from '../../src/pipeline/item.js';
import { silentLogger } from '../../src/pipeline/logger.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { validateSplitFiles } from '../../src/stages/validate/split-report.js';
import { validationProblems } from '../../src/train/validation-problems.js';

const manifestWith = (report: Json) => ({ reports: { 'validate-chat': report } }) as unknown as Manifest;
const chat = (name: string) => readFileSync(join('fixtures', 'chat', name), 'utf8');

test('each failing check of the written files is one line with its numbers: the minimum, errors by category and line, formats', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-problems-'));
  // 12 lines: an array at 4 and an empty answer at 12; validation is DPO next to an SFT train file.
  writeFileSync(join(dir, 'train.jsonl'), chat('invalid-data-type.jsonl') + chat('invalid-missing-content.jsonl').split('\n')[1]! + '\n');
  writeFileSync(join(dir, 'validation.jsonl'), chat('valid-dpo.jsonl'));
  const splits = { train: join(dir, 'train.jsonl'), validation: join(dir, 'validation.jsonl') };
  const report = await validateSplitFiles({ runDir: dir, meta: '', splits }, 20, silentLogger);
  expect(validationProblems(manifestWith(report))).toEqual([
    'train.jsonl would have 12 examples; the pipeline requires at least 20 (validateChat minExamples)',
    'train.jsonl has 2 format errors (data_type 1, missing_content 1): line 4 data_type: example must be a JSON object, got array; line 12 missing_content: assistant message content is empty',
    'the files do not share one format (train.jsonl chat, validation.jsonl preference); a fine-tuning job takes one',
  ]);
});

test('no train file at all is 0 examples against the minimum; a passing report has no problems', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-problems-'));
  writeFileSync(join(dir, 'validation.jsonl'), chat('valid-sft.jsonl'));
  const failing = await validateSplitFiles({ runDir: dir, meta: '', splits: { validation: join(dir, 'validation.jsonl') } }, 10, silentLogger);
  expect(validationProblems(manifestWith(failing))).toEqual(['train.jsonl would have 0 examples; OpenAI requires at least 10']);
  const passing = await validateSplitFiles({ runDir: dir, meta: '', splits: { train: join(dir, 'validation.jsonl') } }, 10, silentLogger);
  expect(validationProblems(manifestWith(passing))).toEqual([]);
});

test('a failed report of an unknown shape still fails, saying where its report is', () => {
  expect(validationProblems(manifestWith({ train: { ok: false }, ok: false }))).toEqual(['format validation failed; its report is in manifest.json under reports']);
});
