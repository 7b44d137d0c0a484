import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { CATALOG } from '../../src/stages/catalog.js';
import { captureIo } from '../helpers/capture-io.js';

const run = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test('tuneset stages lists every source and stage with its options and drop codes', async () => {
  const r = await run('stages');
  expect(r.code).toBe(0);
  for (const e of CATALOG) expect(r.stdout).toMatch(new RegExp(`^  ${e.name} +${e.factory}\\(\\)$`, 'm'));
  expect(r.stdout).toContain(
    [
      '  clean             clean()',
      '    Normalises text fields (NFC, invisible and control characters, whitespace, trimming) and filters',
      '    them by length.',
      '    options: fields, whitespace, minChars, maxChars',
      '    drops:   missing_content, too_short, too_long',
    ].join('\n'),
  );
  expect(r.stdout).toMatch(/^  split +split\(\)\n.*\n.*\n {4}options: validation, test, stratify, seed, stable\n {4}drops: {3}nothing$/m);
});

test('tuneset stages <name> prints one in full: types, defaults, descriptions, meanings', async () => {
  const byName = await run('stages', 'clean');
  expect(byName).toEqual({
    code: 0,
    stderr: '',
    stdout: [
      'clean: clean(options), a stage',
      'Normalises text fields (NFC, invisible and control characters, whitespace, trimming) and filters',
      'them by length.',
      '',
      'Options:',
      '  fields      string[], when absent: every top-level string or string-array field',
      '      Fields of `data` to clean (strings or arrays of strings).',
      "  whitespace  'lines' | 'collapse', default \"lines\"",
      '      `lines` keeps line breaks; `collapse` turns all whitespace into single spaces.',
      '  minChars    int >= 1, default 1',
      '      Per-field minimum length in characters after cleaning.',
      '  maxChars    int >= 1, when absent: no limit',
      '      Per-field maximum length in characters after cleaning.',
      '',
      'Drop codes:',
      '  missing_content  a field is absent, not text, or empty after cleaning; detail: the field',
      '                   (`options[2]` for an array element) and why',
      '  too_short        a field shorter than `minChars` after cleaning; detail: the field, its length and',
      '                   the minimum',
      '  too_long         a field longer than `maxChars` after cleaning; detail: the field, its length and',
      '                   the maximum',
      '',
    ].join('\n'),
  });
  // The factory name finds the same entry.
  expect((await run('stages', 'toChat')).stdout).toMatch(/^format: toChat\(options\), a stage\n/);
  expect((await run('stages', 'format')).stdout).toContain('  user       (data) => string, required\n');
});

test('an unknown stage name is a usage error listing the known ones', async () => {
  const r = await run('stages', 'dedup');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`error: no source or stage named "dedup". Known: ${CATALOG.map((e) => e.name).join(', ')}\n`);
  expect((await run('stages', 'clean', 'dedupe')).code).toBe(2);
});

test('tuneset run <pipeline> --help lists its parameters with type, default and description', async () => {
  const r = await run('run', 'pipelines/ar-lsat.ts', '--help');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: tuneset run <pipeline\.ts>/);
  expect(r.stdout).toContain(
    [
      'Parameters of ar-lsat (--param NAME=VALUE):',
      '  validation      number 0..0.9, default 0.15',
      '      Share of passages held out for validation.',
      '  seed            int >= 0, default 7',
      '      Changes which passages go where, nothing else.',
      '  decontaminate   string, when absent: no decontamination',
      '      Evaluation files whose questions must stay out of training (comma-separated paths or URLs).',
      '  nearDuplicates  number 0..1, default 0.95',
      '      Near-duplicate threshold (Jaccard of word 5-gram shingles over passage, question and options);',
    ].join('\n'),
  );
  const docsQa = await run('run', 'pipelines/docs-qa.ts', '--help');
  expect(docsQa.stdout).toContain("  render       'static' | 'browser' | 'auto', default \"auto\"\n");
  // Without a pipeline, the general help alone.
  expect((await run('run', '--help')).stdout).not.toContain('Parameters of');
});
