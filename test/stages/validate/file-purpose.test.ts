import { expect, test } from 'vitest';
import { filePurpose } from '../../../src/stages/validate/file-purpose.js';

test.each([
  ['validation.jsonl', 'validation'],
  ['data/validation-v2.jsonl', 'validation'],
  ['support_val.jsonl', 'validation'],
  ['faq.eval.jsonl', 'validation'],
  ['Evaluation.JSONL', 'validation'],
  ['dev.jsonl', 'validation'],
  ['train.jsonl', 'train'],
  ['faq.jsonl', 'train'],
  // Words, not substrings.
  ['invalid-weight.jsonl', 'train'],
  ['retrieval.jsonl', 'train'],
  ['interval.jsonl', 'train'],
  ['devices.jsonl', 'train'],
  // "valid" says the file is correct, not what it is for.
  ['valid-sft.jsonl', 'train'],
  // Ambiguous: the stricter check.
  ['train-val.jsonl', 'train'],
  // Only the file name counts, not its directory.
  ['eval/train.jsonl', 'train'],
])('%s is a %s file by its name', (path, purpose) => {
  expect(filePurpose(path)).toEqual({ purpose, byName: true });
});

test('an explicit purpose wins over the name', () => {
  expect(filePurpose('validation.jsonl', 'train')).toEqual({ purpose: 'train', byName: false });
  expect(filePurpose('faq.jsonl', 'validation')).toEqual({ purpose: 'validation', byName: false });
});
